import type { FigureView, ReportRef, SentenceView } from "../answer/answer.ts";
import type { Figure, ListItem, Section, Sentence } from "../report/types.ts";
import { ftsQuery } from "../store/fts.ts";
import type { ReportContent, StoredReport } from "../store/reports.ts";
import { normalizeText } from "../text/normalize.ts";
import { searchWords, words } from "../text/segment.ts";

/** A figure with what /stat matches it against, folded once when the index is built. */
interface IndexedFigure {
  figure: Figure;
  order: number;
  label: string;
  labelWords: Set<string>;
  sentence: string;
  sentenceWords: Set<string>;
  itemTitle: string;
  sectionTitle: string;
}

/** A figure that matched a query, with its score (higher is better). */
export interface FigureMatch {
  figure: Figure;
  score: number;
}

// How much a keyword found in each place is worth; a whole word adds the bonus.
const WEIGHT = { label: 100, sentence: 40, item: 30, section: 20 } as const;
const WHOLE_WORD_BONUS = 15;
const SENTENCE_WINDOW = 70;
const CLAUSE_MARKS = [",", "，", ";", "；", "、", "。", ":", "："];

/**
 * One report version, held in memory for answering: ~100 figures and sentences per report
 * make an in-memory scan faster than any query, and the store's FTS index serves /search.
 */
export class ReportIndex {
  readonly sections: Section[];
  readonly sentences: Sentence[];
  readonly figures: Figure[];
  readonly plan: ListItem[];
  readonly problems: ListItem[];
  private readonly byId: Map<string, Section>;
  private readonly indexed: IndexedFigure[];
  private readonly normalizedSentences: string[];
  /** Each figure's position, and the changes linked to each amount, for figureView. */
  private readonly positionOf: Map<Figure, number>;
  private readonly changesOf: Map<number, Figure[]>;
  private vocabularyCache: string[] | null = null;

  constructor(
    readonly report: StoredReport,
    content: ReportContent,
    private readonly ftsSearch: (query: string, limit: number) => number[],
  ) {
    this.sections = content.sections;
    this.sentences = content.sentences;
    this.figures = content.figures;
    this.plan = content.plan;
    this.problems = content.problems;
    this.byId = new Map(this.sections.map((s) => [s.id, s]));
    this.positionOf = new Map(this.figures.map((f, i) => [f, i]));
    this.changesOf = new Map();
    for (const f of this.figures)
      if (f.linkedTo !== null) this.changesOf.set(f.linkedTo, [...(this.changesOf.get(f.linkedTo) ?? []), f]);
    this.normalizedSentences = this.sentences.map((s) => normalizeText(s.text));
    const wordsOfSentence = new Map<number, Set<string>>();
    this.indexed = this.figures.map((figure, order) => {
      let sentenceWords = wordsOfSentence.get(figure.sentenceIndex);
      if (!sentenceWords) {
        sentenceWords = new Set(searchWords(this.normalizedSentences[figure.sentenceIndex] ?? ""));
        wordsOfSentence.set(figure.sentenceIndex, sentenceWords);
      }
      const label = normalizeText(figure.label);
      return {
        figure,
        order,
        label,
        labelWords: new Set([label, ...searchWords(label)]),
        sentence: this.normalizedSentences[figure.sentenceIndex] ?? "",
        sentenceWords,
        itemTitle: figure.nodeId === figure.sectionId ? "" : normalizeText(this.titleOf(figure.nodeId)),
        sectionTitle: normalizeText(this.titleOf(figure.sectionId)),
      };
    });
  }

  ref(): ReportRef {
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

  /**
   * Figures matching every keyword, best first: a keyword in the label counts most, then
   * in the sentence, the item title, the section title; whole words over partial; ties
   * in report order.
   */
  findFigures(keywords: string[]): FigureMatch[] {
    const matches: (FigureMatch & { order: number })[] = [];
    for (const f of this.indexed) {
      let score = 0;
      for (const k of keywords) {
        const s = scoreKeyword(f, k);
        if (s === 0) {
          score = 0;
          break;
        }
        score += s;
      }
      if (score > 0) matches.push({ figure: f.figure, score, order: f.order });
    }
    return matches.sort((a, b) => b.score - a.score || a.order - b.order);
  }

  /** Sentences containing the text, best first: exact matches, then those with all its words. */
  searchSentences(text: string): Sentence[] {
    const needle = normalizeText(text);
    const exact = this.sentences.filter((_, i) => this.normalizedSentences[i]?.includes(needle));
    const query = ftsQuery(needle);
    const byWords = query ? this.ftsSearch(query, 200).map((i) => this.sentences[i]) : [];
    const seen = new Set(exact.map((s) => s.index));
    return [...exact, ...byWords.filter((s): s is Sentence => s !== undefined && !seen.has(s.index))];
  }

  /** Up to `limit` labels or report words nearest to a term that matched nothing. */
  suggest(term: string, limit = 5): string[] {
    const wanted = normalizeText(term);
    const scored = this.vocabulary()
      .map((word) => ({ word, score: similarity(wanted, word) }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.word.length - b.word.length);
    return scored.slice(0, limit).map((s) => s.word);
  }

  private vocabulary(): string[] {
    if (!this.vocabularyCache) {
      const all = new Set<string>(this.figures.map((f) => f.label));
      for (const s of this.sentences)
        for (const w of words(s.text)) if (w.length >= 2 && /\p{Script=Han}/u.test(w)) all.add(w);
      this.vocabularyCache = [...all];
    }
    return this.vocabularyCache;
  }

  /** The heading section a node belongs to (an item's sub-section). */
  headingOf(id: string): Section | undefined {
    let s = this.byId.get(id);
    while (s && (s.inline || s.depth > 2) && s.parentId) s = this.byId.get(s.parentId);
    return s;
  }

  figureView(f: Figure): FigureView {
    return {
      value: f.value,
      unit: f.unit,
      raw: f.raw,
      qualifier: f.qualifier,
      change: f.change,
      label: f.label,
      sectionId: f.sectionId,
      sectionTitle: this.titleOf(f.sectionId),
      nodeId: f.nodeId,
      sentence: shortenAround(f.sentence, f.raw, f.label),
      ...this.relatedOf(f),
    };
  }

  /** The linked figure in words: an amount's changes (增长11.2%), a change's amount (8.4亿元). */
  private relatedOf(f: Figure): { related?: string } {
    const amount = f.linkedTo === null ? undefined : this.figures[f.linkedTo];
    if (amount) return { related: amount.raw };
    const changes = this.changesOf.get(this.positionOf.get(f) ?? -1) ?? [];
    return changes.length > 0 ? { related: changes.map(changeText).join("，") } : {};
  }

  sentenceView(s: Sentence): SentenceView {
    return { sectionId: s.sectionId, sectionTitle: this.titleOf(s.sectionId), text: s.text };
  }
}

/** 增长11.2%, 下降0.3个百分点, 增加10项: a change as a reader says it. */
function changeText(f: Figure): string {
  const rate = f.unit === "%" || f.unit === "个百分点" || f.unit === "‰";
  const verb =
    f.change === "decrease"
      ? rate
        ? "下降"
        : "减少"
      : f.change === "increase"
        ? rate
          ? "增长"
          : "增加"
        : "";
  return `${verb}${f.raw}`;
}

function scoreKeyword(f: IndexedFigure, k: string): number {
  if (f.label.includes(k)) return WEIGHT.label + (f.labelWords.has(k) ? WHOLE_WORD_BONUS : 0);
  if (f.sentence.includes(k)) return WEIGHT.sentence + (f.sentenceWords.has(k) ? WHOLE_WORD_BONUS : 0);
  if (f.itemTitle.includes(k)) return WEIGHT.item;
  if (f.sectionTitle.includes(k)) return WEIGHT.section;
  return 0;
}

/** Shared characters, weighted by shared two-character runs: enough to rank near misses. */
function similarity(a: string, b: string): number {
  const chars = new Set(a);
  let shared = 0;
  for (const c of new Set(b)) if (chars.has(c) && /\p{Script=Han}|\w/u.test(c)) shared++;
  if (shared === 0) return 0;
  let bigrams = 0;
  for (let i = 0; i + 1 < a.length; i++) if (b.includes(a.slice(i, i + 2))) bigrams++;
  return shared + 2 * bigrams - Math.abs(a.length - b.length) * 0.1;
}

/** The part of a sentence around a figure, cut to about 70 characters with … where cut. */
export function shortenAround(sentence: string, raw: string, label: string): string {
  if (sentence.length <= SENTENCE_WINDOW) return sentence;
  // The occurrence of the figure with its label closest before it.
  let at = sentence.indexOf(raw);
  for (let i = at; i >= 0; i = sentence.indexOf(raw, i + 1)) {
    const labelAt = sentence.lastIndexOf(label, i);
    if (labelAt >= 0 && i - labelAt <= label.length + 12) {
      at = i;
      break;
    }
  }
  at = Math.max(0, at);
  const labelAt = sentence.lastIndexOf(label, at);
  const from = labelAt >= 0 && at - labelAt <= label.length + 12 ? labelAt : at;
  // Start at the clause holding the label, so the reader sees what was counted.
  const clauseStart = Math.max(0, ...CLAUSE_MARKS.map((d) => sentence.lastIndexOf(d, from - 1) + 1));
  const start = Math.max(clauseStart, at + raw.length - SENTENCE_WINDOW);
  const end = Math.min(sentence.length, start + SENTENCE_WINDOW);
  return `${start > 0 ? "…" : ""}${sentence.slice(start, end)}${end < sentence.length ? "…" : ""}`;
}
