/**
 * Inline keyboards for an answer's paging and follow-up actions. A button carries the
 * command line it runs; Telegram allows 64 bytes of callback data, so a longer line is
 * kept in a small in-memory LRU map and the button carries its key instead.
 */
import { randomBytes } from "node:crypto";
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { Action, Answer } from "../../answer/answer.ts";

/** Telegram's limit for callback_data, in UTF-8 bytes. */
export const CALLBACK_DATA_LIMIT = 64;

const LINE_PREFIX = "c:";
const KEY_PREFIX = "k:";

/** Maps button data to command lines and back; remembers the most recent long lines. */
export class CallbackStore {
  private readonly lines = new Map<string, string>();
  // Keys from an earlier process must not find this process's lines.
  private readonly boot = randomBytes(3).toString("hex");
  private counter = 0;

  constructor(private readonly capacity = 2000) {}

  /** The callback_data for a command line: the line itself when it fits, else a key. */
  encode(command: string): string {
    // Telegram refuses a lone surrogate (not UTF-8); it would not come back the same anyway.
    const line = command.toWellFormed();
    const direct = LINE_PREFIX + line;
    if (Buffer.byteLength(direct, "utf8") <= CALLBACK_DATA_LIMIT) return direct;
    const key = `${KEY_PREFIX}${this.boot}${(this.counter++).toString(36)}`;
    this.lines.set(key, line);
    if (this.lines.size > this.capacity) {
      const oldest = this.lines.keys().next();
      if (!oldest.done) this.lines.delete(oldest.value);
    }
    return key;
  }

  /** The command line behind a button, or null when its key has expired (or the data is foreign). */
  decode(data: string): string | null {
    if (data.startsWith(LINE_PREFIX)) return data.slice(LINE_PREFIX.length);
    const line = this.lines.get(data);
    if (line === undefined) return null;
    // Used again: it becomes the most recent.
    this.lines.delete(data);
    this.lines.set(data, line);
    return line;
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
