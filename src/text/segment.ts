import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Jieba } from "@node-rs/jieba";

/** One word with its part-of-speech tag (jieba's ICTCLAS-style tags: n, v, vn, d, p, r…). */
export interface TaggedWord {
  word: string;
  tag: string;
}

// Loading the dictionary at once takes ~150–250 ms. The file is read here rather than through
// @node-rs/jieba/dict.js, which also reads the 6 MB IDF table this bot never uses and holds
// both files in memory for good (11 MB of RSS); this buffer is dropped once loaded. The
// native module itself is loaded then too (~10 MB of RSS): a process that never segments
// (ready on a built database, before preloadSegmenter) does not hold it.
let jieba: Jieba | null = null;

const require = createRequire(import.meta.url);
const DICTIONARY = require.resolve("@node-rs/jieba/dict.txt");

/** A dictionary being loaded a slice at a time (see preloadSegmenter). */
interface Loading {
  segmenter: Jieba;
  dict: Buffer;
  /** Bytes of `dict` loaded so far, whole lines. */
  loaded: number;
}
let loading: Loading | null = null;

function segmenter(): Jieba {
  if (jieba !== null) return jieba;
  const started = loading ?? startLoading();
  loadSlice(started, started.dict.length);
  return started.segmenter;
}

function startLoading(dict = readFileSync(DICTIONARY)): Loading {
  const { Jieba: Segmenter }: typeof import("@node-rs/jieba") = require("@node-rs/jieba");
  loading = { segmenter: new Segmenter(), dict, loaded: 0 };
  return loading;
}

/**
 * Loads the dictionary's lines from where the last slice ended to the first line end at or
 * after `upTo` bytes. Loading a dictionary in parts gives the segmenter loading it whole
 * does: jieba adds each part's words and sums the frequencies of all it holds.
 */
function loadSlice(started: Loading, upTo: number): void {
  const { segmenter, dict } = started;
  const lineEnd = upTo >= dict.length ? -1 : dict.indexOf(0x0a, upTo);
  const end = lineEnd < 0 ? dict.length : lineEnd + 1;
  segmenter.loadDict(dict.subarray(started.loaded, end));
  started.loaded = end;
  if (end === dict.length) {
    jieba = segmenter;
    loading = null;
  }
}

/**
 * Bytes of the dictionary loaded in one turn of the event loop: ~4 ms on a 2-core machine,
 * and once or twice 15–25 ms, when jieba's word trie grows and is copied.
 */
const SLICE_BYTES = 256 * 1024;

/**
 * Loads the dictionary in slices, one per turn of the event loop, so that a bot which will
 * segment the first question it gets loads it beforehand without holding up an answer: the
 * whole load, done by the first question, held every answer queued behind it for its
 * 150–250 ms. A word segmented meanwhile loads the rest at once. Resolves to the number of
 * slices loaded here (0 when a word segmented first loaded the dictionary whole).
 */
export function preloadSegmenter(): Promise<number> {
  preloading ??= preload();
  return preloading;
}
let preloading: Promise<number> | null = null;

async function preload(): Promise<number> {
  if (jieba !== null) return 0;
  const dict = await readFile(DICTIONARY);
  // A word segmented while the file was read has loaded the dictionary whole.
  if (jieba !== null) return 0;
  const started = startLoading(dict);
  for (let slices = 0; ; slices++) {
    await nextTurn();
    // A word segmented meanwhile has loaded the rest.
    if (jieba !== null) return slices;
    loadSlice(started, started.loaded + SLICE_BYTES);
  }
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
