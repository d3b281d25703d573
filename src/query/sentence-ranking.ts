/**
 * Orders the sentences a word search found by BM25 over the report's own sentences: a
 * term's weight comes from how many of this report's sentences hold it, and a sentence
 * gains with each occurrence and loses with its length, as in FTS5's bm25(). Counting in
 * the report rather than the library keeps a report's ranking its own and its cost
 * independent of how many reports are stored.
 */
export class SentenceRanking {
  private readonly averageLength: number;
  // How many sentences hold each term, counted on first use.
  private readonly holding = new Map<string, number>();

  /** `sentences` are the report's sentences, normalised like the terms. */
  constructor(private readonly sentences: readonly string[]) {
    const total = sentences.reduce((sum, s) => sum + s.length, 0);
    this.averageLength = sentences.length === 0 ? 1 : Math.max(1, total / sentences.length);
  }

  /** The sentence indexes, best first; ties keep report order. */
  rank(found: readonly number[], terms: readonly string[]): number[] {
    const weights = terms.map((t) => this.weight(t));
    return found
      .map((index, order) => ({ index, order, score: this.score(index, terms, weights) }))
      .sort((a, b) => b.score - a.score || a.order - b.order)
      .map((s) => s.index);
  }

  private score(index: number, terms: readonly string[], weights: readonly number[]): number {
    const sentence = this.sentences[index] ?? "";
    const lengthFactor = K1 * (1 - B + (B * sentence.length) / this.averageLength);
    let score = 0;
    terms.forEach((term, i) => {
      const tf = occurrences(sentence, term);
      score += ((weights[i] ?? 0) * tf * (K1 + 1)) / (tf + lengthFactor);
    });
    return score;
  }

  private weight(term: string): number {
    let n = this.holding.get(term);
    if (n === undefined) {
      n = this.sentences.reduce((count, s) => count + (s.includes(term) ? 1 : 0), 0);
      if (this.holding.size >= MAX_TERMS_KEPT) this.holding.clear();
      this.holding.set(term, n);
    }
    const total = this.sentences.length;
    return Math.log((total - n + 0.5) / (n + 0.5) + 1);
  }
}

// FTS5's bm25() defaults.
const K1 = 1.2;
const B = 0.75;
const MAX_TERMS_KEPT = 1_000;

function occurrences(text: string, term: string): number {
  if (term === "") return 0;
  let count = 0;
  for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + term.length)) count++;
  return count;
}
