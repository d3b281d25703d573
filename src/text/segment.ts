import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Jieba } from "@node-rs/jieba";

/** One word with its part-of-speech tag (jieba's ICTCLAS-style tags: n, v, vn, d, p, r…). */
export interface TaggedWord {
  word: string;
  tag: string;
}

// Loading the dictionary takes ~150 ms: done once, on first use. The file is read here rather
// than through @node-rs/jieba/dict.js, which also reads the 6 MB IDF table this bot never uses
// and holds both files in memory for good (11 MB of RSS); this buffer is dropped once parsed.
// The native module itself is loaded then too (~10 MB of RSS): a bot that has not segmented
// anything yet (ready on a built database) does not hold it.
let jieba: Jieba | null = null;
function segmenter(): Jieba {
  if (jieba === null) {
    const require = createRequire(import.meta.url);
    const { Jieba: Segmenter }: typeof import("@node-rs/jieba") = require("@node-rs/jieba");
    jieba = Segmenter.withDict(readFileSync(require.resolve("@node-rs/jieba/dict.txt")));
  }
  return jieba;
}

/** Words of a Chinese text in search mode: long words and the shorter words inside them. */
export function searchWords(text: string): string[] {
  return segmenter()
    .cutForSearch(text, true)
    .map((w) => w.trim())
    .filter((w) => w !== "");
}

/** Words of a text, each once, in order (precise mode). */
export function words(text: string): string[] {
  return segmenter()
    .cut(text, true)
    .map((w) => w.trim())
    .filter((w) => w !== "");
}

/** The words of a text (precise mode, as `words` gives them), each with where it starts in the text. */
export function wordSpans(text: string): { word: string; start: number }[] {
  const spans: { word: string; start: number }[] = [];
  let at = 0;
  for (const word of words(text)) {
    const start = text.indexOf(word, at);
    if (start < 0) continue;
    spans.push({ word, start });
    at = start + word.length;
  }
  return spans;
}

/**
 * Words with part-of-speech tags, as jieba's tag() gives them. tag() is cut() with each word
 * then tagged by itself (its dictionary tag, or for a word not in the dictionary a guess from
 * the word alone): a word's tag never depends on its neighbours. Tagging costs about twice
 * what cutting does (a look-up and an object per word on the native side), so the tags of
 * words already met are kept, and a text whose words are all known is cut and tagged here;
 * a text with a new word goes through tag() as a whole, and its words are learnt.
 */
export function taggedWords(text: string): TaggedWord[] {
  const jieba = segmenter();
  const words = jieba.cut(text, true);
  const out: TaggedWord[] = [];
  for (const word of words) {
    const tag = wordTags.get(word);
    if (tag === undefined) return learnt(jieba.tag(text, true));
    out.push({ word, tag });
  }
  return out;
}

// Reports share most of their vocabulary (all the corpus holds ~26,000 distinct words); the
// bound only keeps a long-running process from growing without end.
const MAX_WORD_TAGS = 50_000;
const wordTags = new Map<string, string>();

function learnt(tagged: TaggedWord[]): TaggedWord[] {
  if (wordTags.size >= MAX_WORD_TAGS) wordTags.clear();
  for (const t of tagged) wordTags.set(t.word, t.tag);
  return tagged;
}
