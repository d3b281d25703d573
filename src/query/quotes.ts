/**
 * The report's own words, whole, for quoting: a section's paragraph as printed (its numbering
 * mark, its text and its items'), or the whole sentences (to 。！？, semicolons and all) that
 * hold some words, with where each sits in the report.
 */
import type { Section } from "../report/types.ts";
import { normalizeText } from "../text/normalize.ts";
import type { ReportIndex } from "./report-index.ts";

/** A passage of the report and the section (or item) it sits in. */
export interface Passage {
  section: Section;
  text: string;
}

/** A section's numbering as the report prints it: 一、 (七) 三是 1. 第一，——; nothing for a part known by its title. */
export function printedMark(section: Section): string {
  if (section.style === "dash") return "——";
  const n = section.number;
  if (n === "") return "";
  switch (section.style) {
    case "part":
      return `${n}、`;
    case "sub":
    case "arabic-paren":
      return `(${n})`;
    case "arabic":
      return `${n}.`;
    case "ordinal":
      return `第${n}，`;
    case "shi":
      return `${n}是`;
    default:
      return "";
  }
}

/** Where a section sits, as printed: 一、2021年法治政府建设情况 › (七)加强基层治理… › 三是提高公共法律服务水平. */
export function printedPath(report: ReportIndex, section: Section): string {
  const chain: Section[] = [];
  for (
    let s: Section | undefined = section;
    s && s.id !== "0";
    s = s.parentId ? report.section(s.parentId) : undefined
  )
    chain.unshift(s);
  return chain.map((s) => `${printedMark(s)}${s.title}`).join(" › ");
}

/** A node's text with its mark, and the items printed inside it (一是…二是…), as one paragraph. */
function runIn(report: ReportIndex, node: Section): string {
  const items = report.childrenOf(node.id).filter((c) => c.inline);
  const text = [node.text, ...items.map((item) => runIn(report, item))].join("");
  // A heading on a line of its own (一、2021年…情况) has no text: its mark alone is no quote.
  return text === "" ? "" : `${printedMark(node)}${text}`;
}

/**
 * A section's paragraphs as printed: its own, with its items run in, then each sub-section's.
 * `max` characters at most: a longer section gives its own paragraph and leaves its
 * sub-sections to be quoted one by one (`rest`).
 */
export function paragraphsOf(
  report: ReportIndex,
  section: Section,
  max: number,
): { text: string; rest: Section[] } {
  const own = runIn(report, section);
  const subs = report.childrenOf(section.id).filter((c) => !c.inline);
  const whole = [own, ...subs.map((s) => paragraphsOf(report, s, Number.POSITIVE_INFINITY).text)]
    .filter((p) => p !== "")
    .join("\n\n");
  return whole.length <= max ? { text: whole, rest: [] } : { text: own, rest: subs };
}

const SENTENCE = /[^。！？!?]+[。！？!?”’」]*/g;
const folded = (text: string) => normalizeText(text).replace(/\s/g, "");

/**
 * The whole sentences holding the words (compared folded, spaces ignored), each with its
 * section or item, in report order: under `within` (and its items), else in the whole report.
 */
export function sentencesWith(report: ReportIndex, words: string, within?: Section): Passage[] {
  const needle = folded(words);
  if (needle === "") return [];
  const nodes = within
    ? report.sections.filter((s) => s.id === within.id || s.id.startsWith(`${within.id}.`))
    : report.sections;
  const found: Passage[] = [];
  for (const section of nodes) {
    for (const m of section.text.matchAll(SENTENCE)) {
      const text = m[0].trim();
      if (text !== "" && folded(text).includes(needle)) found.push({ section, text });
    }
  }
  return found;
}
