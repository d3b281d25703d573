/** Sending a rendered Answer: as new messages, or in place of the message whose button was pressed. */
import { type Context, GrammyError, InputFile } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { Answer } from "../../answer/answer.ts";
import { imageBytes } from "../../answer/image.ts";
import { answerKeyboard, type CallbackStore } from "./keyboard.ts";
import { renderAnswer } from "./render.ts";

function options(keyboard: InlineKeyboardMarkup | undefined) {
  return {
    parse_mode: "HTML" as const,
    link_preview_options: { is_disabled: true },
    ...(keyboard ? { reply_markup: keyboard } : {}),
  };
}

/** A photo's caption: the answer's title, short (Telegram allows 1024 characters). */
const CAPTION_MAX = 200;

function quoting(replyTo: number | undefined) {
  return replyTo === undefined
    ? {}
    : { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } };
}

/**
 * Sends the answer as one message or several (split between lines); the keyboard goes on
 * the last. An answer with a chart sends it first as a photo with the title as caption, and
 * its text after it. In groups the first message replies to the asking message.
 */
export async function sendAnswer(
  ctx: Context,
  answer: Answer,
  store: CallbackStore,
  replyTo?: number,
): Promise<void> {
  const png = imageBytes(answer);
  if (png) {
    // Cut by code point, not code unit: half an emoji would make Telegram refuse the photo.
    const title = [...answer.title.toWellFormed()];
    const caption =
      title.length > CAPTION_MAX ? `${title.slice(0, CAPTION_MAX - 1).join("")}…` : title.join("");
    await ctx.replyWithPhoto(new InputFile(png, "chart.png"), { caption, ...quoting(replyTo) });
  }
  const messages = renderAnswer(answer);
  const keyboard = answerKeyboard(answer, store);
  for (const [i, text] of messages.entries()) {
    const quote = i === 0 && !png ? quoting(replyTo) : {};
    await ctx.reply(text, { ...options(i === messages.length - 1 ? keyboard : undefined), ...quote });
  }
}

/** Telegram refuses an edit that changes nothing (a button pressed twice): that is fine. */
function isUnchanged(error: unknown): boolean {
  return error instanceof GrammyError && error.description.includes("message is not modified");
}

/**
 * Shows the answer in place of the message whose button was pressed (paging); the parts
 * that do not fit in it follow as new messages, the keyboard on the last.
 */
export async function editAnswer(ctx: Context, answer: Answer, store: CallbackStore): Promise<void> {
  // A text message cannot become a photo: a chart (the "图表" button) comes as new messages.
  if (answer.image) {
    await sendAnswer(ctx, answer, store);
    return;
  }
  const [first = "", ...rest] = renderAnswer(answer);
  const keyboard = answerKeyboard(answer, store);
  try {
    await ctx.editMessageText(first, options(rest.length === 0 ? keyboard : undefined));
  } catch (error) {
    if (!isUnchanged(error)) throw error;
  }
  for (const [i, text] of rest.entries()) {
    await ctx.reply(text, options(i === rest.length - 1 ? keyboard : undefined));
  }
}
