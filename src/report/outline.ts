import { parseNumeral } from "../text/numerals.ts";
import {
  findInlineItems,
  type HeadingMatch,
  leadClause,
  matchHeadingLine,
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
}

interface Open {
  node: OutlineNode;
  childCount: number;
  bodyLines: Line[];
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
    },
    childCount: 0,
    bodyLines: [],
  };
  const preamble: Open = {
    node: { ...root.node, id: "0", depth: 1, title: "前言" },
    childCount: 0,
    bodyLines: [],
  };
  const stack: Open[] = [root];
  let current: Open = preamble;

  const close = (open: Open) => {
    finishText(open);
    const items = findInlineItems(open.node.text, parseNumeral);
    if (items.length === 0) return;
    const full = open.node.text;
    open.node.text = full.slice(0, items[0]?.start ?? 0).trim();
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
        textOffset: open.node.textOffset + bodyStart,
      });
    });
  };

  for (const line of lines) {
    const heading: HeadingMatch | null =
      matchHeadingLine(line.text) ??
      (isNamedPart(line.text) ? { style: "named", number: "", rest: line.text } : null);
    if (!heading) {
      current.bodyLines.push(line);
      continue;
    }
    // Only the node collecting lines is open for text; its ancestors were closed when
    // their first child heading arrived.
    close(current);
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
    };
    nodes.push(node);
    current = { node, childCount: 0, bodyLines: [] };
    // A run-in heading keeps its whole paragraph as text, title sentence included,
    // so a figure written in the lead clause is not lost.
    if (body !== "")
      current.bodyLines.push({ text: heading.rest, offset: line.offset + line.text.indexOf(heading.rest) });
    stack.push(current);
  }
  close(current);
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
  if (open.bodyLines.length === 0 || open.node.text !== "") return;
  open.node.text = open.bodyLines.map((l) => l.text).join("\n");
  open.node.textOffset = open.bodyLines[0]?.offset ?? open.node.textOffset;
}
