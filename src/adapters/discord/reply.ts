/**
 * The message options sent for an answer: one embed, its buttons, and mentions switched off —
 * on every reply and update, so report or user text (“@everyone”) can never ping anyone.
 * Refusals of the asker's own input are ephemeral: only the asker sees them.
 */
import {
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
  MessageFlags,
  type MessageMentionOptions,
} from "discord.js";
import type { Answer, ErrorInfo } from "../../answer/answer.ts";
import { answerButtons, type CustomIdStore } from "./buttons.ts";
import { renderEmbed } from "./render.ts";

/** Mentions that notify: none. */
export const NO_MENTIONS: MessageMentionOptions = Object.freeze({ parse: [] });

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

/** The reply to a slash command or button: public, or ephemeral for a private refusal. */
export function replyOptions(answer: Answer, store: CustomIdStore): InteractionReplyOptions {
  const options: InteractionReplyOptions = {
    embeds: [renderEmbed(answer)],
    components: answerButtons(answer, store),
    allowedMentions: NO_MENTIONS,
  };
  return isPrivateRefusal(answer) ? { ...options, flags: MessageFlags.Ephemeral } : options;
}

/** The new content of a message whose button was pressed (its buttons replaced too). */
export function updateOptions(answer: Answer, store: CustomIdStore): InteractionUpdateOptions {
  return {
    embeds: [renderEmbed(answer)],
    components: answerButtons(answer, store),
    allowedMentions: NO_MENTIONS,
  };
}

/** A short ephemeral text for the user alone (apologies, expired buttons). */
export function notice(text: string): InteractionReplyOptions {
  return { content: text, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS };
}
