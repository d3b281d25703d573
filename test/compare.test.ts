/**
 * /compare on real reports: 清苑区 2020–2025 and 易县 2018–2025 (with 米易县 beside them,
 * whose name holds 易县) copied into a temporary REPORTS_DIR. Every value below was read
 * from the reports' sentences, quoted next to it.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import type { Answer } from "../src/answer/answer.ts";
import type { App } from "../src/app.ts";
import { findIndicator } from "../src/query/comparison.ts";
import { Knowledge } from "../src/query/knowledge.ts";
import { asksAcrossReports } from "../src/query/question/across.ts";
import { indicatorsMark } from "../src/report/indicators.ts";
import { openStore } from "../src/store/index.ts";
import { makeTestApp } from "./helpers/app.ts";

const WORK_REPORTS = join(import.meta.dirname, "fixtures/corpus/work-reports");
const FILES = [
  ...["2005", "2008", "2020", "2021", "2022", "2023", "2024", "2025"].map((y) => `qingyuan-${y}.txt`),
  ...["2018", "2019", "2020", "2021", "2022", "2025"].map((y) => `yixian-${y}.txt`),
  "miyi-2023.txt",
];

let app: App;
let cleanup: () => void;
let source: string;
beforeAll(async () => {
  source = mkdtempSync(join(tmpdir(), "report-bot-compare-"));
  mkdirSync(join(source, "work-reports"));
  for (const f of FILES) copyFileSync(join(WORK_REPORTS, f), join(source, "work-reports", f));
  ({ app, cleanup } = await makeTestApp({}, source));
}, 120_000);
afterAll(() => {
  cleanup?.();
  rmSync(source, { recursive: true, force: true });
});

const ask = (line: string) => app.dispatcher.handleLine(line, CONSOLE_CHAT);

/** The lines of the list under a heading (the place), or of the first list. */
function linesUnder(a: Answer, heading?: string): string[] {
  const at =
    heading === undefined ? -1 : a.blocks.findIndex((b) => b.kind === "heading" && b.text === heading);
  const list = a.blocks.slice(at + 1).find((b) => b.kind === "list");
  return list?.kind === "list" ? list.items : [];
}

const notes = (a: Answer) => {
  const at = a.blocks.findIndex((b) => b.kind === "heading" && b.text.startsWith("核对"));
  const list = at < 0 ? undefined : a.blocks[at + 1];
  return list?.kind === "list" ? list.items : [];
};

describe("/compare: one indicator over two counties' years", () => {
  it("gives each report's level, stated growth and target, as the reports write them", async () => {
    const a = await ask("/compare 一般公共预算收入 清苑区 易县");
    expect(a.ok).toBe(true);
    expect(a.title).toBe("一般公共预算收入 · 2个地区 · 2018–2025年");
    expect(linesUnder(a, "清苑区")).toEqual([
      // 一般公共预算收入完成7.78亿元，同比增长7.1%； … 一般公共预算收入增长6.5%
      "2020年: 7.78亿元 · 增长7.1% · 目标 增长6.5%",
      // 一般公共预算收入由4.14亿元增长到8.56亿元； … 一般公共预算收入增长7%
      "2021年: 8.56亿元 · 目标 增长7%",
      // 一般公共预算收入完成9.3亿元，同比增长9.1%； … 一般公共预算收入增长8%以上
      "2022年: 9.3亿元 · 增长9.1% · 目标 增长8%",
      // 一般公共预算收入完成16.08亿元 … 一般公共预算收入可比增长7%
      "2023年: 16.08亿元 · 目标 增长7%",
      // 一般公共预算收入完成13.24亿元； … 一般公共预算收入增长6%左右
      "2024年: 13.24亿元 · 目标 增长6%",
      // 一般公共预算收入同比增长1.45%;
      "2025年: 增长1.45%",
    ]);
    expect(linesUnder(a, "易县")).toEqual([
      // 一般公共财政预算收入完成4.79亿元 (its target, 一般公共预算收入完成4.6亿元, is a level aimed at)
      "2018年: 4.79亿元",
      // 其中一般公共预算收入完成7.02亿元，增长46.5% … 一般公共预算收入可比增长6%
      "2019年: 7.02亿元 · 增长46.5% · 目标 增长6%",
      // 一般公共预算收入完成8.39亿元，增长19.53% … 一般公共预算收入增长6.5%
      "2020年: 8.39亿元 · 增长19.53% · 目标 增长6.5%",
      // 一般公共预算收入从4.37亿元增长到6.89亿元，年均增长7.56% … 可比增长10%以上
      "2021年: 6.89亿元 · 目标 增长10%",
      // 一般公共预算收入完成8.9亿元，同比增长29% … 可比增长8%以上
      "2022年: 8.9亿元 · 增长29% · 目标 增长8%",
      // 一般公共预算收入完成9.24亿元 … 一般公共预算收入增长6%以上
      "2025年: 9.24亿元 · 目标 增长6%",
    ]);
    // Each cell is one tap from its report and sentence.
    expect(a.actions.map((x) => x.command)).toContain("/compare 一般公共预算收入 易县 2019");
    expect(a.actions).toHaveLength(12);
  });

  it("opens one cell: its report and its sentences, level, change and target apart", async () => {
    const a = await ask("/compare 一般公共预算收入 易县 2019");
    expect(a.ok).toBe(true);
    expect(a.title).toBe("一般公共预算收入 · 易县 2019年报告");
    const [level, change, target] = linesUnder(a);
    expect(level).toMatch(
      /^数值: 7\.02亿元 〔[\d.]+〕\n {3}“.*一般公共预算收入完成7\.02亿元，增长46\.5%.*”$/,
    );
    expect(change).toMatch(/^增减: 增长46\.5% /);
    expect(target).toMatch(/^目标: 增长6% 〔[\d.]+〕\n {3}“一般公共预算收入可比增长6%；”$/);
    expect(a.text).toContain("yixian-2019");
  });

  it("reads a place only by its name: 易县 is not 米易县", async () => {
    const a = await ask("/compare 地区生产总值 易县");
    expect(a.title).toBe("地区生产总值 · 易县 · 2018–2025年");
    expect(a.text).not.toContain("米易");
    const miyi = await ask("/compare 地区生产总值 米易 2023");
    expect(miyi.title).toBe("地区生产总值 · 米易县 2023年报告");
    // 全年实现地区生产总值183.7亿元、增长3.8%
    expect(linesUnder(miyi)[0]).toMatch(/^数值: 183\.7亿元 /);
  });

  it("converts 万元 to the table's 亿元, keeping the value as written (清苑县 2005, 2008)", async () => {
    const a = await ask("/compare 全部财政收入 清苑 2005-2008");
    // 全县财政收入完成22015万元，增长27.8%  ·  财政收入突破3亿元，同比增长18.1%
    expect(linesUnder(a)).toEqual([
      "2005年: 22015万元 (2.2亿元) · 增长27.8% · 目标 增长10.1%",
      "2008年: 3亿元 · 增长18.1% · 目标 增长12%",
    ]);
  });

  it("sets places side by side for one year, largest first, with bars", async () => {
    const a = await ask("/compare 地区生产总值 2020");
    // 预计全区地区生产总值完成141.9亿元，同比增长7.5%  ·  预计全县生产总值完成123.6亿元，增长6.5%
    expect(linesUnder(a)).toEqual([
      "清苑区: 141.9亿元 · 增长7.5% · 目标 增长7%",
      "易县: 123.6亿元 · 增长6.5% · 目标 增长7%",
    ]);
    expect(a.image?.path).toMatch(/\.png$/);
  });

  it("refuses words that name no place, and a request without an indicator, in plain words", async () => {
    const place = await ask("/compare 地区生产总值 保定");
    expect(place.ok).toBe(false);
    expect(place.text).toContain("没有找到“保定”的报告");
    const none = await ask("/compare 清苑 2021");
    expect(none.ok).toBe(false);
    expect(none.text).toContain("可对比的指标");
  });
});

describe("/compare: the reports checked against each other", () => {
  it("notes a stated growth the two years' levels do not give, and a target missed by more than a point", async () => {
    // 2023: 固定资产投资完成56.5亿元; 2024: 固定资产投资完成45.4亿元，同比增长13.9% — 45.4 / 56.5
    // is a fall of 19.6%.
    const investment = notes(await ask("/compare 固定资产投资 清苑"));
    expect(
      investment.some(
        (n) =>
          n.startsWith("清苑区2024年报告称固定资产投资增长13.9%, 而按2023年报告的56.5亿元") &&
          n.includes("增长约-19.6%"),
      ),
    ).toBe(true);
    const found = notes(await ask("/compare 地区生产总值 清苑"));
    // 2021: 2020年全区生产总值达到144.9亿元; 2022: 预计全区地区生产总值完成160.5亿元，同比增长7%
    // — 10.8% at current prices, but the 7% is at comparable prices: no note.
    expect(found.some((n) => n.includes("推算"))).toBe(false);
    // 2023: 地区生产总值增长7%; 2024: 全年地区生产总值完成176.6亿元，同比增长5.5%
    expect(
      found.some((n) => n.startsWith("清苑区2023年报告的目标是地区生产总值增长7%, 2024年报告称增长5.5%")),
    ).toBe(true);
    // 2024: 生产总值增长6%左右; 2025: 全区地区生产总值同比增长6%以上 — they agree: no note.
    expect(found.some((n) => n.includes("2025年报告称"))).toBe(false);
  });

  it("says nothing where the reports agree", async () => {
    // 易县 2019: 一般公共预算收入完成7.02亿元; 2020: 完成8.39亿元，增长19.53% (8.39 / 7.02 is 19.5%);
    // 2021: 6.89亿元; 2022: 完成8.9亿元，同比增长29% (8.9 / 6.89 is 29.2%).
    const a = await ask("/compare 一般公共预算收入 易县");
    expect(notes(a).filter((n) => n.includes("推算"))).toEqual([]);
    // 清苑区 2021: 8.56亿元; 2022: 9.3亿元，同比增长9.1% (8.6%): within a point.
    const q = await ask("/compare 一般公共预算收入 清苑");
    expect(notes(q).filter((n) => n.includes("推算"))).toEqual([]);
  });
});

describe("questions in plain words about an indicator across reports", () => {
  it("route a trend over the years of one place to /compare", async () => {
    const a = await ask("清苑区这几年一般公共预算收入怎么变化");
    expect(a.ok).toBe(true);
    expect(a.reading).toMatchObject({ intent: "compare", command: "/compare 一般公共预算收入 清苑区" });
    expect(a.blocks[0]).toEqual({ kind: "heading", text: "一般公共预算收入 · 清苑区 · 2020–2025年" });
    // Told from the words alone, so such answers are kept out of the response cache.
    expect(asksAcrossReports("清苑区这几年一般公共预算收入怎么变化")).toBe("一般公共预算收入");
    expect(asksAcrossReports("一般公共预算收入是多少")).toBeNull();
  });

  it("answer which place has most for the latest year most places report, largest first", async () => {
    const a = await ask("哪个县地区生产总值最多");
    expect(a.reading?.command).toBe("/compare 地区生产总值 2023");
    // 米易县 2023: 全年实现地区生产总值183.7亿元; 清苑区 2023: 全年地区生产总值完成166.2亿元
    expect(linesUnder(a).map((l) => l.split(" · ")[0])).toEqual(["米易县: 183.7亿元", "清苑区: 166.2亿元"]);
  });

  it("route a comparison with other places or years, and leave how much a figure changed to the report", async () => {
    expect((await ask("和其他县比，地区生产总值高吗")).reading?.command).toBe("/compare 地区生产总值");
    expect((await ask("清苑区一般公共预算收入和往年比怎么样")).reading?.command).toBe(
      "/compare 一般公共预算收入 清苑区",
    );
    // The report states the change itself: 比上年增长7.5%.
    expect((await ask("地区生产总值和去年比增长了多少")).reading?.intent).not.toBe("compare");
  });

  it("route two places named side by side, with all their years, when the library holds both", async () => {
    const a = await ask("清苑区和易县哪个地区生产总值高");
    expect(a.reading?.command).toBe("/compare 地区生产总值 清苑区 易县");
    // 开发区 and 园区 are no places of the library: the chat's report answers.
    expect((await ask("开发区和工业园区的一般公共预算收入是多少")).reading?.intent).toBe("figures");
  });

  it("route places side by side, and leave a question about the chat's one report alone", async () => {
    expect((await ask("各县地区生产总值对比")).reading?.command).toBe("/compare 地区生产总值");
    expect((await ask("一般公共预算收入是多少")).reading?.intent).toBe("figures");
  });
});

describe("indicator values in the store", () => {
  it("are written when a report is saved, and read again when the indicators file changes", () => {
    const repo = app.store.reports;
    const mark = indicatorsMark();
    expect(repo.indicators.stale(mark)).toEqual([]);
    expect(repo.indicators.stale("another reading").length).toBe(FILES.length);
    const rows = repo.indicators.rows("地区生产总值").filter((r) => r.reportId.endsWith("qingyuan-2020"));
    expect(rows.map((r) => [r.measure, r.raw]).sort()).toEqual([
      ["change", "7.5%"],
      ["level", "141.9亿元"],
      ["target", "7%"],
    ]);
  });
});

describe("a database written before indicator values were stored", () => {
  it("has its reports read for indicators from their stored figures at the first comparison", () => {
    const dir = mkdtempSync(join(tmpdir(), "report-bot-compare-v4-"));
    const path = join(dir, "bot.sqlite");
    copyFileSync(join(import.meta.dirname, "fixtures/schema-v4.sqlite"), path);
    const store = openStore({ path, cacheMaxEntries: 10 });
    try {
      const mark = indicatorsMark();
      expect(store.reports.indicators.stale(mark)).toEqual(["zhongxian-2021"]);
      const comparisons = new Knowledge(store).comparisons;
      const aid = findIndicator("法律援助案件");
      if (!aid) throw new Error("法律援助案件 is no indicator");
      const table = comparisons.compare({ indicator: aid, places: [], years: [] });
      // 全年共受理各类法律援助案件1114件
      expect(table.cells.get("忠县")?.get(2021)?.level?.raw).toBe("1114件");
      expect(store.reports.indicators.stale(mark)).toEqual([]);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("/compare over every work report of the corpus", () => {
  let all: App;
  let close: () => void;
  beforeAll(async () => {
    ({ app: all, cleanup: close } = await makeTestApp({}, WORK_REPORTS));
  }, 180_000);
  afterAll(() => close?.());

  it("shows, with neither place nor year, the year most places report, largest first", async () => {
    const a = await all.dispatcher.handleLine("/compare 地区生产总值", CONSOLE_CHAT);
    expect(a.title).toBe("地区生产总值 · 9个地区 · 2022年");
    expect(a.text).toContain("共10个地区的报告有地区生产总值; 这里是有数值的地区最多的2022年报告");
    expect(linesUnder(a).map((l) => l.split(" · ")[0])).toEqual([
      "定兴县: 192.18亿元", // 预计全年生产总值达到192.18亿元，增长8.1%
      "米易县: 169.28亿元", // 2021年，实现地区生产总值169.28亿元，增长8.7%
      "清苑区: 160.5亿元", // 预计全区地区生产总值完成160.5亿元，同比增长7%
      "曲阳县: 135.6亿元", // 2021年全县生产总值预计完成135.6亿元，增长7.2%
      "易县: 124.6亿元", // 2021年全县生产总值完成124.6亿元，增长6.3%
      "顺平县: 87.6亿元", // 预计全年完成生产总值87.6亿元，增长7.4%
      "涞源县: 81.16亿元", // 全县地区生产总值完成81.16亿元，增速7.9%
      "阜平县: 55亿元", // 地区生产总值预计完成55亿元，增长10%左右
      "满城区: 增长8%", // 地区生产总值增长8%
    ]);
  });
});
