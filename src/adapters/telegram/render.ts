/**
 * Encodes a neutral Answer as Telegram HTML messages. Every piece of report or user text
 * is escaped; every line is complete HTML on its own, so the text can be split between
 * any two lines.
 */
import type { Answer, Block, FigureView } from "../../answer/answer.ts";
import { sectionTag } from "../../answer/text.ts";

/** Telegram's limit for one message's text. */
export const MESSAGE_LIMIT = 4096;

/**
 * Escapes text for Telegram's HTML parse mode (only &, < and > are special); a lone
 * surrogate, which Telegram refuses as invalid UTF-8, becomes U+FFFD.
 */
export function escapeHtml(text: string): string {
  return text.toWellFormed().replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** One figure as a line: "法律援助案件: <b>1114件</b> 〔1.7 加强基层治理…〕". */
export function figureHtml(f: FigureView): string {
  const outer = f.qualifier && !f.raw.includes(f.qualifier) ? f.qualifier : "";
  const change = f.change === "increase" ? " (增加)" : f.change === "decrease" ? " (减少)" : "";
  const related = f.related ? `, ${escapeHtml(f.related)}` : "";
  return `${escapeHtml(f.label)}: <b>${escapeHtml(outer + f.raw)}</b>${change}${related} 〔${escapeHtml(f.sectionId)} ${escapeHtml(f.sectionTitle)}〕`;
}

/** The source sentence of a figure, in italics. */
export function sentenceHtml(sentence: string): string {
  return `<i>“${escapeHtml(sentence)}”</i>`;
}

function blockLines(block: Block): string[] {
  switch (block.kind) {
    case "heading":
      return [`<b>${escapeHtml(block.text)}</b>`];
    case "paragraph":
      return block.text.split("\n").map(escapeHtml);
    case "list":
      return block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : "•"} ${escapeHtml(item)}`);
    case "figures":
      return block.figures.flatMap((f, i) => [
        `${block.startAt + i}. ${figureHtml(f)}`,
        `    ${sentenceHtml(f.sentence)}`,
      ]);
    case "sentences":
      return block.sentences.map(
        (s, i) =>
          `${block.startAt + i}. <i>${escapeHtml(sectionTag(s.sectionId, s.sectionTitle))}</i>${escapeHtml(s.text)}`,
      );
  }
}

/** The answer as HTML lines: bold title, blocks, suggestions, paging line and source. */
export function answerLines(answer: Answer): string[] {
  const lines = [`<b>${escapeHtml(answer.title)}</b>`];
  for (const block of answer.blocks) lines.push("", ...blockLines(block));
  if (answer.suggestions.length > 0) {
    lines.push("", `试试: ${answer.suggestions.map(escapeHtml).join(" · ")}`);
  }
  if (answer.paging && answer.paging.pages > 1) {
    const { page, pages, total } = answer.paging;
    lines.push("", `<i>第${page}/${pages}页, 共${total}项</i>`);
  }
  if (answer.report) lines.push("", `<i>来源: ${escapeHtml(answer.report.title)}</i>`);
  return lines;
}

/**
 * Cuts one over-long line into pieces of at most `max` characters. Its tags are dropped
 * (a tag cut in two would be refused) and no entity such as &amp; or surrogate pair is split.
 */
function hardSplit(line: string, max: number): string[] {
  let rest = line.replace(/<[^>]*>/g, "");
  const pieces: string[] = [];
  while (rest.length > max) {
    let cut = max;
    const amp = rest.lastIndexOf("&", cut - 1);
    if (amp >= 0 && amp > cut - 6 && rest.indexOf(";", amp) >= cut) cut = amp;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

/** Joins lines into messages of at most `max` characters, breaking only between lines. */
export function splitMessages(lines: readonly string[], max = MESSAGE_LIMIT): string[] {
  const messages: string[] = [];
  let current: string[] = [];
  let size = 0;
  const flush = () => {
    const text = current.join("\n").trim();
    // A message that would show nothing (an empty heading left after a long line: <b></b>)
    // is not sent: Telegram refuses it.
    if (text.replace(/<[^>]*>/g, "").trim() !== "") messages.push(text);
    current = [];
    size = 0;
  };
  for (const line of lines) {
    if (line.length > max) {
      flush();
      messages.push(...hardSplit(line, max).filter((piece) => piece.trim() !== ""));
      continue;
    }
    const added = current.length === 0 ? line.length : size + 1 + line.length;
    if (added > max) {
      flush();
      current.push(line);
      size = line.length;
    } else {
      current.push(line);
      size = added;
    }
  }
  flush();
  return messages;
}

/** The answer as one or more HTML messages, each under Telegram's limit. */
export function renderAnswer(answer: Answer, max = MESSAGE_LIMIT): string[] {
  if (max !== MESSAGE_LIMIT) return splitMessages(answerLines(answer), max);
  let messages = rendered.get(answer);
  if (!messages) {
    messages = splitMessages(answerLines(answer), max);
    rendered.set(answer, messages);
  }
  return messages;
}

// A cached answer comes back as the same object on every hit (see Dispatcher): its HTML is
// kept as long as the answer is, instead of being escaped and split again each time.
const rendered = new WeakMap<Answer, string[]>();
