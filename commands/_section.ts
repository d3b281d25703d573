import type { Answer, Block } from "../src/answer/answer.ts";
import { answer } from "../src/answer/build.ts";
import { figureView } from "../src/answer/views.ts";
import type { ReportIndex } from "../src/query/report-index.ts";
import type { Section } from "../src/report/types.ts";
import { short } from "./_report.ts";

const KEY_FIGURES = 5;

/**
 * Key figures of a section: the first figure of each item, then the rest in report order,
 * so a summary shows the spread of the section rather than one paragraph's numbers.
 */
function keyFigures(report: ReportIndex, section: Section) {
  const inside = report.figures.filter(
    (f) => f.nodeId === section.id || f.nodeId.startsWith(`${section.id}.`),
  );
  const firstPerNode = inside.filter((f, i) => inside.findIndex((g) => g.nodeId === f.nodeId) === i);
  const rest = inside.filter((f) => !firstPerNode.includes(f));
  return [...firstPerNode, ...rest].slice(0, KEY_FIGURES).sort((a, b) => a.offset - b.offset);
}

/** The opening of a section's own text (after a run-in title), when it has no items to summarise it. */
function opening(section: Section, max = 160): string {
  const body = section.text.startsWith(section.title)
    ? section.text.slice(section.title.length).replace(/^[。:：]/, "")
    : section.text;
  const first = body
    .split(/(?<=[。！？])/)
    .slice(0, 2)
    .join("");
  return short(first.replace(/\s+/g, ""), max);
}

/** A section summary: title, lead points, key figures, sub-sections, with navigation. */
export function sectionAnswer(command: string, report: ReportIndex, section: Section): Answer {
  const children = report.childrenOf(section.id);
  const points = children.filter((c) => c.inline);
  const subs = children.filter((c) => !c.inline);
  const figures = keyFigures(report, section).map((f) => figureView(report, f));
  const blocks: Block[] = [];
  const intro = opening(section);
  if (intro !== "") blocks.push({ kind: "paragraph", text: intro });
  if (points.length > 0)
    blocks.push(
      { kind: "heading", text: "要点" },
      { kind: "list", ordered: true, items: points.map((p) => short(p.title, 80)) },
    );
  if (figures.length > 0)
    blocks.push({ kind: "heading", text: "主要数字" }, { kind: "figures", figures, startAt: 1 });
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
    ],
  });
}
