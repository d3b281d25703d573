/**
 * Paging that follows the conversation: each chat's last paged answer is remembered, so
 * 下一页, 更多, 上一页, 第2页 or page:2 sent alone continue it, on every platform and in
 * the console, as the answer's buttons do.
 */
import type { Answer, Paging } from "../answer/answer.ts";
import { normalizeText } from "../text/normalize.ts";
import { CHINESE_NUMERAL, parseNumeral } from "../text/numerals.ts";

/** A request to turn the page of the last paged answer. */
export type PageTurn = { kind: "next" } | { kind: "previous" } | { kind: "page"; page: number };

const NEXT = /^(下一页|下页|更多|再来一页|接着看|继续|还有吗|还有呢|还有|next|more|next page)$/;
const PREVIOUS = /^(上一页|上页|前一页|previous|prev|previous page|back)$/;
const PAGE = new RegExp(`^(?:page\\s*[:=]?\\s*(\\d+)|第\\s*(\\d+|${CHINESE_NUMERAL})\\s*页)$`);

/** Whether a message only asks for another page, and which; null for anything else. */
export function pageTurn(text: string): PageTurn | null {
  const folded = normalizeText(text).replace(/[\s。.!！?？~～…]+$/u, "");
  if (NEXT.test(folded)) return { kind: "next" };
  if (PREVIOUS.test(folded)) return { kind: "previous" };
  const m = PAGE.exec(folded);
  const page = m ? parseNumeral(m[1] ?? m[2] ?? "") : null;
  return page !== null && page >= 1 ? { kind: "page", page } : null;
}

/** The page a turn leads to from where the chat is. */
export function pageAfter(turn: PageTurn, at: Pick<Paging, "page">): number {
  return turn.kind === "next" ? at.page + 1 : turn.kind === "previous" ? at.page - 1 : turn.page;
}

/** Chats whose paged answers are remembered; beyond that the least recent chat is forgotten. */
const CHATS_KEPT = 10_000;

/** Each chat's last answer with more than one page: its command line, the page shown and how many there are. */
export class PagedConversations {
  private readonly last = new Map<string, Paging>();

  constructor(private readonly capacity = CHATS_KEPT) {}

  /** Keeps the answer if it is paged; other answers leave the chat's last paged answer as it was. */
  remember(chat: string, answer: Answer): void {
    if (!answer.paging || answer.paging.pages <= 1) return;
    this.last.delete(chat);
    this.last.set(chat, answer.paging);
    if (this.last.size > this.capacity) {
      const oldest = this.last.keys().next();
      if (!oldest.done) this.last.delete(oldest.value);
    }
  }

  /** The chat's last paged answer, or null. */
  lastPaged(chat: string): Paging | null {
    return this.last.get(chat) ?? null;
  }
}
