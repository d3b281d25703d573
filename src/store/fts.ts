import { searchWords } from "../text/segment.ts";

/**
 * The words a sentence is indexed under: jieba search-mode words (法律援助 and also 法律,
 * 援助), lower-cased, space-separated so FTS5's unicode61 tokenizer keeps each whole.
 */
export function indexWords(text: string): string {
  return searchWords(text.toLowerCase())
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .join(" ");
}

/** The words of the user's text a search ANDs: the longest ones, each once (their parts add nothing). */
export function searchTerms(text: string): string[] {
  const terms = searchWords(text.toLowerCase())
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .filter((w, _i, all) => !all.some((o) => o !== w && o.length > w.length && o.includes(w)));
  return [...new Set(terms)];
}
