import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";

/** One word with its part-of-speech tag (jieba's ICTCLAS-style tags: n, v, vn, d, p, r…). */
export interface TaggedWord {
  word: string;
  tag: string;
}

// Loading the dictionary takes ~150 ms: done once, on first use.
let jieba: Jieba | null = null;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
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

/** Words with part-of-speech tags. */
export function taggedWords(text: string): TaggedWord[] {
  return segmenter().tag(text, true);
}
