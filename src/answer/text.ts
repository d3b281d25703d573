import type { Answer, Block, FigureView, SentenceView } from "./answer.ts";

/** Longest text an answer may carry: under Telegram's 4096 with room for markup. */
export const MAX_TEXT = 4000;

/** One figure as a text line: "法律援助案件 1114件 (1.7 加强基层治理…)". */
export function figureLine(f: FigureView): string {
  const change = f.change === "increase" ? " (增加)" : f.change === "decrease" ? " (减少)" : "";
  const outer = f.qualifier && !f.raw.includes(f.qualifier) ? f.qualifier : "";
  const related = f.related ? `, ${f.related}` : "";
  return `${f.label}: ${outer}${f.raw}${change}${related} 〔${f.sectionId} ${f.sectionTitle}〕`;
}

/** Where an answer's line comes from: 〔1.7 加强基层治理…〕, or 〔1.7〕 when the title is not to be repeated. */
export function sectionTag(id: string, title: string): string {
  return title === "" ? `〔${id}〕` : `〔${id} ${title}〕`;
}

export function sentenceLine(s: SentenceView): string {
  return `${sectionTag(s.sectionId, s.sectionTitle)}${s.text}`;
}

function blockLines(block: Block): string[] {
  switch (block.kind) {
    case "heading":
      return [`【${block.text}】`];
    case "paragraph":
      return [block.text];
    case "list":
      return block.items.map((item, i) => (block.ordered ? `${i + 1}. ${item}` : `• ${item}`));
    case "figures":
      return block.figures.flatMap((f, i) => [
        `${block.startAt + i}. ${figureLine(f)}`,
        `   “${f.sentence}”`,
      ]);
    case "sentences":
      return block.sentences.map((s, i) => `${block.startAt + i}. ${sentenceLine(s)}`);
  }
}

/** Cuts text at a line boundary so it fits, saying that it was cut. */
export function fitText(text: string, max = MAX_TEXT): string {
  if (text.length <= max) return text;
  const marker = "\n…";
  const cut = text.lastIndexOf("\n", max - marker.length);
  return `${text.slice(0, cut > 0 ? cut : max - marker.length)}${marker}`;
}

/** The plain-text rendering: title, blocks, paging and follow-ups, and the source report. */
export function renderText(answer: Omit<Answer, "text">): string {
  const lines = [answer.title, ...answer.blocks.flatMap((b) => ["", ...blockLines(b)])];
  if (answer.suggestions.length > 0) lines.push("", `试试: ${answer.suggestions.join(" · ")}`);
  if (answer.paging && answer.paging.pages > 1) {
    const { page, pages, next } = answer.paging;
    lines.push("", `第${page}/${pages}页${next ? ` · 看下一页: 发“下一页”或 ${next.command}` : ""}`);
  }
  if (answer.report) lines.push("", `来源: ${answer.report.title}`);
  return fitText(lines.join("\n").trim());
}
