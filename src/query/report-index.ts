import { headingNode } from "../report/tree.ts";
import type { Figure, ListItem, Section, Sentence } from "../report/types.ts";
import { searchTerms } from "../store/fts.ts";
import type { ReportContent, StoredReport } from "../store/reports.ts";
import { normalizeText } from "../text/normalize.ts";
import { type FigureMatch, type FigureQuery, FigureRanking } from "./figure-ranking.ts";
import { FigureWeights } from "./figure-weight.ts";
import { glossary, termsOfKeywords } from "./question/glossary.ts";
import { Suggestions } from "./suggestions.ts";
import type { Term } from "./terms.ts";

export type { FigureMatch, FigureQuery } from "./figure-ranking.ts";

/** A sentence that matched a question's words, with its score (higher is better). */
export interface SentenceMatch {
  sentence: Sentence;
  score: number;
}

/** Weights of terms kept per report; beyond that the memory starts afresh. */
const WEIGHTS_KEPT = 5_000;

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
  /** What each figure weighs in its section, and what it is to the figures around it. */
  readonly figureWeights: FigureWeights;
  private readonly byId: Map<string, Section>;
  private readonly normalizedSentences: string[];
  private readonly normalizedTitles: Map<string, string>;
  /** Every sentence and title, folded, one a line: whether the report says a word at all. */
  private readonly wholeText: string;
  private readonly weights = new Map<string, number>();
  private readonly subtreeTexts = new Map<string, string>();
  private readonly ranking: FigureRanking;
  private readonly suggestions: Suggestions;
  /** Each figure's position, and the changes linked to each amount, for figureView. */
  private readonly positionOf: Map<Figure, number>;
  private readonly changesOf: Map<number, Figure[]>;

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
    this.figureWeights = new FigureWeights(this.figures, (id) => this.titleOf(id));
    this.positionOf = new Map(this.figures.map((f, i) => [f, i]));
    this.changesOf = new Map();
    for (const f of this.figures)
      if (f.linkedTo !== null) this.changesOf.set(f.linkedTo, [...(this.changesOf.get(f.linkedTo) ?? []), f]);
    this.normalizedSentences = this.sentences.map((s) => normalizeText(s.text));
    this.normalizedTitles = new Map(this.sections.map((s) => [s.id, normalizeText(s.title)]));
    this.wholeText = [...this.normalizedSentences, ...this.normalizedTitles.values()].join("\n");
    this.ranking = new FigureRanking(
      this.figures,
      (figure) => ({
        itemTitle: figure.nodeId === figure.sectionId ? "" : (this.normalizedTitles.get(figure.nodeId) ?? ""),
        sectionTitle: this.normalizedTitles.get(figure.sectionId) ?? "",
        sectionText: this.textUnder(figure.sectionId),
      }),
      (term) => this.weightOf(term),
    );
    this.suggestions = new Suggestions(
      this.figures.map((f) => f.label),
      this.sentences.map((s) => s.text),
      () =>
        glossary()
          .entries.map((e) => normalizeText(e.zh))
          .filter((zh) => this.wholeText.includes(zh)),
    );
  }

  /** The folded text of a section and everything under it, kept once read. */
  textUnder(id: string): string {
    let text = this.subtreeTexts.get(id);
    if (text === undefined) {
      text = normalizeText(
        this.sections
          .filter((s) => s.id === id || s.id.startsWith(`${id}.`))
          .map((s) => s.text)
          .join("\n"),
      );
      this.subtreeTexts.set(id, text);
    }
    return text;
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

  /** The figures of a section and everything below it, in report order. */
  figuresUnder(id: string): Figure[] {
    return this.figures.filter((f) => f.nodeId === id || f.nodeId.startsWith(`${id}.`));
  }

  /**
   * Figures matching every keyword (or a glossary form of it), best first (see FigureRanking);
   * with `mode` "any", those matching at least one, each found where the figure itself says it.
   */
  findFigures(keywords: string[], mode: "all" | "any" = "all"): FigureMatch[] {
    const matches = this.ranking.rank({ terms: termsOfKeywords(keywords), mode });
    return mode === "all" ? matches : matches.filter((m) => m.found.some(Boolean));
  }

  /** Figures for a question's words and unit, best first (see FigureRanking). */
  rankFigures(query: FigureQuery): FigureMatch[] {
    return this.ranking.rank(query);
  }

  /** Whether the report says any form of a term, in a sentence or a title. */
  says(term: Term): boolean {
    return term.anyOf.some((form) => this.wholeText.includes(form));
  }

  /**
   * How much a term tells about what is asked: BM25's inverse document frequency over the
   * report's sentences, so 罚没 counts for more than 开展. A term no sentence has weighs most.
   */
  weightOf(term: Term): number {
    const key = term.anyOf.join("|");
    let weight = this.weights.get(key);
    if (weight === undefined) {
      const n = this.normalizedSentences.length;
      const df = this.normalizedSentences.filter((s) => term.anyOf.some((form) => s.includes(form))).length;
      weight = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      if (this.weights.size >= WEIGHTS_KEPT) this.weights.clear();
      this.weights.set(key, weight);
    }
    return weight;
  }

  /**
   * Sentences for a question's words, best first: each word found in the sentence adds its
   * weight, found only in the sentence's section title a part of it; those scoring under half
   * the best are left out.
   */
  rankSentences(terms: readonly Term[]): SentenceMatch[] {
    const weights = terms.map((t) => this.weightOf(t));
    const scored: SentenceMatch[] = [];
    for (const [i, sentence] of this.sentences.entries()) {
      const text = this.normalizedSentences[i] ?? "";
      const title = this.normalizedTitles.get(sentence.sectionId) ?? "";
      let score = 0;
      let inText = false;
      for (const [t, term] of terms.entries()) {
        if (term.anyOf.some((form) => text.includes(form))) {
          score += weights[t] ?? 0;
          inText = true;
        } else if (term.anyOf.some((form) => title.includes(form))) {
          score += 0.3 * (weights[t] ?? 0);
        }
      }
      if (inText) scored.push({ sentence, score });
    }
    const top = Math.max(0, ...scored.map((m) => m.score));
    return scored
      .filter((m) => m.score >= 0.5 * top)
      .sort((a, b) => b.score - a.score || a.sentence.index - b.sentence.index);
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

  /**
   * The figures linked to one: an amount's changes (增长11.2% of 8.4亿元), or a change's
   * amount. Empty when the report ties it to none.
   */
  linkedFigures(f: Figure): { amount: Figure | null; changes: Figure[] } {
    const amount = f.linkedTo === null ? null : (this.figures[f.linkedTo] ?? null);
    if (amount) return { amount, changes: [] };
    return { amount: null, changes: this.changesOf.get(this.positionOf.get(f) ?? -1) ?? [] };
  }

  /** The report's word a question most likely misspells around a word the report lacks (行政复仪 → 行政复议). */
  respelling(question: string, word: string): { typed: string; word: string } | null {
    return this.suggestions.respelling(question, word);
  }
}
