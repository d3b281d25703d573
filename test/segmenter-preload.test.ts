import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Jieba } from "@node-rs/jieba";
import { expect, it } from "vitest";
import { preloadSegmenter, taggedWords, words } from "../src/text/segment.ts";

const require = createRequire(import.meta.url);
const wholeDictionary = Jieba.withDict(readFileSync(require.resolve("@node-rs/jieba/dict.txt")));

/** Sentences of the seed report: several thousand words, common and rare. */
const LINES = readFileSync(join(import.meta.dirname, "../data/reports/zhongxian-2021.txt"), "utf8")
  .split(/[。\n]/)
  .map((line) => line.trim())
  .filter((line) => line.length > 0);

const cutWhole = (text: string) =>
  wholeDictionary
    .cut(text, true)
    .map((w) => w.trim())
    .filter((w) => w !== "");

it("segments with a dictionary loaded in slices as with the dictionary loaded whole, also when asked half-way", async () => {
  expect(LINES.length).toBeGreaterThan(50);
  const preloaded = preloadSegmenter();
  // Asked while the slices are being loaded (a slice takes a few ms, the whole over 100):
  // the rest is loaded at once, never a part used.
  await new Promise((resolve) => setTimeout(resolve, 30));
  for (const line of LINES) expect(words(line)).toEqual(cutWhole(line));
  await preloaded;
  const tagged = taggedWords("法律援助中心办理案件1114件");
  expect(tagged).toEqual(wholeDictionary.tag("法律援助中心办理案件1114件", true));
});
