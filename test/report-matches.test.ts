import { describe, expect, it } from "vitest";
import { matchesOf } from "../src/report/matches.ts";

/** What String.prototype.matchAll gives, as plain data: the match, its groups and where it starts. */
const viaMatchAll = (pattern: RegExp, text: string) =>
  [...text.matchAll(pattern)].map((m) => ({ index: m.index, groups: [...m] }));
const viaMatchesOf = (pattern: RegExp, text: string) =>
  matchesOf(pattern, text).map((m) => ({ index: m.index, groups: [...m] }));

describe("matchesOf", () => {
  it("finds every match of a global pattern, with its groups, as matchAll does", () => {
    const pattern = /(\d+(?:\.\d+)?)(万|亿)?(件|人次|元)/g;
    const text = "受理案件1114件，接待群众3.5万人次，挽回损失2000元。";
    expect(viaMatchesOf(pattern, text)).toEqual(viaMatchAll(pattern, text));
    expect(viaMatchesOf(pattern, text).map((m) => m.groups[0])).toEqual(["1114件", "3.5万人次", "2000元"]);
  });

  it("starts from the beginning whatever the shared pattern was left at, and leaves it rewound", () => {
    const pattern = /\d+/g;
    pattern.lastIndex = 5;
    expect(matchesOf(pattern, "12 34 56").map((m) => m[0])).toEqual(["12", "34", "56"]);
    expect(pattern.lastIndex).toBe(0);
  });

  it("steps over empty matches, a whole astral character at a time under the u flag", () => {
    expect(viaMatchesOf(/x*/g, "axb")).toEqual(viaMatchAll(/x*/g, "axb"));
    expect(viaMatchesOf(/(?:)/gu, "a𠀀b")).toEqual(viaMatchAll(/(?:)/gu, "a𠀀b"));
  });
});
