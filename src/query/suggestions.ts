import { normalizeText } from "../text/normalize.ts";
import { words } from "../text/segment.ts";

/**
 * Words of a report to point a user at when their term matched nothing: the figure labels
 * and the report's own words of two or more Chinese characters, built on first use.
 */
export class Suggestions {
  private vocabulary: string[] | null = null;

  constructor(
    private readonly labels: readonly string[],
    private readonly sentences: readonly string[],
  ) {}

  /** Up to `limit` labels or report words nearest to a term. */
  nearest(term: string, limit = 5): string[] {
    const wanted = normalizeText(term);
    const scored = this.words()
      .map((word) => ({ word, score: similarity(wanted, word) }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.word.length - b.word.length);
    return scored.slice(0, limit).map((s) => s.word);
  }

  private words(): string[] {
    if (!this.vocabulary) {
      const all = new Set<string>(this.labels);
      for (const s of this.sentences)
        for (const w of words(s)) if (w.length >= 2 && /\p{Script=Han}/u.test(w)) all.add(w);
      this.vocabulary = [...all];
    }
    return this.vocabulary;
  }
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
