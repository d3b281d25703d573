/**
 * The message options sent for an answer: one embed, its buttons, and mentions switched off —
 * on every reply and update, so report or user text (“@everyone”) can never ping anyone.
 * Refusals of the asker's own input are ephemeral: only the asker sees them.
 */
import {
  AttachmentBuilder,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
  type JSONEncodable,
  MessageFlags,
  type MessageMentionOptions,
  type MessageReplyOptions,
} from "discord.js";
import type { Answer, ErrorInfo } from "../../answer/answer.ts";
import { imageBytes } from "../../answer/image.ts";
import { answerButtons, type CustomIdStore } from "./buttons.ts";
import { renderEmbed } from "./render.ts";

/**
 * Hands discord.js API JSON as it is. Given plain objects, discord.js rebuilds every embed
 * and button through its builders, converting each key to snake_case on the way — a tenth
 * of a millisecond per reply for JSON that is already in Discord's form.
 */
function asIs<T>(json: T): JSONEncodable<T> {
  return { toJSON: () => json };
}

/** Mentions that notify: none. */
export const NO_MENTIONS: MessageMentionOptions = Object.freeze({ parse: [] });
/** The same for a reply to a message, which would notify its author by default. */
export const NO_REPLY_MENTIONS: MessageMentionOptions = Object.freeze({ parse: [], repliedUser: false });

// A mistyped command or argument concerns the asker alone; "nothing found" is an answer for all.
const PRIVATE_REFUSALS: ReadonlySet<ErrorInfo["code"]> = new Set([
  "bad_input",
  "too_long",
  "unknown_command",
  "forbidden",
]);

/** Whether the answer refuses the asker's input and should be seen by the asker only. */
export function isPrivateRefusal(answer: Answer): boolean {
  return !answer.ok && answer.error !== null && PRIVATE_REFUSALS.has(answer.error.code);
}

/** The name a chart is attached under, which the embed's image points at. */
export const CHART_FILE = "chart.png";

/**
 * The answer's embed, with its chart attached and shown as the embed's image when it has
 * one; otherwise no attachments, so a message that showed a chart before loses it.
 */
function embedWithChart(answer: Answer) {
  const embed = renderEmbed(answer);
  const png = imageBytes(answer);
  if (!png) return { embeds: [asIs(embed)], attachments: [] };
  return {
    embeds: [asIs({ ...embed, image: { url: `attachment://${CHART_FILE}` } })],
    files: [new AttachmentBuilder(png, { name: CHART_FILE })],
  };
}

/** The reply to a slash command or button: public, or ephemeral for a private refusal. */
export function replyOptions(answer: Answer, store: CustomIdStore): InteractionReplyOptions {
  const { embeds, files } = embedWithChart(answer);
  const options: InteractionReplyOptions = {
    embeds,
    ...(files ? { files } : {}),
    components: answerButtons(answer, store).map(asIs),
    allowedMentions: NO_MENTIONS,
  };
  return isPrivateRefusal(answer) ? { ...options, flags: MessageFlags.Ephemeral } : options;
}

/** The new content of a message whose button was pressed (its buttons and attachments replaced too). */
export function updateOptions(answer: Answer, store: CustomIdStore): InteractionUpdateOptions {
  return {
    ...embedWithChart(answer),
    components: answerButtons(answer, store).map(asIs),
    allowedMentions: NO_MENTIONS,
  };
}

/**
 * The reply to a message that asked a question: like a slash command's reply, public in any
 * case (a message has no reply only its sender sees), quoting without pinging its author.
 */
export function messageReplyOptions(answer: Answer, store: CustomIdStore): MessageReplyOptions {
  const { embeds, files } = embedWithChart(answer);
  return {
    embeds,
    ...(files ? { files } : {}),
    components: answerButtons(answer, store).map(asIs),
    allowedMentions: NO_REPLY_MENTIONS,
  };
}

/** A short ephemeral text for the user alone (apologies, expired buttons). */
export function notice(text: string): InteractionReplyOptions {
  return { content: text, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS };
}
