/**
 * The platform-neutral answer every command returns. Adapters render it (Telegram HTML,
 * Discord embeds, plain text); its JSON form (`ask --json`) is the contract described in ARCHITECTURE.md.
 */

/** A figure as shown to a user, with where it came from. */
export interface FigureView {
  value: number;
  unit: string;
  raw: string;
  qualifier: string | null;
  change: "increase" | "decrease" | null;
  label: string;
  sectionId: string;
  sectionTitle: string;
  /** The enumerated item the figure sits in (1.7.3), where there is one. */
  nodeId: string;
  /** The source sentence, shortened around the figure. */
  sentence: string;
  /**
   * The figure it is linked with, as written: on an amount its change ("增长11.2%"), on a
   * change its amount ("8.4亿元"). Absent when the report ties it to none.
   */
  related?: string;
}

export interface SectionRef {
  id: string;
  title: string;
}

/** A sentence found by /search. */
export interface SentenceView {
  sectionId: string;
  /** Empty when the sentence is the section's title itself. */
  sectionTitle: string;
  text: string;
}

/** The content of an answer, in the order shown. */
export type Block =
  | { kind: "paragraph"; text: string }
  | { kind: "heading"; text: string }
  | { kind: "list"; ordered: boolean; items: string[] }
  | { kind: "figures"; figures: FigureView[]; startAt: number }
  | { kind: "sentences"; sentences: SentenceView[]; startAt: number };

/** A follow-up the user can take: a button on chat platforms, a hint in text. */
export interface Action {
  label: string;
  /** The command line it runs, e.g. "/stat 法律援助 page:2". */
  command: string;
}

export interface Paging {
  /** The command line of every page, without its page:N ("/stat 法律援助"). */
  line: string;
  page: number;
  pages: number;
  total: number;
  next: Action | null;
  previous: Action | null;
}

export interface ErrorInfo {
  code:
    | "not_found"
    | "bad_input"
    | "too_long"
    | "unknown_command"
    | "no_report"
    | "no_content"
    | "forbidden"
    | "not_saved";
  message: string;
}

/** A picture that goes with an answer (a chart): a PNG file and its size in pixels. */
export interface AnswerImage {
  path: string;
  width: number;
  height: number;
}

/** How a question in plain words was read (the answers of /ask and of messages without a slash). */
export interface QuestionReading {
  /** figures, plan, problems, section, outline, report-info, compare or unknown. */
  intent: string;
  /** The words looked for, in the report's wording. */
  words: string[];
  /** The unit asked for (件, %, 元…), if the question said. */
  unit: string | null;
  /** The command that gives the same answer, if one does. */
  command: string | null;
}

export interface ReportRef {
  id: string;
  title: string;
  version: number;
}

export interface Answer {
  ok: boolean;
  command: string;
  /** The answer's first line: what it is about. */
  title: string;
  blocks: Block[];
  /** Plain-text rendering, as a chat would show it (≤ 4000 characters). */
  text: string;
  figures: FigureView[];
  sections: SectionRef[];
  /** The report the answer came from (every answer about a report names it). */
  report: ReportRef | null;
  paging: Paging | null;
  actions: Action[];
  suggestions: string[];
  error: ErrorInfo | null;
  cached: boolean;
  /** The chart drawn for the answer (/chart); absent on answers without one. */
  image?: AnswerImage;
  /** How a question was read; present on answers to questions only. */
  reading?: QuestionReading;
}
