/**
 * Inline keyboards for an answer's paging and follow-up actions. A button carries the
 * command line it runs; Telegram allows 64 bytes of callback data, so a longer line is
 * kept in a small in-memory LRU map and the button carries its key instead.
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { Action, Answer } from "../../answer/answer.ts";
import { ButtonLines } from "../button-lines.ts";

/** Telegram's limit for callback_data, in UTF-8 bytes. */
export const CALLBACK_DATA_LIMIT = 64;

/** The command lines behind buttons, within Telegram's 64 bytes of callback_data. */
export class CallbackStore extends ButtonLines {
  constructor(capacity = 2000) {
    super((data) => Buffer.byteLength(data, "utf8") <= CALLBACK_DATA_LIMIT, capacity);
  }
}

const ACTIONS_PER_ROW = 2;

function button(action: Action, store: CallbackStore): InlineKeyboardButton {
  return { text: action.label.toWellFormed(), callback_data: store.encode(action.command) };
}

/** Buttons for paging (‹ previous, next ›) and the answer's actions; undefined when there are none. */
export function answerKeyboard(answer: Answer, store: CallbackStore): InlineKeyboardMarkup | undefined {
  const rows: InlineKeyboardButton[][] = [];
  const paging = [answer.paging?.previous, answer.paging?.next].filter((a): a is Action => Boolean(a));
  if (paging.length > 0) rows.push(paging.map((a) => button(a, store)));
  for (let i = 0; i < answer.actions.length; i += ACTIONS_PER_ROW) {
    rows.push(answer.actions.slice(i, i + ACTIONS_PER_ROW).map((a) => button(a, store)));
  }
  return rows.length > 0 ? { inline_keyboard: rows } : undefined;
}
