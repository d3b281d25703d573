import type { FigureKind } from "../types.ts";

/** What a top-level part of a report does; the parser reads each role the same way in every genre. */
export type PartRole = "review" | "problems" | "plan" | "self";

/** The clues to a report's year, gathered from its text (never from the file name). */
export interface YearEvidence {
  /** The year the title line names. */
  titleYear: number | null;
  /** The year of the report's own header date (——2020年1月9日在…会议上, or a date line under the title). */
  headerYear: number | null;
  /** The closing signature date, ISO. */
  signatureDate: string | null;
  /**
   * The first year a review part's title names as its work's (2019年工作回顾); when none
   * does, the year the first review part's text opens with (2022年是…; see openingYearIn).
   */
  reviewYear: number | null;
  /** The latest year a plan part's title names as its work's (2020年工作安排; see workYearsIn). */
  planYear: number | null;
}

export interface InferredTitleParts {
  place: string | null;
  issuer: string | null;
  year: number | null;
}

/**
 * A genre of report: how to recognise it, what its parts are called and what its figures
 * state. Everything else (page clutter, headings, sentences, figures, lists) is shared.
 */
export interface Genre {
  /** Stored with each report and shown by /about: "fazhi", "work-report". */
  id: string;
  /** The genre's name as people say it: 法治政府建设年度报告. */
  name: string;
  /** Its name in English, for people who read the bot in English; the Chinese name when absent. */
  englishName?: string;
  /** A title of this genre, after the issuer, place and year: matched against the whole line. */
  titlePattern: RegExp;
  /** Words typical of the genre's text; each pattern counts up to five times (use the g flag). */
  markers: RegExp[];
  /**
   * Part titles by role. A line that is only such a title (2019年工作回顾) is a part heading
   * even without a number, when the report does not number its parts with such titles.
   */
  parts: Partial<Record<PartRole, RegExp>>;
  /**
   * A paragraph stating the problems inside another part (在肯定成绩的同时…还存在…问题：一是…),
   * for genres that have no part of their own for them.
   */
  problemsParagraph?: RegExp;
  /** The kinds of figure the genre's text states; ranks (全市第三) only where it ranks itself. */
  figureKinds: ReadonlySet<FigureKind>;
  /** The year the report is about, as the genre counts it. */
  year(evidence: YearEvidence): number | null;
  /** A title built from the text when the page has none (or only a generic one). */
  inferTitle(parts: InferredTitleParts): string;
}
