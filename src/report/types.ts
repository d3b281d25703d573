/** What the parser makes of one report file. Plain data: the store persists it as is. */

/** How a heading or item was numbered in the text; decides where it sits in the tree. */
export type NumberingStyle =
  | "part" // 一、
  | "sub" // (一) / （一）
  | "arabic" // 1. / 1、
  | "arabic-paren" // (1) / （1）
  | "ordinal" // 第一，
  | "shi" // 一是…
  | "named" // 2019年工作回顾: a part known by its title alone, printed without a number
  | "dash" // ——经济运行稳中向好。…: one paragraph of a run led by dashes, unnumbered
  | "opener"; // 一年来，我们…。… or 2021年，我们…。…: one paragraph of a run opened by the same span of time or year, unnumbered

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

/**
 * What a figure states: an amount (14.1亿元), a change against an earlier value (增长7.5%,
 * 比去年增加10项), a rate or share that is no change (覆盖率100%), an aim of the plan part
 * (增长6%左右, 控制在3%以内), or a rank (全市第三).
 */
export type FigureKind = "amount" | "change" | "rate" | "target" | "rank";

export interface Figure {
  value: number;
  /** Unit as counted, with a 万/亿 prefix kept: "件", "万元", "批次/千人", "%". */
  unit: string;
  /** The figure exactly as written: "1610.8万余元", "99 %". */
  raw: string;
  /** 余/多 written inside, or 超/近/约/逾/至少/不足 written right before the number. */
  qualifier: string | null;
  /** The direction when the figure moves a quantity (比去年增加10项, 下降0.3个百分点), else null. */
  change: "increase" | "decrease" | null;
  kind: FigureKind;
  /**
   * Index, in the report's figures, of the figure this one qualifies: a change 增长11.2% is
   * linked to its amount 8.4亿元 when the clause ties them; a target to its quantity, if stated.
   */
  linkedTo: number | null;
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
  /** True when no title line was found and the title was built from place, year and genre. */
  titleInferred: boolean;
  /** The genre's id (src/report/genres): "fazhi", "work-report". */
  genre: string;
  /** The issuing body: 忠县人民政府, from the title, the speaker line or the signature. */
  issuer: string | null;
  place: string | null;
  /** The year the report is about, as its genre counts it (see src/report/genres). */
  year: number | null;
  /** The report's date, ISO (YYYY-MM-DD): its own header or signature, else the page's date field. */
  date: string | null;
  /** Where the page was fetched from or says it was saved from; null for plain text. */
  sourceUrl: string | null;
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
