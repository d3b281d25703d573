/**
 * A figure's unit read as its 万/亿 scale and what it counts, the same way wherever it is
 * read: an indicator's level in 元, a question's 多少公里 against a figure in 千米.
 */
import { describe, expect, it } from "vitest";
import { isUnitWord, unitHint, unitMatches } from "../src/query/units.ts";
import { extractFigures, unitScale } from "../src/report/figures.ts";

/** Where a sentence sits, for extracting its figures: the review of a work report. */
const PLACE = {
  sectionId: "1",
  nodeId: "1",
  sentenceIndex: 0,
  offset: 0,
  kinds: new Set(["amount", "change", "rate", "target", "rank"] as const),
  inPlan: false,
};

describe("a figure's unit", () => {
  it("splits a 万, 亿 or 万亿 off what is counted", () => {
    expect(unitScale("亿元")).toEqual({ factor: 1e8, base: "元" });
    expect(unitScale("万亿元")).toEqual({ factor: 1e12, base: "元" });
    expect(unitScale("万人次")).toEqual({ factor: 1e4, base: "人次" });
    expect(unitScale("万千瓦")).toEqual({ factor: 1e4, base: "千瓦" });
    expect(unitScale("件")).toEqual({ factor: 1, base: "件" });
  });

  it("keeps 千米, 千克 and 千瓦时 whole: they are units, not a thousand of something", () => {
    expect(unitScale("千米")).toEqual({ factor: 1, base: "千米" });
    expect(unitScale("千克")).toEqual({ factor: 1, base: "千克" });
    expect(unitScale("千瓦时")).toEqual({ factor: 1, base: "千瓦时" });
  });

  it("answers a question in kilometres with a figure in 千米, and one in 万千瓦时 with 千瓦时", () => {
    const kilometres = unitHint(["公里"]);
    expect(kilometres && unitMatches(kilometres, "千米")).toBe(true);
    const kilowattHours = unitHint(["千瓦时"]);
    expect(kilowattHours && unitMatches(kilowattHours, "万千瓦时")).toBe(true);
    expect(kilowattHours && unitMatches(kilowattHours, "瓦时")).toBe(false);
  });

  it("reads grain in 亿斤 as a weight, which a question in 吨 or 公斤 is answered with", () => {
    const [grain] = extractFigures("粮食总产量稳定在3.8亿斤以上。", PLACE);
    expect(grain).toMatchObject({ raw: "3.8亿斤", value: 3.8, unit: "亿斤" });
    const tonnes = unitHint(["吨"]);
    expect(tonnes && unitMatches(tonnes, "亿斤")).toBe(true);
    expect(tonnes && unitMatches(tonnes, "万亩")).toBe(false);
  });

  it("answers a question of how many 件 of documents with a figure in 份 (印发区政府规范性文件11份)", () => {
    const pieces = unitHint(["件"]);
    expect(pieces && unitMatches(pieces, "份")).toBe(true);
    expect(pieces && unitMatches(pieces, "项")).toBe(false);
  });

  it("reads 千瓦 and 万千瓦 in a question as unit words", () => {
    expect(isUnitWord("千瓦")).toBe(true);
    expect(isUnitWord("万千瓦")).toBe(true);
    expect(isUnitWord("万元")).toBe(true);
    expect(isUnitWord("千人")).toBe(false);
  });
});
