/**
 * Buttons for an answer's paging and follow-up actions. A button carries the command line it
 * runs in its custom_id; Discord allows 100 characters, so a longer line is kept in a small
 * in-memory LRU map and the button carries a short key instead.
 */
import { randomBytes } from "node:crypto";
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import type { Action, Answer } from "../../answer/answer.ts";
import { clip } from "./render.ts";

/** Discord's limits for buttons. */
export const BUTTON_LIMITS = { customId: 100, label: 80, perRow: 5, rows: 5 } as const;

const LINE_PREFIX = "c:";
const KEY_PREFIX = "k:";

/** A row of buttons, as sent in a message's components. */
export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** Maps custom_ids to command lines and back; remembers the most recent long lines. */
export class CustomIdStore {
  private readonly lines = new Map<string, string>();
  // Keys from an earlier process must not find this process's lines.
  private readonly boot = randomBytes(3).toString("hex");
  private counter = 0;

  constructor(private readonly capacity = 5000) {}

  /** The custom_id for a command line: the line itself when it fits, else a key. */
  encode(command: string): string {
    // Discord refuses a lone surrogate (not UTF-8); it would not come back the same anyway.
    const line = command.toWellFormed();
    const direct = LINE_PREFIX + line;
    if (direct.length <= BUTTON_LIMITS.customId) return direct;
    const key = `${KEY_PREFIX}${this.boot}${(this.counter++).toString(36)}`;
    this.lines.set(key, line);
    if (this.lines.size > this.capacity) {
      const oldest = this.lines.keys().next();
      if (!oldest.done) this.lines.delete(oldest.value);
    }
    return key;
  }

  /** The command line behind a button, or null when its key has expired (or the id is foreign). */
  decode(customId: string): string | null {
    if (customId.startsWith(LINE_PREFIX)) return customId.slice(LINE_PREFIX.length);
    const line = this.lines.get(customId);
    if (line === undefined) return null;
    // Used again: it becomes the most recent.
    this.lines.delete(customId);
    this.lines.set(customId, line);
    return line;
  }
}

function row(actions: readonly Action[], store: CustomIdStore): ButtonRow {
  return {
    type: ComponentType.ActionRow,
    components: actions.map(
      (a): APIButtonComponentWithCustomId => ({
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: clip(a.label.toWellFormed(), BUTTON_LIMITS.label),
        custom_id: store.encode(a.command),
      }),
    ),
  };
}

/**
 * Button rows for paging (‹ previous, next ›) and then the answer's actions, within Discord's
 * five rows of five. A command line gets one button only: custom_ids must differ in a message.
 */
export function answerButtons(answer: Answer, store: CustomIdStore): ButtonRow[] {
  const seen = new Set<string>();
  const fresh = (a: Action | null | undefined): a is Action => {
    if (!a || seen.has(a.command)) return false;
    seen.add(a.command);
    return true;
  };
  const rows: ButtonRow[] = [];
  const paging = [answer.paging?.previous, answer.paging?.next].filter(fresh);
  if (paging.length > 0) rows.push(row(paging, store));
  const actions = answer.actions.filter(fresh);
  for (let i = 0; i < actions.length && rows.length < BUTTON_LIMITS.rows; i += BUTTON_LIMITS.perRow) {
    rows.push(row(actions.slice(i, i + BUTTON_LIMITS.perRow), store));
  }
  return rows;
}
