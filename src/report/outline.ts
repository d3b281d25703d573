import { parseNumeral } from "../text/numerals.ts";
import {
  dashLead,
  findInlineItems,
  type HeadingMatch,
  leadClause,
  matchHeadingLine,
  openerOf,
  runOnHeadingStarts,
  splitRunIn,
} from "./headings.ts";
import type { NumberingStyle, Section } from "./types.ts";

/** A line of the cleaned report with its offset in the cleaned text. */
export interface Line {
  text: string;
  offset: number;
}

/** A section with where its own text starts in the cleaned report text. */
export interface OutlineNode extends Section {
  textOffset: number;
  /**
   * The node's text that follows its children, each run with its offset: a part goes on
   * after its one-paragraph areas (各位代表！…). `text` is the run before them.
   */
  more: Line[];
}

interface Open {
  node: OutlineNode;
  childCount: number;
  bodyLines: Line[];
  /** An area that is one paragraph (dash-led, or opened by a span of time or a year): the next line, whatever it is, ends it. */
  oneParagraph: boolean;
  /** Lines again after its children (see OutlineNode.more): its text is already set. */
  resumed: boolean;
}

/**
 * Builds the section tree from the report's body lines (after the title).
 *
 * Heading styles nest in the order a report first uses them: a style already open is a
 * sibling (its deeper levels close), a new style is a child. So 一、 → (一) → 1. works,
 * and so does a report that starts at (一) or numbers items 1. across sub-sections.
 * Items enumerated inside a paragraph (一是…二是…) become children of that paragraph's node.
 * Ids are positions within the parent, so they stay stable whatever the printed numbers.
 * `isNamedPart` tells the lines that open a part by title alone (2019年工作回顾).
 * Paragraphs led by a dash (——经济运行稳中向好。…), two or more under one heading, are the
 * areas of that part, unnumbered; each is one paragraph, and the part's text goes on after them.
 * So are paragraphs opened by the same span of time or year (一年来，我们…; 2021年，我们…), three or more.
 */
export function buildOutline(
  lines: Line[],
  isNamedPart: (line: string) => boolean = () => false,
): OutlineNode[] {
  const nodes: OutlineNode[] = [];
  const root: Open = {
    node: {
      id: "",
      parentId: null,
      depth: 0,
      number: "",
      style: "preamble",
      inline: false,
      title: "",
      text: "",
      textOffset: 0,
      more: [],
    },
    childCount: 0,
    bodyLines: [],
    oneParagraph: false,
    resumed: false,
  };
  const preamble: Open = {
    node: { ...root.node, id: "0", depth: 1, title: "前言", more: [] },
    childCount: 0,
    bodyLines: [],
    oneParagraph: false,
    resumed: false,
  };
  const stack: Open[] = [root];
  let current: Open = preamble;

  const close = (open: Open) => {
    if (open.resumed) {
      const run = joined(open.bodyLines);
      open.bodyLines = [];
      const rest = run ? itemsCut(open, run) : "";
      if (run && rest !== "") open.node.more.push({ text: rest, offset: run.offset });
      return;
    }
    finishText(open);
    open.node.text = itemsCut(open, { text: open.node.text, offset: open.node.textOffset });
  };

  /** Makes the items enumerated in a run of a node's text its children; the run's text before them. */
  const itemsCut = (open: Open, run: Line): string => {
    const items = findInlineItems(run.text, parseNumeral);
    if (items.length === 0) return run.text;
    const full = run.text;
    items.forEach((item, i) => {
      const end = items[i + 1]?.start ?? full.length;
      const body = full.slice(item.bodyStart, end).trim();
      const bodyStart = full.indexOf(body, item.bodyStart);
      nodes.push({
        id: `${open.node.id}.${++open.childCount}`,
        parentId: open.node.id,
        depth: open.node.depth + 1,
        number: item.number,
        style: item.style,
        inline: true,
        title: leadClause(body),
        text: body,
        textOffset: run.offset + bodyStart,
        more: [],
      });
    });
    return full.slice(0, items[0]?.start ?? 0).trim();
  };

  // Each line's numbered (or named) heading, read once: the one-paragraph areas are found between them.
  const numbered = lines.map(
    ({ text }): HeadingMatch | null =>
      matchHeadingLine(text) ?? (isNamedPart(text) ? { style: "named", number: "", rest: text } : null),
  );
  const areas = paragraphAreaLines(lines, numbered);
  for (const [i, line] of lines.entries()) {
    // Areas open under a heading only.
    const area = numbered[i] ? null : stack.length > 1 ? (areas.get(i) ?? null) : null;
    const heading: HeadingMatch | null = numbered[i] ?? area;
    if (!heading) {
      if (current.oneParagraph) current = resumeParent(current);
      current.bodyLines.push(line);
      continue;
    }
    // Only the node collecting lines is open for text; its ancestors were closed when
    // their first child heading arrived.
    close(current);
    // A one-paragraph area: whatever heading follows is no child of it.
    if (current.oneParagraph) stack.splice(stack.indexOf(current));
    const depthOfStyle = stack.findIndex((o) => o.node.style === heading.style);
    // Same style as an open level: that level and everything below it end here.
    if (depthOfStyle > 0) stack.splice(depthOfStyle);
    const parent = stack[stack.length - 1] ?? root;
    const { title, body } =
      heading.style === "named" ? { title: heading.rest, body: "" } : splitRunIn(heading.rest);
    const node: OutlineNode = {
      id: parent === root ? String(++root.childCount) : `${parent.node.id}.${++parent.childCount}`,
      parentId: parent === root ? null : parent.node.id,
      depth: parent.node.depth + 1,
      number: heading.number,
      style: heading.style as NumberingStyle,
      inline: false,
      title,
      text: "",
      textOffset: line.offset,
      more: [],
    };
    nodes.push(node);
    current = {
      node,
      childCount: 0,
      bodyLines: [],
      oneParagraph: area !== null && body !== "",
      resumed: false,
    };
    // A run-in heading keeps its whole paragraph as text, title sentence included,
    // so a figure written in the lead clause is not lost.
    if (body !== "")
      current.bodyLines.push({ text: heading.rest, offset: line.offset + line.text.indexOf(heading.rest) });
    stack.push(current);
  }
  close(current);

  /** Ends a one-paragraph area: its parent (or the preamble) takes the lines that follow. */
  function resumeParent(area: Open): Open {
    close(area);
    stack.splice(stack.indexOf(area));
    const parent = stack[stack.length - 1];
    // Areas open under a heading only, so the preamble is never resumed but as a fallback.
    const resumed = parent && parent !== root ? parent : preamble;
    resumed.resumed = true;
    resumed.bodyLines = [];
    return resumed;
  }
  // Nodes were pushed in document order: items at their paragraph's close, before the next heading.
  return preamble.node.text === "" ? nodes : [preamble.node, ...nodes];
}

/**
 * Lines as headings need them: a line that runs several headings of one style together
 * (（一）…。（二）…。) is cut before each, keeping every piece's offset in the text.
 */
export function splitRunOnHeadings(lines: Line[]): Line[] {
  return lines.flatMap((line) => {
    const starts = runOnHeadingStarts(line.text, parseNumeral);
    if (starts.length === 0) return [line];
    const cuts = [0, ...starts, line.text.length];
    return cuts.slice(0, -1).map((from, i) => ({
      text: line.text.slice(from, cuts[i + 1]).trimEnd(),
      offset: line.offset + from,
    }));
  });
}

function finishText(open: Open): void {
  if (open.node.text !== "") return;
  const run = joined(open.bodyLines);
  if (!run) return;
  open.node.text = run.text;
  open.node.textOffset = run.offset;
}

/** Lines as one run of text at the first one's offset; null for none. */
function joined(lines: readonly Line[]): Line | null {
  const first = lines[0];
  return first ? { text: lines.map((l) => l.text).join("\n"), offset: first.offset } : null;
}

/**
 * The lines that head one-paragraph areas, as headings whose rest is the paragraph: lines led
 * by a dash (see dashLead; the rest is what follows the dash), two or more of them between
 * the same numbered headings, and lines opened by the same span of time or year (see openerOf; the
 * rest is the whole line), three or more. One dash line alone is a quotation's source or a
 * subtitle; a 五年来，我们… or two close a review, they do not divide it.
 */
function paragraphAreaLines(
  lines: readonly Line[],
  numbered: readonly (HeadingMatch | null)[],
): Map<number, HeadingMatch> {
  const areas = new Map<number, HeadingMatch>();
  let dashes: [number, string][] = [];
  let openers = new Map<string, number[]>();
  const endRun = () => {
    if (dashes.length >= 2) for (const [i, rest] of dashes) areas.set(i, { style: "dash", number: "", rest });
    for (const run of openers.values()) {
      if (run.length < 3) continue;
      for (const i of run) areas.set(i, { style: "opener", number: "", rest: lines[i]?.text ?? "" });
    }
    dashes = [];
    openers = new Map();
  };
  for (const [i, line] of lines.entries()) {
    if (numbered[i]) {
      endRun();
      continue;
    }
    const rest = dashLead(line.text);
    if (rest !== null) dashes.push([i, rest]);
    const opener = openerOf(line.text);
    if (opener !== null) {
      const run = openers.get(opener);
      if (run) run.push(i);
      else openers.set(opener, [i]);
    }
  }
  endRun();
  return areas;
}
