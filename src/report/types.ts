/** What the parser makes of one report file. Plain data: the store persists it as is. */

/** How a heading or item was numbered in the text; decides where it sits in the tree. */
export type NumberingStyle =
  | "part" // 一、
  | "sub" // (一) / （一）
  | "arabic" // 1. / 1、
  | "arabic-paren" // (1) / （1）
  | "ordinal" // 第一，
  | "shi"; // 一是…

export interface Section {
  /** Stable dotted id by position: "1", "1.7", "1.7.3". The preamble is "0". */
  id: string;
  parentId: string | null;
  depth: number;
  /** The number as printed ("七", "4"); empty for the preamble. */
  number: string;
  style: NumberingStyle | "preamble";
  /** True for 一是…/第一，… items found inside a paragraph rather than a heading line. */
  inline: boolean;
  title: string;
  /** The section's own text, without its children's. */
  text: string;
}

export interface Sentence {
  sectionId: string;
  /** Position of the sentence in the report, from 0. */
  index: number;
  text: string;
}

export interface Figure {
  value: number;
  /** Unit as counted, with a 万/亿 prefix kept: "件", "万元", "批次/千人", "%". */
  unit: string;
  /** The figure exactly as written: "1610.8万余元", "99 %". */
  raw: string;
  /** 余/多 written inside, or 超/近/约/逾/至少/不足 written right before the number. */
  qualifier: string | null;
  /** "increase"/"decrease" when the figure is a change (比去年增加10项), not a total. */
  change: "increase" | "decrease" | null;
  /** What was counted, short enough for a chat line. */
  label: string;
  /** The heading section (part or sub-section) the figure sits in. */
  sectionId: string;
  /** The deepest node, an enumerated item where there is one. */
  nodeId: string;
  sentence: string;
  sentenceIndex: number;
  /** Character offset of the number in the cleaned report text. */
  offset: number;
}

export interface ListItem {
  /** 1-based position in the list. */
  position: number;
  sectionId: string;
  title: string;
  text: string;
}

export interface ReportMeta {
  title: string;
  /** Publishing body: 忠县人民政府. Null when the title does not name one. */
  body: string | null;
  place: string | null;
  /** The year the report is about. */
  year: number | null;
  /** Publication date, ISO (YYYY-MM-DD), when the page gives one. */
  date: string | null;
}

export interface ParsedReport {
  meta: ReportMeta;
  /** Every node in document order. */
  sections: Section[];
  sentences: Sentence[];
  figures: Figure[];
  plan: ListItem[];
  problems: ListItem[];
  /** The report text with page clutter removed, which figure offsets point into. */
  text: string;
}
