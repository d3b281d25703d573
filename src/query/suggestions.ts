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
 * Words of a report to point a user at when their term matched nothing: the figure labels,
 * the report's own words of two or more Chinese characters and the glossary terms it uses,
 * built on first use.
 */
export class Suggestions {
  private vocabulary: Entry[] | null = null;
  // Which vocabulary entries hold each character: only they can be near a term.
  private holding: Map<string, number[]> | null = null;
  private readonly nearestOf = new Map<string, string[]>();
  private pairs: Map<string, string[]> | null = null;

  /** `terms` gives further words the report is known to use (the glossary's), read on first use. */
  constructor(
    private readonly labels: readonly string[],
    private readonly sentences: readonly string[],
    private readonly terms: () => readonly string[] = () => [],
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

  /**
   * The report's word (three characters or more) that a stretch of a question overlapping
   * `word` misspells by one character changed, added or left out — 行政复仪 for 行政复议,
   * 执法人圆 for 执法人员, 成攻率 for 成功率 — when one such word is longer than the others;
   * else null.
   */
  respelling(text: string, word: string): { typed: string; word: string } | null {
    const at = text.indexOf(word);
    if (at < 0) return null;
    const end = at + word.length;
    const candidates = new Set<string>();
    for (const key of pairKeys(text.slice(Math.max(0, at - MAX_REACH), end + MAX_REACH))) {
      for (const w of this.byPair().get(key) ?? []) candidates.add(w);
    }
    const found: { typed: string; word: string; rank: number[] }[] = [];
    for (const w of candidates) {
      for (const length of [w.length - 1, w.length, w.length + 1]) {
        // Stretches of the question that overlap the word by one character at least.
        for (
          let start = Math.max(0, at - length + 1);
          start < end && start + length <= text.length;
          start++
        ) {
          const typed = text.slice(start, start + length);
          if (typed === w || !HAN_ONLY.test(typed) || !withinOneEdit(typed, w)) continue;
          const overlap = Math.min(end, start + length) - Math.max(at, start);
          // More of the unknown word explained, a longer report word, a changed rather than a lost character.
          found.push({ typed, word: w, rank: [overlap, w.length, -Math.abs(typed.length - w.length)] });
        }
      }
    }
    const order = (a: number[], b: number[]) =>
      (b[0] ?? 0) - (a[0] ?? 0) || (b[1] ?? 0) - (a[1] ?? 0) || (b[2] ?? 0) - (a[2] ?? 0);
    found.sort((a, b) => order(a.rank, b.rank));
    const [best, next] = found;
    if (!best) return null;
    // Two different words that explain the question equally well: neither is taken.
    if (next && next.word !== best.word && order(best.rank, next.rank) === 0) return null;
    return { typed: best.typed, word: best.word };
  }

  /** Report words of three characters or more by each pair of characters one or two apart in them. */
  private byPair(): Map<string, string[]> {
    if (!this.pairs) {
      this.pairs = new Map();
      for (const { word: w } of this.words()) {
        if (w.length < 3) continue;
        for (const key of pairKeys(w)) {
          const list = this.pairs.get(key) ?? [];
          if (!list.includes(w)) list.push(w);
          this.pairs.set(key, list);
        }
      }
    }
    return this.pairs;
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
      const all = new Set<string>([...this.labels, ...this.terms()]);
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

/** How far before and after a mistyped word a misspelled report word may start or end. */
const MAX_REACH = 4;
const HAN_ONLY = /^\p{Script=Han}+$/u;

/**
 * The pairs of characters next to each other or one apart in a text (成功率: 成功, 功率, 成_率):
 * a word misspelled by one character keeps at least one of them.
 */
function pairKeys(text: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i + 1 < text.length; i++) {
    keys.push(text.slice(i, i + 2));
    if (i + 2 < text.length) keys.push(`${text[i]}_${text[i + 2]}`);
  }
  return keys;
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
