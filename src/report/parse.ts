import { normaliseDigits, toLines } from "./clutter.ts";
import { ReportFileError } from "./decode.ts";
import { extractFigures } from "./figures.ts";
import { GENRES, partRole, recogniseGenre } from "./genres/index.ts";
import type { Genre, PartRole } from "./genres/types.ts";
import { planItems, problemItems } from "./lists.ts";
import { openingYearIn, readMeta, workYearsIn } from "./metadata.ts";
import { buildOutline, type Line, type OutlineNode, splitRunOnHeadings } from "./outline.ts";
import { partHeadingReader, readPage } from "./page.ts";
import { splitSentences } from "./sentences.ts";
import { headingNode } from "./tree.ts";
import type { Figure, ParsedReport, Section, Sentence } from "./types.ts";

/**
 * Bumped whenever parsing changes what it finds, so stored reports are parsed again
 * (it is part of the content hash) instead of serving the old reading.
 */
export const PARSER_VERSION = 19;

export interface ParseOptions {
  /** The genres to recognise (default: every registered genre). */
  genres?: readonly Genre[];
  /** Where the text was fetched from or says it was saved from. */
  sourceUrl?: string | null;
}

/** How many lines from the top may hold the title, for recognising the genre. */
const TITLE_ZONE = 40;

/**
 * Reads one report: recognises its genre, drops page clutter, finds the metadata, builds
 * the section tree, cuts sentences, extracts figures, and picks out problems and plan.
 * `file` only names the report in errors.
 */
export function parseReport(rawText: string, file: string, options: ParseOptions = {}): ParsedReport {
  const allLines = toLines(normaliseDigits(rawText));
  const genre = recogniseGenre(allLines.slice(0, TITLE_ZONE), allLines.join("\n"), options.genres ?? GENRES);
  const page = readPage(allLines, genre);

  const kept: Line[] = [];
  let offset = 0;
  for (const text of page.body) {
    kept.push({ text, offset });
    offset += text.length + 1;
  }
  const partHeading = partHeadingReader(page.body, genre);
  if (!kept.some((l) => partHeading(l.text) !== null)) {
    throw new ReportFileError(
      file,
      "no numbered headings (一、 or （一）) or part titles were found: this does not read as a report",
    );
  }
  const text = kept.map((l) => l.text).join("\n");
  const nodes = buildOutline(splitRunOnHeadings(kept), (l) => partHeading(l) === "named");
  const sections: Section[] = nodes.map(({ textOffset: _offset, more, ...section }) => ({
    ...section,
    text: [section.text, ...more.map((run) => run.text)].filter((t) => t !== "").join("\n"),
  }));

  const byId = new Map(nodes.map((n) => [n.id, n]));
  const roleOf = (node: OutlineNode): PartRole | null => {
    let n: OutlineNode | undefined = node;
    while (n?.parentId) n = byId.get(n.parentId);
    return n && n.id !== "0" ? partRole(genre, n.title) : null;
  };

  const sentences: Sentence[] = [];
  const figures: Figure[] = [];
  for (const { node, text: runText, offset } of runsInOrder(nodes)) {
    const inPlan = roleOf(node) === "plan";
    // A figure's section is its part or sub-section; deeper items are named by nodeId.
    const sectionId = headingNode(node, byId).id;
    for (const span of splitSentences(runText)) {
      const sentenceIndex = sentences.length;
      sentences.push({ sectionId: node.id, index: sentenceIndex, text: span.text });
      const found = extractFigures(span.text, {
        sectionId,
        nodeId: node.id,
        sentenceIndex,
        offset: offset + span.start,
        kinds: genre.figureKinds,
        inPlan,
      });
      const base = figures.length;
      // The figures are this sentence's own, new objects: their links are moved in place (a
      // copy by spread took V8's slow path, a microsecond and more for every figure).
      for (const f of found) {
        if (f.linkedTo !== null) f.linkedTo += base;
        figures.push(f);
      }
    }
  }

  const partsOf = (role: PartRole) =>
    sections.filter((s) => s.parentId === null && s.id !== "0" && partRole(genre, s.title) === role);
  const reviews = partsOf("review");
  // The plan's year is the latest a plan part names: of 关于2019年工作 and 关于2020年工作,
  // both read as plans by their titles, the first is the review.
  const planYears = partsOf("plan").flatMap((s) => workYearsIn(s.title));
  const meta = readMeta({
    genre,
    page,
    allLines,
    text,
    // A review part whose title names no year may open with it (2022年是…).
    reviewYear: reviews.flatMap((s) => workYearsIn(s.title))[0] ?? openingYearIn(reviews[0]?.text ?? ""),
    planYear: planYears.length > 0 ? Math.max(...planYears) : null,
    sourceUrl: options.sourceUrl ?? null,
  });

  // The heading section of the node a line offset falls in (nodes are in document order;
  // a part's text after its one-paragraph areas is the part's).
  const sectionAt = (at: number): string => {
    let found: OutlineNode | undefined;
    for (const n of nodes) if (n.textOffset <= at && !n.inline) found = n;
    found =
      nodes.find((n) => n.more.some((run) => run.offset <= at && at < run.offset + run.text.length)) ?? found;
    return found ? headingNode(found, byId).id : "0";
  };
  return {
    meta,
    sections,
    sentences,
    figures,
    problems: problemItems(sections, genre, kept, sectionAt),
    plan: planItems(sections, genre),
    text,
  };
}

/** Every node's runs of text in document order: a part's text after its one-paragraph areas comes after them. */
function runsInOrder(nodes: readonly OutlineNode[]): { node: OutlineNode; text: string; offset: number }[] {
  const runs = nodes.flatMap((node) => [
    { node, text: node.text, offset: node.textOffset },
    ...node.more.map((run) => ({ node, text: run.text, offset: run.offset })),
  ]);
  // Stable: a node and the items cut from its run keep their order where offsets tie.
  return runs.sort((a, b) => a.offset - b.offset);
}
