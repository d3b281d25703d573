import { headingNode } from "../report/tree.ts";
import type { Figure, ListItem, Section, Sentence } from "../report/types.ts";
import { searchTerms } from "../store/fts.ts";
import type { ReportContent, StoredReport } from "../store/reports.ts";
import { normalizeText } from "../text/normalize.ts";
import { type FigureMatch, FigureRanking } from "./figure-ranking.ts";
import { Suggestions } from "./suggestions.ts";

export type { FigureMatch } from "./figure-ranking.ts";

/**
 * One report version, held in memory for answering: its section tree, figures and lists.
 * ~100 figures and sentences per report make an in-memory scan faster than any query; the
 * store's FTS index serves word searches over sentences.
 */
export class ReportIndex {
  readonly sections: Section[];
  readonly sentences: Sentence[];
  readonly figures: Figure[];
  readonly plan: ListItem[];
  readonly problems: ListItem[];
  private readonly byId: Map<string, Section>;
  private readonly normalizedSentences: string[];
  private readonly ranking: FigureRanking;
  private readonly suggestions: Suggestions;

  constructor(
    readonly report: StoredReport,
    content: ReportContent,
    private readonly ftsSearch: (terms: readonly string[], limit: number) => number[],
  ) {
    this.sections = content.sections;
    this.sentences = content.sentences;
    this.figures = content.figures;
    this.plan = content.plan;
    this.problems = content.problems;
    this.byId = new Map(this.sections.map((s) => [s.id, s]));
    this.normalizedSentences = this.sentences.map((s) => normalizeText(s.text));
    this.ranking = new FigureRanking(this.figures, (figure) => ({
      sentence: this.normalizedSentences[figure.sentenceIndex] ?? "",
      itemTitle: figure.nodeId === figure.sectionId ? "" : normalizeText(this.titleOf(figure.nodeId)),
      sectionTitle: normalizeText(this.titleOf(figure.sectionId)),
    }));
    this.suggestions = new Suggestions(
      this.figures.map((f) => f.label),
      this.sentences.map((s) => s.text),
    );
  }

  /** What an answer names its report by. */
  ref(): Pick<StoredReport, "id" | "title" | "version"> {
    return { id: this.report.id, title: this.report.title, version: this.report.version };
  }

  section(id: string): Section | undefined {
    return this.byId.get(id);
  }

  titleOf(id: string): string {
    return this.byId.get(id)?.title ?? "";
  }

  childrenOf(id: string | null): Section[] {
    return this.sections.filter((s) => s.parentId === id && s.id !== "0");
  }

  /** The top-level parts, without the preamble. */
  parts(): Section[] {
    return this.childrenOf(null);
  }

  /** The heading section a node belongs to (an item's sub-section). */
  headingOf(id: string): Section | undefined {
    const node = this.byId.get(id);
    return node ? headingNode(node, this.byId) : undefined;
  }

  /** Figures matching every keyword, best first (see FigureRanking). */
  findFigures(keywords: string[]): FigureMatch[] {
    return this.ranking.find(keywords);
  }

  /** Sentences containing the text, best first: exact matches, then those with all its words. */
  searchSentences(text: string): Sentence[] {
    const needle = normalizeText(text);
    const exact = this.sentences.filter((_, i) => this.normalizedSentences[i]?.includes(needle));
    const terms = searchTerms(needle);
    const byWords = terms.length > 0 ? this.ftsSearch(terms, 200).map((i) => this.sentences[i]) : [];
    const seen = new Set(exact.map((s) => s.index));
    return [...exact, ...byWords.filter((s): s is Sentence => s !== undefined && !seen.has(s.index))];
  }

  /** Up to `limit` labels or report words nearest to a term that matched nothing. */
  suggest(term: string, limit = 5): string[] {
    return this.suggestions.nearest(term, limit);
  }
}
