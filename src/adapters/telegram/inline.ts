/** Inline mode (@bot 法律援助 in any chat): the matching figures as articles to pick from. */
import type { InlineQueryResultArticle } from "grammy/types";
import type { Answer, FigureView } from "../../answer/answer.ts";
import { escapeHtml, figureHtml, sentenceHtml, splitMessages } from "./render.ts";

/** The page an inline query's offset asks for (Telegram passes back our next_offset). */
export function inlinePage(offset: string): number {
  const page = Number.parseInt(offset, 10);
  return Number.isInteger(page) && page > 1 ? page : 1;
}

/** The /stat arguments for an inline query and page. */
export function inlineStatArgs(query: string, page: number): string {
  return page > 1 ? `${query} page:${page}` : query;
}

function article(f: FigureView, id: string, source: string | null): InlineQueryResultArticle {
  const lines = [figureHtml(f), sentenceHtml(f.sentence)];
  if (source) lines.push(`<i>来源: ${escapeHtml(source)}</i>`);
  // The article is sent as one message: whatever would not fit in it is left out.
  const [text = escapeHtml(f.raw)] = splitMessages(lines);
  return {
    type: "article",
    id,
    title: `${f.label} ${f.raw}`.toWellFormed(),
    description: `${f.sectionId} ${f.sectionTitle}`.toWellFormed(),
    input_message_content: { message_text: text, parse_mode: "HTML" },
  };
}

/** One article per figure of a /stat answer, with ids unique across pages. */
export function inlineResults(answer: Answer, page: number): InlineQueryResultArticle[] {
  if (!answer.ok) return [];
  return answer.figures.map((f, i) => article(f, `p${page}-${i}`, answer.report?.title ?? null));
}

/** The offset for the next page of results, or "" when this was the last. */
export function nextOffset(answer: Answer, page: number): string {
  return answer.paging?.next ? String(page + 1) : "";
}
