import { normalizeText } from "../text/normalize.ts";
import { words } from "../text/segment.ts";

/** A word users may be pointed at, with its distinct characters that count for similarity. */
interface Entry {
  word: string;
  chars: string[];
}

/** Characters that count when comparing words: Han characters, letters and digits. */
const COUNTED = /\p{Script=Han}|\w/u;

/** Terms whose nearest words are remembered per report (they come again in other questions). */
const TERMS_KEPT = 500;

/**
 * Words of a report to point a user at when their term matched nothing: the figure labels
 * and the report's own words of two or more Chinese characters, built on first use.
 */
export class Suggestions {
  private vocabulary: Entry[] | null = null;
  // Which vocabulary entries hold each character: only they can be near a term.
  private holding: Map<string, number[]> | null = null;
  private readonly nearestOf = new Map<string, string[]>();

  constructor(
    private readonly labels: readonly string[],
    private readonly sentences: readonly string[],
  ) {}

  /** Up to `limit` labels or report words nearest to a term. */
  nearest(term: string, limit = 5): string[] {
    const key = `${limit}\n${term}`;
    let found = this.nearestOf.get(key);
    if (!found) {
      found = this.rank(normalizeText(term)).slice(0, limit);
      if (this.nearestOf.size >= TERMS_KEPT) this.nearestOf.clear();
      this.nearestOf.set(key, found);
    }
    return found;
  }

  private rank(wanted: string): string[] {
    const vocabulary = this.words();
    const wantedChars = new Set(wanted);
    const candidates = new Uint8Array(vocabulary.length);
    for (const c of wantedChars) for (const i of this.holding?.get(c) ?? []) candidates[i] = 1;
    const bigrams: string[] = [];
    for (let i = 0; i + 1 < wanted.length; i++) bigrams.push(wanted.slice(i, i + 2));
    const scored: { word: string; score: number }[] = [];
    candidates.forEach((isCandidate, i) => {
      const entry = vocabulary[i];
      if (isCandidate === 0 || !entry) return;
      const score = similarity(wantedChars, wanted.length, bigrams, entry);
      if (score > 0) scored.push({ word: entry.word, score });
    });
    return scored.sort((a, b) => b.score - a.score || a.word.length - b.word.length).map((s) => s.word);
  }

  private words(): Entry[] {
    if (!this.vocabulary) {
      const all = new Set<string>(this.labels);
      for (const s of this.sentences)
        for (const w of words(s)) if (w.length >= 2 && /\p{Script=Han}/u.test(w)) all.add(w);
      this.vocabulary = [...all].map((word) => ({
        word,
        chars: [...new Set(word)].filter((c) => COUNTED.test(c)),
      }));
      const holding = new Map<string, number[]>();
      this.vocabulary.forEach((entry, i) => {
        for (const c of entry.chars) {
          const list = holding.get(c);
          if (list) list.push(i);
          else holding.set(c, [i]);
        }
      });
      this.holding = holding;
    }
    return this.vocabulary;
  }
}

/**
 * Shared characters, weighted by shared two-character runs: enough to rank near misses.
 * `bigrams` are the wanted term's two-character runs, repeats included.
 */
function similarity(wantedChars: Set<string>, wantedLength: number, bigrams: string[], entry: Entry): number {
  let shared = 0;
  for (const c of entry.chars) if (wantedChars.has(c)) shared++;
  if (shared === 0) return 0;
  let runs = 0;
  for (const bigram of bigrams) if (entry.word.includes(bigram)) runs++;
  return shared + 2 * runs - Math.abs(wantedLength - entry.word.length) * 0.1;
}
