/**
 * A question about the plan that asks for a target of something the plan sets one for is
 * answered with that figure; one about the plan's tasks, with the tasks. On a 政府工作报告
 * of the corpus (米易县, test/fixtures/corpus/work-reports/miyi-2024.txt), whose plan says
 * “地区生产总值增长7.5%以上” and “确保全年粮食产量达11.8万吨以上” (2.2), and whose review of
 * the year before says “实现地区生产总值169.28亿元，增长8.7%” and “全县粮食产量达11.8万吨”;
 * its targets open the plan: “地区生产总值增长7.5%以上，规上工业增加值增长8.5%以上…”.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appOverReports } from "./helpers/app.ts";

const MIYI = join(import.meta.dirname, "fixtures/corpus/work-reports/miyi-2024.txt");
const { ask } = appOverReports([MIYI], { DEFAULT_REPORT: "miyi-2024" });

describe("a question about the plan", () => {
  it("that asks for a target gets the plan's figure, not the year before's", async () => {
    const growth = await ask("明年地区生产总值增长目标");
    expect(growth.figures[0]?.raw).toBe("7.5%");
    const grain = await ask("明年粮食产量目标");
    expect(grain.figures[0]).toMatchObject({ raw: "11.8万吨", sectionId: "2.2" });
  });

  it("that asks for the targets gets every target the plan sets, the 主要预期目标 first", async () => {
    const targets = await ask("今年的主要预期目标是什么");
    expect(targets.title).toContain("预期目标");
    expect(targets.figures.slice(0, 2).map((f) => f.raw)).toEqual(["7.5%", "8.5%"]);
  });

  it("that asks what is planned gets the plan's tasks", async () => {
    const tasks = await ask("明年在工业方面有什么安排");
    expect(tasks.figures).toEqual([]);
    expect(tasks.title).toContain("工作安排");
  });
});

/**
 * 涞源县's 2025 report (test/fixtures/corpus/work-reports/laiyuan-2025.txt) says in its review
 * “预计全年地区生产总值完成92.4亿元，增长6.5%(年度目标6%以上)”, and in its plan (二、) “主要预期
 * 目标是：地区生产总值增长6%以上，…粮食总产量稳定在3.8亿斤以上”.
 */
describe("a question for a target", () => {
  const { ask: askLaiyuan } = appOverReports(
    [join(import.meta.dirname, "fixtures/corpus/work-reports/laiyuan-2025.txt")],
    { DEFAULT_REPORT: "laiyuan-2025" },
  );

  it("gets the plan's target, not a figure of the review whose clause says 目标, nor one in GDP's usual 元", async () => {
    const growth = await askLaiyuan("明年GDP目标是多少");
    expect(growth.figures[0]).toMatchObject({ raw: "6%", sectionId: "2" });
  });

  it("gets a target in 亿斤 for grain, whatever unit grain is usually counted in", async () => {
    const grain = await askLaiyuan("明年粮食产量目标是多少");
    expect(grain.figures[0]?.raw).toBe("3.8亿斤");
  });
});
