import type { Figure } from "../report/types.ts";
import { normalizeText } from "../text/normalize.ts";
import { searchWords } from "../text/segment.ts";

/** A figure that matched a query, with its score (higher is better). */
export interface FigureMatch {
  figure: Figure;
  score: number;
}

/** Where a figure sits, as the ranking reads it: its sentence and the titles above it. */
export interface FigurePlace {
  sentence: string;
  itemTitle: string;
  sectionTitle: string;
}

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

// How much a keyword found in each place is worth; a whole word adds the bonus.
const WEIGHT = { label: 100, sentence: 40, item: 30, section: 20 } as const;
const WHOLE_WORD_BONUS = 15;

/** Ranks one report's figures against keywords. */
export class FigureRanking {
  private readonly indexed: IndexedFigure[];

  /** `placeOf` gives each figure's normalised sentence and titles. */
  constructor(figures: readonly Figure[], placeOf: (figure: Figure) => FigurePlace) {
    const wordsOfSentence = new Map<number, Set<string>>();
    this.indexed = figures.map((figure, order) => {
      const place = placeOf(figure);
      let sentenceWords = wordsOfSentence.get(figure.sentenceIndex);
      if (!sentenceWords) {
        sentenceWords = new Set(searchWords(place.sentence));
        wordsOfSentence.set(figure.sentenceIndex, sentenceWords);
      }
      const label = normalizeText(figure.label);
      return {
        figure,
        order,
        label,
        labelWords: new Set([label, ...searchWords(label)]),
        sentence: place.sentence,
        sentenceWords,
        itemTitle: place.itemTitle,
        sectionTitle: place.sectionTitle,
      };
    });
  }

  /**
   * Figures matching every keyword, best first: a keyword in the label counts most, then
   * in the sentence, the item title, the section title; whole words over partial; ties
   * in report order.
   */
  find(keywords: string[]): FigureMatch[] {
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
}

function scoreKeyword(f: IndexedFigure, k: string): number {
  if (f.label.includes(k)) return WEIGHT.label + (f.labelWords.has(k) ? WHOLE_WORD_BONUS : 0);
  if (f.sentence.includes(k)) return WEIGHT.sentence + (f.sentenceWords.has(k) ? WHOLE_WORD_BONUS : 0);
  if (f.itemTitle.includes(k)) return WEIGHT.item;
  if (f.sectionTitle.includes(k)) return WEIGHT.section;
  return 0;
}
