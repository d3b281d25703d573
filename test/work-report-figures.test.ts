import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import { rateText } from "../src/answer/views.ts";
import type { App } from "../src/app.ts";
import { figureRoles } from "../src/query/figure-weight.ts";
import { readReportInput } from "../src/report/input.ts";
import { parseReport } from "../src/report/parse.ts";
import type { Figure, ParsedReport } from "../src/report/types.ts";
import { makeTestApp, SEED_REPORTS } from "./helpers/app.ts";

/**
 * Figures of work reports, each checked against the sentence it was read from (the values,
 * units and kinds below were read in the reports by hand).
 */
const CORPUS = join(import.meta.dirname, "fixtures", "corpus", "work-reports");
const parsed = new Map<string, ParsedReport>();
function report(name: string): ParsedReport {
  let r = parsed.get(name);
  if (!r) {
    const path = join(CORPUS, name);
    r = parseReport(readReportInput(readFileSync(path), path).text, path);
    parsed.set(name, r);
  }
  return r;
}
/** The figures of the sentence containing `words`, in order. */
function figuresOf(name: string, words: string): Figure[] {
  const r = report(name);
  const sentence = r.sentences.find((s) => s.text.includes(words));
  if (!sentence) throw new Error(`${name}: no sentence with ${words}`);
  return r.figures.filter((f) => f.sentenceIndex === sentence.index);
}
const at = (name: string, f: Figure | undefined) =>
  f?.linkedTo == null ? null : report(name).figures[f.linkedTo];

describe("work-report figures", () => {
  it("takes a rate for the count before it only when it is that count's rate", () => {
    const rolesIn = (name: string) => figureRoles(report(name).figures, () => "");
    // dingxing-2021: 建成…13条主干道路，…城市自来水和燃气普及率、污水集中处理率均达到100%
    const [roads, coverage] = figuresOf("dingxing-2021.txt", "13条主干道路");
    expect(roads?.raw).toBe("13条");
    expect(coverage && rolesIn("dingxing-2021.txt").get(coverage)?.countOf).toBeNull();
    // miyi-2024: …政协委员提案31件，办复率、满意率均达100%
    const proposals = figuresOf("miyi-2024.txt", "政协委员提案31件");
    const rate = proposals.find((f) => f.raw === "100%");
    expect(rate && rolesIn("miyi-2024.txt").get(rate)?.countOf?.raw).toBe("31件");
    // yixian-2022: 城镇新增就业3795人，城镇登记失业率控制在4.5%: 城镇 is where, not what.
    const [jobs, unemployment] = figuresOf("yixian-2022.txt", "城镇新增就业3795人");
    expect(jobs?.raw).toBe("3795人");
    expect(unemployment && rolesIn("yixian-2022.txt").get(unemployment)?.countOf).toBeNull();
  });

  it("words a rate in brackets by its own clause (增长6.5%(年度目标6%以上) gives 年度目标6%)", () => {
    const [, , target] = figuresOf("laiyuan-2025.txt", "预计全年地区生产总值完成92.4亿元");
    expect(target).toMatchObject({ raw: "6%", label: "年度目标" });
    expect(target && rateText(target)).toBe("年度目标6%");
  });

  it("links each growth rate to its amount (全部财政收入完成14.1亿元，增长7.5%，其中…8.4亿元，增长11.2%)", () => {
    const name = "mancheng-2020.txt";
    const [total, totalGrowth, budget, budgetGrowth] = figuresOf(name, "一般公共预算收入完成8.4亿元");
    expect(total).toMatchObject({ raw: "14.1亿元", value: 14.1, unit: "亿元", kind: "amount", change: null });
    expect(totalGrowth).toMatchObject({
      raw: "7.5%",
      value: 7.5,
      unit: "%",
      kind: "change",
      change: "increase",
    });
    expect(at(name, totalGrowth)).toBe(total);
    expect(budget).toMatchObject({ raw: "8.4亿元", value: 8.4, kind: "amount" });
    expect(budgetGrowth).toMatchObject({ raw: "11.2%", kind: "change", change: "increase" });
    expect(at(name, budgetGrowth)).toBe(budget);
  });

  it("pairs 分别达到24302元和9194元，分别增长8.8%和10% in order", () => {
    const name = "yixian-2019.txt";
    const [urban, rural, urbanGrowth, ruralGrowth] = figuresOf(name, "分别达到24302元和9194元");
    expect([urban?.raw, rural?.raw, urbanGrowth?.raw, ruralGrowth?.raw]).toEqual([
      "24302元",
      "9194元",
      "8.8%",
      "10%",
    ]);
    expect(urbanGrowth).toMatchObject({ kind: "change", change: "increase" });
    expect(ruralGrowth).toMatchObject({ kind: "change", change: "increase" });
    expect(at(name, urbanGrowth)).toBe(urban);
    expect(at(name, ruralGrowth)).toBe(rural);
  });

  it("reads a change in percentage points of a rate (税收占比达到63.2%，同比增长22个百分点)", () => {
    const name = "mancheng-2022.txt";
    const [, share, points] = figuresOf(name, "税收占比达到63.2%");
    expect(share).toMatchObject({ raw: "63.2%", kind: "rate" });
    expect(points).toMatchObject({
      raw: "22个百分点",
      value: 22,
      unit: "个百分点",
      kind: "change",
      change: "increase",
    });
    expect(at(name, points)).toBe(share);
  });

  it("reads an estimate of last year as a change, not a level (预计地区生产总值增长8%)", () => {
    const [gdp] = figuresOf("mancheng-2020.txt", "预计地区生产总值增长8%");
    // In the review's first area: 一年来，我们紧盯目标任务，经济运行稳中有进。…
    expect(gdp).toMatchObject({
      raw: "8%",
      kind: "change",
      change: "increase",
      linkedTo: null,
      sectionId: "1.1",
    });
  });

  it("reads the plan's aims as targets (地区生产总值增长6.5%; 登记失业率控制在4.5%以内)", () => {
    const [gdp] = figuresOf("mancheng-2020.txt", "主要预期目标是：地区生产总值增长6.5%");
    expect(gdp).toMatchObject({ raw: "6.5%", kind: "target", change: "increase", sectionId: "2" });
    const jobs = figuresOf("dingxing-2020.txt", "完成新增就业4500人，登记失业率控制在4.5%以内");
    expect(jobs.map((f) => [f.raw, f.kind, f.unit])).toEqual([
      ["4500人", "target", "人"],
      ["4.5%", "target", "%"],
    ]);
    const [births] = figuresOf("qingyuan-2003.txt", "人口自然增长率控制在7‰以内");
    expect(births).toMatchObject({ value: 7, unit: "‰", kind: "target" });
  });

  it("labels a count bounded by 以上 with what was counted, not the bound", () => {
    const [jobs] = figuresOf("yixian-2021.txt", "城镇新增就业3500人以上");
    expect(jobs).toMatchObject({ raw: "3500人", label: "城镇新增就业" });
    // 开发10类以上具有阜平特色的旅游产品: the products, not what they have.
    const [products] = figuresOf("fuping-2020.txt", "开发10类以上具有阜平特色的旅游产品");
    expect(products).toMatchObject({ raw: "10类", label: "开发旅游产品" });
  });

  it("reads ranks where a work report ranks itself (增长7.2%，排名全市第一)", () => {
    const figures = figuresOf("shunping-2024.txt", "历史性突破百亿大关");
    expect(figures.map((f) => [f.raw, f.kind])).toEqual([
      ["100.6亿元", "amount"],
      ["7.2%", "change"],
      ["全市第一", "rank"],
    ]);
    // The unit as written: 第一 has none, 第4位 has 位.
    expect(figures[2]).toMatchObject({ value: 1, unit: "" });
  });

  it("reads a rank that stands alone after a comma, spaced as a PDF leaves it (增长 8.1%，全市第 4 位)", () => {
    const figures = figuresOf("fuping-2017.txt", "全县地区生产总值增长 8.1%");
    expect(figures.slice(0, 2).map((f) => [f.raw, f.kind, f.value, f.unit])).toEqual([
      ["8.1%", "change", 8.1, "%"],
      ["全市第 4 位", "rank", 4, "位"],
    ]);
  });

  it("reads two counts run together (906户1559人实现稳定脱贫) and areas in 万平米", () => {
    expect(
      figuresOf("yixian-2019.txt", "906户1559人")
        .slice(0, 2)
        .map((f) => [f.raw, f.label]),
    ).toEqual([
      ["906户", "实现稳定脱贫"],
      ["1559人", "实现稳定脱贫"],
    ]);
    expect(figuresOf("fuping-2017.txt", "供热面积由").map((f) => [f.value, f.unit, f.label])).toEqual([
      [32, "万平米", "供热面积"],
      [143, "万平米", "供热面积"],
    ]);
  });

  it("counts days where the clause counts days (优良天数达到 176 天), never a time limit", () => {
    expect(figuresOf("fuping-2017.txt", "空气优良天数达到").find((f) => f.unit === "天")).toMatchObject({
      value: 176,
      kind: "amount",
    });
    const report = parseReport("一、工作情况\n审批时限压缩到3天，群众办事最多跑一次。", "limits.txt");
    expect(report.figures.filter((f) => f.unit === "天")).toEqual([]);
  });

  it("counts no 个 in a duration (企业开办时间压缩到1个工作日, 两个多月), and the count beside it stays", () => {
    expect(figuresOf("dingxing-2021.txt", "企业开办时间压缩到1个工作日").map((f) => f.raw)).toEqual(["100%"]);
    expect(figuresOf("fuping-2020.txt", "审批时限压减到25个工作日")).toEqual([]);
    const report = parseReport(
      "一、工作情况\n值班人员每天工作8个小时，用时3个多月，建成便民服务点12个。",
      "durations.txt",
    );
    expect(report.figures.map((f) => f.raw)).toEqual(["12个"]);
  });

  it("reads areas and lengths (新增高效节水灌溉面积1.9万亩; 完成140公里河道划界)", () => {
    expect(
      figuresOf("mancheng-2020.txt", "新增高效节水灌溉面积1.9万亩").find((f) => f.raw === "1.9万亩"),
    ).toMatchObject({
      value: 1.9,
      unit: "万亩",
      kind: "amount",
    });
    expect(figuresOf("mancheng-2020.txt", "完成140公里河道划界")[0]).toMatchObject({
      value: 140,
      unit: "公里",
    });
  });

  it("reads a number before 大关 or 大棚 (迈上10亿元大关; 1000栋大棚), labelled without the verb or the 大关", () => {
    const [level, growth] = figuresOf("dingxing-2022.txt", "一般公共预算收入迈上10亿元大关");
    expect(level).toMatchObject({ raw: "10亿元", unit: "亿元", label: "一般公共预算收入" });
    // 增长12.9% after the milestone is the revenue's growth, not a 大关's.
    expect(growth).toMatchObject({ raw: "12.9%", label: "一般公共预算收入增长" });
    expect(figuresOf("shunping-2022.txt", "一般公共预算收入突破6亿元大关，增长9.3%")[0]).toMatchObject({
      raw: "6亿元",
      label: "一般公共预算收入",
    });
    expect(figuresOf("laiyuan-2021.txt", "黑木耳1000栋大棚全部投产")[0]).toMatchObject({ raw: "1000栋" });
  });

  it("reads ranks in a 法治 report too, which ranks itself (the seed's 列全市第四, longhua's 名列第二)", () => {
    const path = join(SEED_REPORTS, "zhongxian-2021.txt");
    const seed = parseReport(readFileSync(path, "utf8"), path);
    const ranks = seed.figures.filter((f) => f.kind === "rank");
    expect(ranks.map((f) => [f.raw, f.value])).toEqual([
      ["全市第四", 4],
      ["全市第十", 10],
    ]);
    expect(ranks[0]?.label).toContain("食品安全群众综合满意度");
    expect(seed.figures.find((f) => f.raw === "10项" && f.change === "increase")?.kind).toBe("change");
    const longhua = figuresOf("../fazhi/longhua-2019.txt", "在全市考评中名列第二");
    expect(longhua[0]).toMatchObject({ kind: "rank", value: 2 });
  });
});

describe("the commands on a work report", () => {
  let app: App;
  let cleanup: () => void;
  const reports = mkdtempSync(join(tmpdir(), "report-bot-work-"));
  beforeAll(async () => {
    copyFileSync(join(CORPUS, "mancheng-2020.txt"), join(reports, "mancheng-2020.txt"));
    ({ app, cleanup } = await makeTestApp({}, reports));
  });
  afterAll(() => {
    cleanup();
    rmSync(reports, { recursive: true, force: true });
  });
  const ask = (line: string) => app.dispatcher.handleLine(line, CONSOLE_CHAT);

  it("/stat 一般公共预算收入 shows the amount with its growth", async () => {
    const answer = await ask("/stat 一般公共预算收入");
    expect(answer.ok).toBe(true);
    expect(answer.text).toContain("8.4亿元, 增长11.2%");
    expect(answer.figures.find((f) => f.raw === "8.4亿元")?.related).toBe("增长11.2%");
  });

  it("/stat 地区生产总值 finds the growth of last year and this year's target", async () => {
    const answer = await ask("/stat 地区生产总值");
    expect(answer.figures.map((f) => f.raw)).toEqual(expect.arrayContaining(["8%", "6.5%"]));
  });

  it("/summary, /plan, /problems and /about read the work report", async () => {
    expect((await ask("/summary")).text).toContain("保定市满城区2020年政府工作报告");
    const plan = await ask("/plan");
    expect(plan.ok).toBe(true);
    expect(plan.text).toContain("聚焦创新驱动，更加坚定地走好工业强区之路");
    expect((await ask("/problems")).ok).toBe(true);
    const about = await ask("/about");
    expect(about.text).toContain("类型: 政府工作报告");
    expect((await ask("/report")).text).toContain("政府工作报告, 第1版");
  });
});
