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

/**
 * An FTS5 query that ANDs the words of the user's text, each as a quoted string, so
 * quotes, *, NEAR(, OR, ^ and : in user text are only characters, never syntax.
 * Null when the text has no word to look for.
 */
export function ftsQuery(text: string): string | null {
  const terms = searchWords(text.toLowerCase())
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    // Only the longest words: their parts add nothing to an AND.
    .filter((w, _i, all) => !all.some((o) => o !== w && o.length > w.length && o.includes(w)));
  if (terms.length === 0) return null;
  return [...new Set(terms)].map((t) => `"${t.replace(/"/g, '""')}"`).join(" ");
}
