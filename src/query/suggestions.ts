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

  /**
   * The report word of three characters or more that differs from a word by one character
   * changed, added or left out (法律援注 → 法律援助), when exactly one does; else null.
   */
  oneEditAway(word: string): string | null {
    const wanted = normalizeText(word);
    if ([...wanted].length < 3) return null;
    const close = this.words().filter((w) => w.length >= 3 && w !== wanted && withinOneEdit(wanted, w));
    return close.length === 1 ? (close[0] ?? null) : null;
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

/** Whether two words differ by at most one character changed, added or left out. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const tailA = a.slice(i + (a.length >= b.length ? 1 : 0));
  const tailB = b.slice(i + (b.length >= a.length ? 1 : 0));
  return tailA === tailB;
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
