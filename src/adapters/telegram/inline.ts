/**
 * Inline mode (@bot 法律援助案件有多少件 in any chat): the question's figures as articles to
 * pick from, or its whole answer (the plan, a section…) as one article.
 */
import type { InlineQueryResultArticle } from "grammy/types";
import type { Answer, FigureView } from "../../answer/answer.ts";
import { escapeHtml, figureHtml, renderAnswer, sentenceHtml, splitMessages } from "./render.ts";

/** The page an inline query's offset asks for (Telegram passes back our next_offset). */
export function inlinePage(offset: string): number {
  const page = Number.parseInt(offset, 10);
  return Number.isInteger(page) && page > 1 ? page : 1;
}

/** The /ask arguments for an inline query and page. */
export function inlineArgs(query: string, page: number): string {
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

/** An answer without figures as one article: its first message, titled by how the question was read. */
function answerArticle(answer: Answer, id: string): InlineQueryResultArticle {
  const [text = escapeHtml(answer.title)] = renderAnswer(answer);
  const heading = answer.blocks.find((b) => b.kind === "heading");
  return {
    type: "article",
    id,
    title: answer.title.toWellFormed(),
    ...(heading?.kind === "heading" ? { description: heading.text.toWellFormed() } : {}),
    input_message_content: { message_text: text, parse_mode: "HTML" },
  };
}

/** One article per figure of an answer, with ids unique across pages; an answer without figures as one. */
export function inlineResults(answer: Answer, page: number): InlineQueryResultArticle[] {
  if (!answer.ok) return [];
  if (answer.figures.length === 0) return [answerArticle(answer, `p${page}-answer`)];
  return answer.figures.map((f, i) => article(f, `p${page}-${i}`, answer.report?.title ?? null));
}

/** The offset for the next page of results, or "" when this was the last. */
export function nextOffset(answer: Answer, page: number): string {
  return answer.paging?.next ? String(page + 1) : "";
}
