/**
 * Paragraphs opened by the same span of time (一年来，我们…; 过去五年，是我们…), three or more
 * under one heading, are the areas of that part, as dash-led paragraphs are: unnumbered
 * sections, each one paragraph, after which the part's own text goes on. Read on 曲阳县's
 * 2020 report (test/fixtures/corpus/work-reports/quyang-2020.txt), whose review (一、2019年工作
 * 回顾) tells its year in ten 一年来，我们… paragraphs, then says 同时，统计、审计…, 各位代表!
 * 一年来，… and 在肯定成绩的同时… (its problems); and on 阜平县's 2021 report, whose review tells
 * five years in six 过去五年，是我们… paragraphs and later says 五年来，我们始终… twice; and on
 * a small report whose review says 五年来，我们始终坚持… in two paragraphs only
 * (test/fixtures/reports/opener-lines.txt); and on 定兴县's 2022 report, whose review opens
 * nine paragraphs with the year itself (2021年，我们争先图强开新局，…).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readReportInput } from "../src/report/input.ts";
import { parseReport } from "../src/report/parse.ts";

const FIXTURES = join(import.meta.dirname, "fixtures");
const parseFile = (name: string) => {
  const path = join(FIXTURES, name);
  return parseReport(readReportInput(readFileSync(path), path).text, path);
};

describe("areas opened by the same span of time", () => {
  const report = parseFile("corpus/work-reports/quyang-2020.txt");
  const areas = report.sections.filter((s) => s.parentId === "1" && !s.inline);

  it("are the part's sections, in order, titled by their whole lead clause", () => {
    expect(areas.map((s) => s.style)).toEqual(Array(10).fill("opener"));
    expect(areas[0]?.title).toBe("一年来，我们凝心聚力推动高质量发展，经济运行稳中有进");
    expect(areas[1]?.title).toBe("一年来，我们持之以恒打赢脱贫攻坚战，脱贫成效持续巩固提升");
    expect(areas[9]?.title).toBe("一年来，我们认真落实全面从严治党主体责任，自身建设不断加强");
  });

  it("hold one paragraph each: the part's text, and its problems, go on after the last", () => {
    expect(areas[9]?.text).not.toContain("同时，统计、审计");
    const part = report.sections.find((s) => s.id === "1");
    expect(part?.text).toContain("同时，统计、审计");
    expect(part?.text).toContain("在肯定成绩的同时");
    expect(report.problems.length).toBeGreaterThan(0);
    expect(new Set(report.problems.map((p) => p.sectionId.split(".")[0]))).toEqual(new Set(["1"]));
    expect(report.problems.some((p) => areas.some((a) => p.sectionId.startsWith(`${a.id}.`)))).toBe(false);
  });

  it("need three alike: a 五年来，我们… said twice stays in the part's text", () => {
    const fuping = parseFile("corpus/work-reports/fuping-2021.txt");
    const review = fuping.sections.filter((s) => s.parentId === "1" && !s.inline);
    expect(review.every((s) => s.title.startsWith("过去五年，是我们坚定不移"))).toBe(true);
    expect(review.map((s) => s.title.slice(12, 18))).toEqual([
      "围绕脱贫攻坚",
      "落实高质量发",
      "推进城乡统筹",
      "坚持人民至上",
      "贯彻绿色发展",
      "加强政府自身",
    ]);
    const sentence = fuping.sentences.find((s) => s.text.startsWith("五年来，我们始终围绕脱贫建小康目标"));
    const section = fuping.sections.find((s) => s.id === sentence?.sectionId);
    // In the part's own text (or an item enumerated there), in no area.
    expect(section?.id.split(".")[0]).toBe("1");
    expect(section?.style).not.toBe("opener");
    expect(review.some((area) => section?.id.startsWith(`${area.id}.`))).toBe(false);
  });

  it("may be a year: 定兴县 2022 tells 2021 in nine 2021年，我们… paragraphs, then its problems", () => {
    const dingxing = parseFile("corpus/work-reports/dingxing-2022.txt");
    const review = dingxing.sections.filter((s) => s.parentId === "1" && s.style === "opener");
    expect(review.map((s) => s.title.slice(8, 12))).toEqual([
      "争先图强",
      "铆劲实干",
      "应势主动",
      "敢为人先",
      "迎难而上",
      "内外兼修",
      "谋篇布局",
      "精准施策",
      "用情用力",
    ]);
    expect(review[0]?.title).toBe("2021年，我们争先图强开新局，经济运行呈现加速势头");
    // The problems stay the review's items, after the areas.
    expect(dingxing.problems[0]?.text).toContain("经济总量偏小");
    expect(review.some((area) => dingxing.problems[0]?.sectionId.startsWith(`${area.id}`))).toBe(false);
  });

  it("need three alike: two are the part's text", () => {
    const small = parseFile("reports/opener-lines.txt");
    expect(small.sections.filter((s) => s.style === "opener")).toEqual([]);
    expect(small.sections.find((s) => s.id === "1")?.text).toContain("五年来，我们始终坚持民生为本");
  });
});
