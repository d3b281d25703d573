import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Jieba } from "@node-rs/jieba";
import { describe, expect, it } from "vitest";
import { taggedWords } from "../src/text/segment.ts";

const require = createRequire(import.meta.url);
const { Jieba: Segmenter }: typeof import("@node-rs/jieba") = require("@node-rs/jieba");
const jieba: Jieba = Segmenter.withDict(readFileSync(require.resolve("@node-rs/jieba/dict.txt")));
const plain = (words: readonly { word: string; tag: string }[]) =>
  words.map(({ word, tag }) => ({ word, tag }));

// Sentences of the corpus's kind: dictionary words, words jieba only finds by its model
// (罚没收入, 渝快办), digits, Latin letters, full-width marks and a space.
const TEXTS = [
  "全年办理行政复议案件156件，罚没收入21.257万元",
  "在渝快办平台领取发布便民代办事项指导目录",
  "新建5G基站1200个、改造提升点 36处（含乡镇）",
];

describe("taggedWords", () => {
  it("gives jieba's words and tags for a text met the first time", () => {
    for (const text of TEXTS) expect(plain(taggedWords(text))).toEqual(plain(jieba.tag(text, true)));
  });

  it("gives the same words and tags again once every word of the text is known", () => {
    for (const text of TEXTS) taggedWords(text);
    for (const text of TEXTS) expect(plain(taggedWords(text))).toEqual(plain(jieba.tag(text, true)));
    // Known words in a new order: the tags are the words' own, not their neighbours'.
    const shuffled = "罚没收入156件，全年办理行政复议案件";
    taggedWords(shuffled);
    expect(plain(taggedWords(shuffled))).toEqual(plain(jieba.tag(shuffled, true)));
  });
});
