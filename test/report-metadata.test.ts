import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readReportInput } from "../src/report/input.ts";
import { parseReport } from "../src/report/parse.ts";

const FIXTURES = join(import.meta.dirname, "fixtures");
const parseFile = (path: string) => {
  const input = readReportInput(readFileSync(path), path);
  return parseReport(input.text, path, { sourceUrl: input.sourceUrl });
};

describe("metadata read from the text", () => {
  it("longhua-2019 has no title line: place, issuer and date from its signature, the year it covers", () => {
    // The text starts at 现将有关情况报告如下： and closes with 深圳市龙华区人民政府 / 2019年12月18日;
    // its plan is 八、2020年法治政府建设工作计划, so it reports on 2019.
    const { meta, text } = parseFile(join(FIXTURES, "corpus", "fazhi", "longhua-2019.txt"));
    expect(meta).toMatchObject({
      genre: "fazhi",
      place: "龙华区",
      issuer: "深圳市龙华区人民政府",
      date: "2019-12-18",
      year: 2019,
      titleInferred: true,
    });
    expect(meta.title).toBe("深圳市龙华区人民政府2019年法治政府建设年度报告");
    // The signature is metadata, not the text of the last plan item.
    expect(text).not.toContain("2019年12月18日");
    expect(text.endsWith("全面提升行政应诉能力。")).toBe(true);
  });

  it("joins a title split over two lines (赵县人民政府 / 2022年度法治政府建设情况报告)", () => {
    const { meta } = parseFile(join(FIXTURES, "reports", "split-title.txt"));
    expect(meta).toMatchObject({
      title: "赵县人民政府2022年度法治政府建设情况报告",
      titleInferred: false,
      issuer: "赵县人民政府",
      place: "赵县",
      year: 2022,
      date: "2023-03-20",
    });
  });

  it("reads an aggregator page: the title without its 标题： label, the speech header's date", () => {
    const { meta } = parseFile(join(FIXTURES, "reports", "aggregator-page.txt"));
    expect(meta).toMatchObject({
      title: "2022年保定市政府工作报告",
      genre: "work-report",
      place: "保定市",
      issuer: "保定市人民政府",
      year: 2022,
      // The report's own date, not the page's 时间：2023-01-24.
      date: "2022-01-20",
    });
  });

  it("takes the place from the text, not from the file name", () => {
    // miyi-2023.txt is a report of 米易县 (四川); saved as yixian-2023.txt it still is.
    const dir = mkdtempSync(join(tmpdir(), "report-bot-names-"));
    try {
      const misnamed = join(dir, "yixian-2023.txt");
      writeFileSync(misnamed, readFileSync(join(FIXTURES, "corpus", "work-reports", "miyi-2023.txt")));
      const { meta } = parseFile(misnamed);
      expect(meta.place).toBe("米易县");
      expect(meta.year).toBe(2023);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("prefers the report's own session date to a page title naming another year", () => {
    // The aggregator titles miyi-2024.txt 米易县2024年政府工作报告, but the report was given on
    // 2022年1月24日 and reviews 2021: its title is rebuilt from the text.
    const { meta } = parseFile(join(FIXTURES, "corpus", "work-reports", "miyi-2024.txt"));
    expect(meta).toMatchObject({
      year: 2022,
      date: "2022-01-24",
      titleInferred: true,
      title: "米易县2022年政府工作报告",
    });
  });

  it("finds the place a report names only in passing (我代表县政府; 清苑 throughout)", () => {
    const { meta } = parseFile(join(FIXTURES, "corpus", "work-reports", "qingyuan-2013.txt"));
    expect(meta).toMatchObject({ place: "清苑县", year: 2013, date: "2013-03-19" });
  });

  it("takes the place from the congress the speech header names (在浮山县第十六届人民代表大会…)", () => {
    const text = [
      "政府工作报告",
      "——2019年3月2日在浮山县第十六届人民代表大会第四次会议上",
      "各位代表：",
      "现在，我代表县人民政府向大会报告工作，请予审议。",
      "一、2018年工作回顾",
      "过去一年，全县地区生产总值完成46.1亿元。",
      "二、2019年工作安排",
      "今年，全县地区生产总值预期增长6%。",
    ].join("\n");
    expect(parseReport(text, "page.txt").meta).toMatchObject({
      place: "浮山县",
      issuer: "浮山县人民政府",
      title: "浮山县2019年政府工作报告",
      date: "2019-03-02",
    });
  });

  it("reads no country for a county's report that names 中国 more often than itself (全县 before 全国)", () => {
    const text = [
      "各位代表：",
      "现在，我代表县人民政府向大会报告工作，请予审议。",
      "一、2018年工作回顾",
      "过去一年，全县地区生产总值完成46.1亿元，全县上下落实中国制造2025。",
      "全县引进中国500强企业3家，全县入选全国百强县，我县获评中国特色小镇，全国文明县城通过复审。",
      "二、2019年工作安排",
      "今年，全县地区生产总值预期增长6%，争创全国示范，对接中国一流企业。",
    ].join("\n");
    expect(parseReport(text, "page.txt").meta.place).toBeNull();
  });

  it("reads a work report's year from its review's first words when no part title names one, not from a span's start", () => {
    const report = (review: string) =>
      [
        "各位代表：",
        "现在，我代表县人民政府向大会报告工作，请予审议。",
        "一、过去一年工作回顾",
        review,
        "二、今年的主要工作",
        "今年，全县地区生产总值预期增长6%。",
      ].join("\n");
    expect(
      parseReport(report("2021年，面对复杂形势，全县地区生产总值完成46.1亿元。"), "a.txt").meta.year,
    ).toBe(2022);
    expect(
      parseReport(report("2021年是极不平凡的一年。全县地区生产总值完成46.1亿元。"), "b.txt").meta.year,
    ).toBe(2022);
    expect(parseReport(report("2016年以来，全县地区生产总值年均增长6.5%。"), "c.txt").meta.year).toBeNull();
    expect(parseReport(report("过去一年，全县地区生产总值完成46.1亿元。"), "d.txt").meta.year).toBeNull();
  });
});
