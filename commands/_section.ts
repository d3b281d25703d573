import type { Answer, Block } from "../src/answer/answer.ts";
import { answer } from "../src/answer/build.ts";
import { figureView } from "../src/answer/views.ts";
import type { ReportIndex } from "../src/query/report-index.ts";
import type { Figure, Section } from "../src/report/types.ts";
import { short } from "./_report.ts";

const KEY_FIGURES = 5;

/**
 * Key figures of a section: its heaviest (see FigureWeights), in report order. A rate whose
 * count is in the section is shown beside that count (成功率99 %), not in a line of its own.
 */
function keyFigures(report: ReportIndex, inside: readonly Figure[], section: Section): Figure[] {
  const weights = report.figureWeights;
  const counted = (f: Figure) => {
    const count = weights.role(f).countOf;
    return count !== null && inside.includes(count);
  };
  return weights.heaviest(
    inside.filter((f) => !counted(f)),
    KEY_FIGURES,
    section.id,
  );
}

/**
 * The opening of a section's own text (after a run-in title), when it has no items to
 * summarise it: whole sentences up to `max` characters, else the first sentence cut after a
 * clause, never inside a word; `cut` when there is more to read.
 */
function opening(section: Section, max = 160): { text: string; cut: boolean } {
  const body = (
    section.text.startsWith(section.title)
      ? section.text.slice(section.title.length).replace(/^[。:：]/, "")
      : section.text
  ).replace(/\s+/g, "");
  let text = "";
  for (const sentence of body.split(/(?<=[。！？])/)) {
    if (text.length + sentence.length > max) break;
    text += sentence;
  }
  if (text === "") {
    const clauseEnd = Math.max(...[",", "，", ";", "；", "、"].map((mark) => body.lastIndexOf(mark, max)));
    text = body.slice(0, clauseEnd > 0 ? clauseEnd + 1 : max);
  }
  return { text, cut: text.length < body.length };
}

/** A section summary: title, lead points, key figures, sub-sections, with navigation. */
export function sectionAnswer(command: string, report: ReportIndex, section: Section): Answer {
  const children = report.childrenOf(section.id);
  // A review that closes on its problems (一是经济基础仍然薄弱…) lists them as such, not as its points.
  const problemTitles = new Set(report.problems.map((p) => p.title));
  const points = children.filter((c) => c.inline && !problemTitles.has(c.title));
  const problems = children.filter((c) => c.inline && problemTitles.has(c.title));
  const subs = children.filter((c) => !c.inline);
  const inside = report.figuresUnder(section.id);
  const figures = keyFigures(report, inside, section).map((f) => figureView(report, f));
  const blocks: Block[] = [];
  const intro = opening(section);
  if (intro.text !== "")
    blocks.push({
      kind: "paragraph",
      text: intro.cut ? `${intro.text}… (全文: /quote ${section.id})` : intro.text,
    });
  if (points.length > 0)
    blocks.push(
      { kind: "heading", text: "要点" },
      { kind: "list", ordered: true, items: points.map((p) => short(p.title, 80)) },
    );
  if (problems.length > 0)
    blocks.push(
      { kind: "heading", text: "存在的问题 (/problems)" },
      { kind: "list", ordered: true, items: problems.map((p) => short(p.title, 80)) },
    );
  if (figures.length > 0)
    blocks.push({ kind: "heading", text: "主要数字" }, { kind: "figures", figures, startAt: 1 });
  if (inside.length > figures.length)
    blocks.push({ kind: "paragraph", text: `共${inside.length}项数字, /stat ${section.id} 查看全部` });
  if (subs.length > 0)
    blocks.push(
      { kind: "heading", text: "下设" },
      { kind: "list", ordered: false, items: subs.map((s) => `${s.id} ${short(s.title, 50)}`) },
    );
  const siblings = report.sections.filter(
    (s) => s.parentId === section.parentId && s.inline === section.inline && s.id !== "0",
  );
  const at = siblings.findIndex((s) => s.id === section.id);
  const previous = siblings[at - 1];
  const next = siblings[at + 1];
  return answer(command, {
    title: `${section.id} ${section.title}`,
    blocks,
    figures,
    sections: [section, ...children].map((s) => ({ id: s.id, title: s.title })),
    report: report.ref(),
    actions: [
      ...(previous ? [{ label: `‹ ${previous.id}`, command: `/section ${previous.id}` }] : []),
      ...(section.parentId
        ? [{ label: `↑ ${section.parentId}`, command: `/section ${section.parentId}` }]
        : []),
      ...(next ? [{ label: `${next.id} ›`, command: `/section ${next.id}` }] : []),
      { label: "原文", command: `/quote ${section.id}` },
    ],
  });
}
