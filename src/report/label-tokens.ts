import { type TaggedWord, taggedWords } from "../text/segment.ts";
import { matchesOf } from "./matches.ts";

/** A word of a label with jieba's tag; “quoted terms” and 《titles》 are one word each. */
export type Token = TaggedWord;

/** Names are kept whole: a “quoted term” (“马上办”) or a 《title》, whatever its length. */
const NAMES = /《([^》]*)》|[“"「]([^”"」]{1,30})[”"」]/g;

// Labelling tags overlapping pieces of one sentence many times (the clause, the clause
// after, the text before); tagging is pure, so recent phrases are kept.
const MAX_TAGGED = 4096;
const tagged = new Map<string, readonly Token[]>();

/** Tags a phrase, keeping quoted terms (tag "quoted") and titles (tag "title") whole. */
export function tokenize(phrase: string): Token[] {
  let tokens = tagged.get(phrase);
  if (tokens === undefined) {
    if (tagged.size >= MAX_TAGGED) tagged.clear();
    tokens = tagPhrase(phrase);
    tagged.set(phrase, tokens);
  }
  return [...tokens];
}

function tagPhrase(phrase: string): Token[] {
  const out: Token[] = [];
  let at = 0;
  for (const m of matchesOf(NAMES, phrase)) {
    if (m.index > at) out.push(...taggedWords(phrase.slice(at, m.index)));
    const title = m[1];
    out.push(
      title !== undefined
        ? { word: title.replace(/\s/g, ""), tag: "title" }
        : { word: (m[2] ?? "").replace(/\s/g, ""), tag: "quoted" },
    );
    at = m.index + m[0].length;
  }
  if (at < phrase.length) out.push(...taggedWords(phrase.slice(at)));
  return out.filter((t) => t.word.trim() !== "");
}

/** The words run together (labelling joins token runs often: no array is built for it). */
export function joined(tokens: readonly Token[]): string {
  let text = "";
  for (const t of tokens) text += t.word;
  return text;
}

/** Nouns and words that stand in a noun phrase (名词, 动名词, 形容词, 简称, 习用语, names). */
export function isNominal(t: Token): boolean {
  // zg: jieba's tag for 村 and other one-character morphemes; 第三水厂: an ordinal in a name.
  return (
    /^(n|vn|an|a|b|j|l|i|g|k|f|s|zg|eng|quoted|title)/.test(t.tag) ||
    (t.tag === "x" && /\p{Script=Han}/u.test(t.word)) ||
    (t.tag === "m" && /^第/.test(t.word))
  );
}

export const isVerb = (t: Token): boolean => t.tag.startsWith("v") && t.tag !== "vn";
export const isConjunction = (t: Token): boolean => /^(和|及|与|以及|或|、)$/.test(t.word);
