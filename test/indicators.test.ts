/**
 * data/indicators.tsv and the reading of a report's figures for indicators: every variant
 * is a real report's wording, every indicator is found in real reports, and what a figure
 * says of one — its level, the change the report states, the target it sets — is told
 * apart, with units converted. Expected values are read from the reports' sentences.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  INDICATORS_FILE,
  type IndicatorValue,
  indicatorValues,
  parseIndicators,
} from "../src/report/indicators.ts";
import { parseReport } from "../src/report/parse.ts";
import type { Figure } from "../src/report/types.ts";
import { readReport } from "../src/store/read-report.ts";
import { normalizeText } from "../src/text/normalize.ts";
import { SEED_REPORTS } from "./helpers/app.ts";

const CORPUS = join(import.meta.dirname, "fixtures/corpus");
const WORK_REPORTS = join(CORPUS, "work-reports");

const reportFiles = [
  ...readdirSync(SEED_REPORTS).map((f) => join(SEED_REPORTS, f)),
  ...["fazhi", "work-reports"].flatMap((d) => readdirSync(join(CORPUS, d)).map((f) => join(CORPUS, d, f))),
].filter((f) => f.endsWith(".txt"));

const list = parseIndicators(readFileSync(INDICATORS_FILE, "utf8"));

function figuresOf(file: string): Figure[] {
  return readReport(readFileSync(file), file, false).parsed.figures;
}

/** What a report states of one indicator, as the figures' raw text: measure → raw. */
function stated(file: string, indicator: string): Record<string, string> {
  const figures = figuresOf(join(WORK_REPORTS, file));
  const found: Record<string, string> = {};
  for (const v of indicatorValues(figures, list).filter((x) => x.indicator === indicator))
    found[v.measure] = figures[v.figure]?.raw ?? "?";
  return found;
}

function valuesOf(file: string, indicator: string): IndicatorValue[] {
  return indicatorValues(figuresOf(join(WORK_REPORTS, file)), list).filter((v) => v.indicator === indicator);
}

describe("the indicators file", () => {
  it("names the indicators reports are compared by, each with its unit", () => {
    const names = list.map((i) => i.name);
    for (const name of [
      "地区生产总值",
      "一般公共预算收入",
      "全部财政收入",
      "固定资产投资",
      "社会消费品零售总额",
    ])
      expect(names).toContain(name);
    for (const name of [
      "城镇居民人均可支配收入",
      "农村居民人均可支配收入",
      "规模以上工业增加值",
      "法律援助案件",
      "行政复议案件",
    ])
      expect(names).toContain(name);
    expect(list.find((i) => i.name === "法律援助案件")?.unit).toBe("件");
    expect(list.find((i) => i.name === "地区生产总值")?.unit).toBe("元");
  });

  it("holds only wordings of real reports: every variant occurs in the seed or the corpus", () => {
    const texts = reportFiles.map((f) => normalizeText(readFileSync(f, "utf8")));
    expect(texts.length).toBeGreaterThan(40);
    const unused = list
      .flatMap((i) => i.variants)
      .filter((v) => !texts.some((t) => t.includes(normalizeText(v))));
    expect(unused).toEqual([]);
  });

  it("gives each wording to one indicator only (一般公共预算收入 and 全部财政收入 kept apart)", () => {
    const owners = new Map<string, string[]>();
    for (const i of list) for (const v of i.variants) owners.set(v, [...(owners.get(v) ?? []), i.name]);
    expect([...owners].filter(([, names]) => names.length > 1)).toEqual([]);
  });

  it("finds every indicator in a real report, and the economic ones in many", () => {
    const reportsWith = new Map<string, number>();
    for (const file of reportFiles) {
      for (const name of new Set(indicatorValues(figuresOf(file), list).map((v) => v.indicator)))
        reportsWith.set(name, (reportsWith.get(name) ?? 0) + 1);
    }
    expect(list.filter((i) => (reportsWith.get(i.name) ?? 0) === 0).map((i) => i.name)).toEqual([]);
    for (const name of [
      "地区生产总值",
      "一般公共预算收入",
      "固定资产投资",
      "社会消费品零售总额",
      "规模以上工业增加值",
    ])
      expect(reportsWith.get(name)).toBeGreaterThanOrEqual(15);
  });
});

describe("reading a report's figures for indicators", () => {
  it("tells a level, its stated change and the year's target apart (清苑区 2020)", () => {
    // 一般公共预算收入完成7.78亿元，同比增长7.1%；… 主要预期目标是：生产总值增长7%，一般公共预算收入增长6.5%
    expect(stated("qingyuan-2020.txt", "一般公共预算收入")).toEqual({
      level: "7.78亿元",
      change: "7.1%",
      target: "6.5%",
    });
    expect(stated("qingyuan-2020.txt", "地区生产总值")).toEqual({
      level: "141.9亿元",
      change: "7.5%",
      target: "7%",
    });
  });

  it("reads 预计地区生产总值增长8% as a change, not a level (满城区 2020)", () => {
    // 预计地区生产总值增长8%；
    const gdp = valuesOf("mancheng-2020.txt", "地区生产总值");
    expect(gdp.find((v) => v.measure === "change")?.value).toBe(8);
    expect(gdp.find((v) => v.measure === "level")).toBeUndefined();
  });

  it("converts 万元 and 亿元 to 元, keeping what is counted apart (清苑县 2005)", () => {
    // 全县财政收入完成22015万元，增长27.8%，其中，地方一般预算收入完成9529万元，增长25.6%。
    const total = valuesOf("qingyuan-2005.txt", "全部财政收入");
    expect(total.find((v) => v.measure === "level")?.value).toBe(220_150_000);
    expect(total.find((v) => v.measure === "change")?.value).toBe(27.8);
    const budget = valuesOf("qingyuan-2005.txt", "一般公共预算收入");
    expect(budget.find((v) => v.measure === "level")?.value).toBe(95_290_000);
    // 预计全区地区生产总值完成141.9亿元
    expect(
      valuesOf("qingyuan-2020.txt", "地区生产总值").find((v) => v.measure === "level")?.value,
    ).toBeCloseTo(14_190_000_000, -2);
  });

  it("takes the end of 由…增长到…, not where it started (清苑区 2021)", () => {
    // 一般公共预算收入由4.14亿元增长到8.56亿元；
    expect(stated("qingyuan-2021.txt", "一般公共预算收入").level).toBe("8.56亿元");
    // 全县生产总值从2015年的87.55亿元增长到118.32亿元 (易县 2021)
    expect(stated("yixian-2021.txt", "地区生产总值").level).toBe("118.32亿元");
  });

  it("leaves out a growth over several years and a narrower quantity", () => {
    // 一般公共预算收入从4.37亿元增长到6.89亿元，年均增长7.56%: no change of the year.
    expect(stated("yixian-2021.txt", "一般公共预算收入").change).toBeUndefined();
    // 城乡居民人均可支配收入分别同比增长4.5%左右和6%左右: neither the urban nor the rural one alone.
    const incomes = ["城镇居民人均可支配收入", "农村居民人均可支配收入", "全体居民人均可支配收入"];
    for (const name of incomes) expect(valuesOf("qingyuan-2025.txt", name)).toEqual([]);
  });

  it("reads 万亿元 as a trillion 元 (广东省 2024)", () => {
    // 地区生产总值达到13.57万亿元、增长4.8%
    const file = join(CORPUS, "untitled", "guangdong-2024.txt");
    const figures = figuresOf(file);
    const gdp = indicatorValues(figures, list).filter((v) => v.indicator === "地区生产总值");
    expect(gdp.map((v) => [v.measure, figures[v.figure]?.raw])).toContainEqual(["level", "13.57万亿元"]);
    expect(gdp.find((v) => v.measure === "level")?.value).toBeCloseTo(13.57e12, -6);
  });

  it("leaves out an amount for each square kilometre, whatever its label says", () => {
    // 深圳市's 2005 report: the 6000万元 is labelled by the GDP written before it.
    const text = [
      "一、2004年工作回顾",
      "2004年，全市每平方公里土地产生1.75亿元的GDP和6000万元的税收，比1999年提高了1.4倍。",
    ].join("\n");
    const figures = parseReport(text, "per-area.txt").figures;
    expect(figures.find((f) => f.raw === "6000万元")).toBeDefined();
    expect(indicatorValues(figures, list).filter((v) => v.indicator === "地区生产总值")).toEqual([]);
  });

  it("reads a count of cases in a 法治政府 report (忠县 2021)", () => {
    // 全年共受理各类法律援助案件1114件
    const figures = figuresOf(join(SEED_REPORTS, "zhongxian-2021.txt"));
    const aid = indicatorValues(figures, list).filter((v) => v.indicator === "法律援助案件");
    expect(aid.map((v) => [v.measure, figures[v.figure]?.raw])).toEqual([["level", "1114件"]]);
  });
});
