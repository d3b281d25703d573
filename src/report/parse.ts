import { isChrome, normaliseDigits, toLines } from "./clutter.ts";
import { ReportFileError } from "./decode.ts";
import { extractFigures } from "./figures.ts";
import { matchHeadingLine } from "./headings.ts";
import { looksLikeTitle, readMeta } from "./metadata.ts";
import { buildOutline, type Line, type OutlineNode } from "./outline.ts";
import { splitSentences } from "./sentences.ts";
import type { Figure, ListItem, ParsedReport, Section, Sentence } from "./types.ts";

/**
 * Bumped whenever parsing changes what it finds, so stored reports are parsed again
 * (it is part of the content hash) instead of serving the old reading.
 */
export const PARSER_VERSION = 2;

const PROBLEMS_TITLE = /(存在的?问题|问题和不足|不足之处|存在的?不足|短板|差距)/;
const PLAN_TITLE =
  /(工作安排|工作计划|工作打算|工作思路|下一步|下步|今后|重点工作|工作重点|工作举措|努力方向)/;

/**
 * Reads one report of the genre: drops page chrome, finds the title and metadata, builds
 * the section tree, cuts sentences, extracts figures, and picks out problems and plan.
 * `file` only names the report in errors.
 */
export function parseReport(rawText: string, file: string): ParsedReport {
  const allLines = toLines(normaliseDigits(rawText));
  const titleIndex = allLines.findIndex((l) => !isChrome(l) && looksLikeTitle(l));
  const title = titleIndex >= 0 ? (allLines[titleIndex] as string) : null;

  // The cleaned text: every line after the title that is neither chrome nor the title again.
  const kept: Line[] = [];
  let offset = 0;
  for (const text of allLines.slice(titleIndex + 1)) {
    if (isChrome(text) || text === title) continue;
    kept.push({ text, offset });
    offset += text.length + 1;
  }
  if (
    !kept.some((l) => matchHeadingLine(l.text)?.style === "part" || matchHeadingLine(l.text)?.style === "sub")
  ) {
    throw new ReportFileError(
      file,
      "no numbered headings (一、 or （一）) were found: this does not read as a report",
    );
  }
  const text = kept.map((l) => l.text).join("\n");
  const nodes = buildOutline(kept);
  const meta = readMeta(title ?? (kept[0]?.text as string), allLines, text.slice(0, 400));

  const byId = new Map(nodes.map((n) => [n.id, n]));
  // A figure's section is its part or sub-section; deeper items are named by nodeId.
  const headingOf = (node: OutlineNode): string => {
    let n: OutlineNode | undefined = node;
    while (n && (n.inline || n.depth > 2) && n.parentId) n = byId.get(n.parentId);
    return n?.id ?? node.id;
  };

  const sentences: Sentence[] = [];
  const figures: Figure[] = [];
  for (const node of nodes) {
    for (const span of splitSentences(node.text)) {
      const sentenceIndex = sentences.length;
      sentences.push({ sectionId: node.id, index: sentenceIndex, text: span.text });
      figures.push(
        ...extractFigures(span.text, {
          sectionId: headingOf(node),
          nodeId: node.id,
          sentenceIndex,
          offset: node.textOffset + span.start,
        }),
      );
    }
  }

  const sections: Section[] = nodes.map(({ textOffset: _offset, ...section }) => section);
  return {
    meta,
    sections,
    sentences,
    figures,
    problems: listUnder(sections, PROBLEMS_TITLE, null),
    plan: listUnder(sections, PLAN_TITLE, PROBLEMS_TITLE),
    text,
  };
}

/**
 * The items of the first section whose title matches: each child, or each grandchild
 * where a child enumerates its own items. A section titled for both (存在的问题和下一步打算)
 * is skipped in favour of its children, which split the two.
 */
function listUnder(sections: Section[], wanted: RegExp, other: RegExp | null): ListItem[] {
  const childrenOf = (id: string) => sections.filter((s) => s.parentId === id);
  const home = sections.find(
    (s) => s.id !== "0" && !s.inline && wanted.test(s.title) && !(other?.test(s.title) ?? false),
  );
  if (!home) return [];
  const children = childrenOf(home.id);
  const leaves =
    children.length === 0
      ? [home]
      : children.flatMap((c) => {
          const grand = childrenOf(c.id);
          return grand.length > 0 ? grand : [c];
        });
  return leaves.map((s, i) => ({ position: i + 1, sectionId: s.id, title: s.title, text: s.text }));
}
