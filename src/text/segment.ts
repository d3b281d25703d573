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

/** Words with part-of-speech tags. */
export function taggedWords(text: string): TaggedWord[] {
  return segmenter().tag(text, true);
}
