import { matchesOf } from "./matches.ts";
import type { NumberingStyle } from "./types.ts";

const CN = "[一二三四五六七八九十]+";

/** A numbered heading at the start of a line: its style, number and the rest of the line. */
export interface HeadingMatch {
  style: NumberingStyle;
  number: string;
  rest: string;
}

const LINE_HEADINGS: { style: NumberingStyle; pattern: RegExp }[] = [
  { style: "part", pattern: new RegExp(`^(${CN})\\s*[、.．]\\s*(.*)$`) },
  { style: "part", pattern: new RegExp(`^第(${CN})(?:部分|章)\\s*[、.．,，:：]?\\s*(.*)$`) },
  { style: "sub", pattern: new RegExp(`^[(（]\\s*(${CN})\\s*[)）]\\s*[、.．]?\\s*(.*)$`) },
  { style: "arabic", pattern: /^(\d{1,2})\s*[、.．](?!\d)\s*(.*)$/ },
  { style: "arabic-paren", pattern: /^[(（]\s*(\d{1,2})\s*[)）]\s*[、.．]?\s*(.*)$/ },
  { style: "ordinal", pattern: new RegExp(`^第(${CN})\\s*[,，、:：]\\s*(.*)$`) },
];

/** Recognises a heading line; null for an ordinary paragraph. */
export function matchHeadingLine(line: string): HeadingMatch | null {
  for (const { style, pattern } of LINE_HEADINGS) {
    const m = pattern.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined && m[2].trim() !== "") {
      return { style, number: m[1], rest: m[2].trim() };
    }
  }
  return null;
}

/**
 * The rest of a paragraph led by a dash (——经济运行稳中向好、圆满收官。坚持…), whose lead clause
 * names one area of a part; null for any other line. Whether it heads an area depends on
 * its neighbours (see buildOutline): a lone dash line is a quotation's source or a subtitle.
 */
export function dashLead(line: string): string | null {
  const m = /^(?:——|－－|──)\s*(.+)$/.exec(line);
  const rest = m?.[1]?.trim() ?? "";
  // The lead clause is a phrase, not a paragraph: 会议上 lines and dates have no 。 before their end.
  return leadEndsWithin(rest, MAX_DASH_LEAD) ? rest : null;
}

/**
 * The span of time or the year that opens a paragraph of a review told area by area (一年来，我们
 * 凝心聚力推动高质量发展，经济运行稳中有进。…; 过去五年，是我们…; 2021年，我们争先图强开新局，…),
 * when its lead sentence names the area; null for any other line. As with dashes, a run
 * decides (see buildOutline): a closing 五年来，我们… said once or twice is no area.
 */
export function openerOf(line: string): string | null {
  const m = /^((?:过去的?)?[一二三四五六七八九十两]+年(?:多)?(?:来|间)?|(?:19|20)\d\d年)，/.exec(line);
  if (!m?.[1]) return null;
  return leadEndsWithin(line, MAX_OPENER_LEAD) ? m[1] : null;
}

/** Whether the text's first sentence ends (。, ！) within `max` characters, and not at its very start. */
function leadEndsWithin(text: string, max: number): boolean {
  const stop = text.search(/[。！!]/);
  return stop > 0 && stop <= max;
}

/**
 * The longest lead sentence of an area opened by a span of time or a year, the opener included: 阜平县
 * 2020's are 42 to 49 characters (一年来，我们坚持把脱贫攻坚作为首要政治任务，聚焦“两不愁三保障”，
 * 扶贫脱贫取得决定性进展); a longer one is a paragraph's story, not its area's name.
 */
const MAX_OPENER_LEAD = 60;

/** The longest lead clause of a dash-led area (五年来，我们坚持发展至上，综合实力迈上新台阶 is 23). */
const MAX_DASH_LEAD = 40;

/**
 * Splits a heading line into its title and the paragraph run into it. A heading on its
 * own line is all title; a run-in heading's title is its lead clause, up to the first 。.
 */
export function splitRunIn(rest: string): { title: string; body: string } {
  // The lead clause ends at the first 。, or at a colon that opens the body (存在问题：一是…).
  const stop = rest.search(/。|[:：](?=.)/);
  if (stop < 0 || stop === rest.length - 1) return { title: stripEnd(rest), body: "" };
  return { title: rest.slice(0, stop).trim(), body: rest.slice(stop + 1).trim() };
}

// Headings of one style run on in one line: （一）…。（二）…。（三）…
const RUN_ON: Partial<Record<NumberingStyle, RegExp>> = {
  part: new RegExp(`(?<=[。；;！!？?])\\s*(${CN})、`, "g"),
  sub: new RegExp(`(?<=[。；;！!？?])\\s*[(（](${CN})[)）]`, "g"),
  "arabic-paren": /(?<=[。；;！!？?])\s*[(（](\d{1,2})[)）]/g,
};

/**
 * Where a heading line holds the next headings of its own style (一段里写了（一）…（二）…), the
 * offsets at which each following heading starts; empty when the line is one heading.
 */
export function runOnHeadingStarts(line: string, parseNumber: (n: string) => number | null): number[] {
  const first = matchHeadingLine(line);
  const pattern = first ? RUN_ON[first.style] : undefined;
  if (!first || !pattern) return [];
  let expected = (parseNumber(first.number) ?? Number.NaN) + 1;
  const starts: number[] = [];
  for (const m of matchesOf(pattern, line)) {
    if (m[1] === undefined || parseNumber(m[1]) !== expected) continue;
    starts.push(m.index + (m[0].length - m[0].trimStart().length));
    expected++;
  }
  return starts;
}

function stripEnd(s: string): string {
  return s.replace(/[。:：;；,，\s]+$/u, "");
}

/** An enumerated item found inside a paragraph. */
export interface InlineItem {
  style: NumberingStyle;
  number: string;
  /** Where the marker (一是, 第一，, (1), 1.) starts in the text. */
  start: number;
  /** Where the item's own words start, after the marker. */
  bodyStart: number;
}

// Markers count only at a clause start, so 统一是 or 第一批 inside a sentence are not items.
const CLAUSE_START = "(?<=^|[。；;：:！!？?，,\\n])\\s*";

/**
 * A marker style: `pattern` finds its markers at clause starts; `anywhere` is the marker
 * without that condition, a quick test that skips a paragraph with none (the lookbehind of
 * `pattern` is tried at every character, which made these the slowest patterns of a parse).
 */
function marker(
  style: NumberingStyle,
  body: string,
): { style: NumberingStyle; pattern: RegExp; anywhere: RegExp } {
  return { style, pattern: new RegExp(`${CLAUSE_START}${body}`, "g"), anywhere: new RegExp(body) };
}

const INLINE_MARKERS = [
  marker("shi", `(${CN})是`),
  marker("sub", `[(（](${CN})[)）]`),
  marker("ordinal", `第(${CN})\\s*[,，、]`),
  marker("arabic-paren", `[(（](\\d{1,2})[)）]`),
  marker("arabic", `(\\d{1,2})[.．、](?!\\d)`),
];

/**
 * Finds 一是…二是… (or 第一，…第二，…, (1)…(2)…, 1.…2.…) in a paragraph: for each style,
 * the run of markers numbered 1, 2, 3… in order; the earliest run of two or more wins.
 */
export function findInlineItems(text: string, parseNumber: (n: string) => number | null): InlineItem[] {
  let best: InlineItem[] = [];
  for (const { style, pattern, anywhere } of INLINE_MARKERS) {
    if (!anywhere.test(text)) continue;
    const run: InlineItem[] = [];
    for (const m of matchesOf(pattern, text)) {
      const n = m[1] === undefined ? null : parseNumber(m[1]);
      if (n !== run.length + 1 || m[1] === undefined) continue;
      const markerStart = m.index + (m[0].length - m[0].trimStart().length);
      run.push({ style, number: m[1], start: markerStart, bodyStart: m.index + m[0].length });
    }
    const startsEarlier = best.length === 0 || (run[0]?.start ?? Infinity) < (best[0]?.start ?? Infinity);
    if (run.length >= 2 && startsEarlier) best = run;
  }
  return best;
}

/** An item's title: its lead clause, up to the first 。 (or the whole item). */
export function leadClause(body: string): string {
  const stop = body.search(/[。！？!?]/);
  return (stop < 0 ? body : body.slice(0, stop)).replace(/[;；:：,，\s]+$/u, "").trim();
}
