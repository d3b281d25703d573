/**
 * Buttons for an answer's paging and follow-up actions. A button carries the command line it
 * runs in its custom_id; Discord allows 100 characters, so a longer line is kept in a small
 * in-memory LRU map and the button carries a short key instead.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import type { Action, Answer } from "../../answer/answer.ts";
import { ButtonLines } from "../button-lines.ts";
import { clip } from "./render.ts";

/** Discord's limits for buttons. */
export const BUTTON_LIMITS = { customId: 100, label: 80, perRow: 5, rows: 5 } as const;

/** A row of buttons, as sent in a message's components. */
export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** The command lines behind buttons, within Discord's 100 characters of custom_id. */
export class CustomIdStore extends ButtonLines {
  constructor(capacity = 5000) {
    super((customId) => customId.length <= BUTTON_LIMITS.customId, capacity);
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
    // As encoded: two lines that differ only in a lone surrogate are one custom_id.
    const line = a?.command.toWellFormed();
    if (!a || line === undefined || seen.has(line)) return false;
    seen.add(line);
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
