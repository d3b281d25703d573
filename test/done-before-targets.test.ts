/**
 * A question that does not look ahead gets what the report says was done before the
 * targets its plan sets, and where a quantity got to before where it started from. Read
 * from the texts (test/fixtures/corpus/work-reports/):
 * - 顺平县 2021: 全县生产总值从2015年的56.1亿元增长到2020年的77.2亿元; its five-year goal
 *   地区生产总值年均增长7%左右，达到110亿元.
 * - 易县 2021: 全县生产总值从2015年的87.55亿元增长到118.32亿元.
 * - 清苑县 2013: 全县地区生产总值完成104.3亿元，同比增长12%; the target 地区生产总值增长11%以上;
 *   单位生产总值综合能耗下降5.69%.
 * - 曲阳县 2020: 城乡居民人均可支配收入增长10% (2019); the target 城乡居民人均可支配收入分别增长
 *   7.5%和8.5%以上.
 * - 阜平县 2021: the target 社会消费品零售总额增长9%左右; done, only 限上消费品零售额增速8.1%.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { firstFigureIn } from "./helpers/answers.ts";
import { appOverReports } from "./helpers/app.ts";

const REPORTS = join(import.meta.dirname, "fixtures/corpus/work-reports");
const { ask } = appOverReports(
  ["shunping-2021", "yixian-2021", "qingyuan-2013", "quyang-2020", "fuping-2021"].map((id) =>
    join(REPORTS, `${id}.txt`),
  ),
);

const firstFigure = (report: string, question: string) => firstFigureIn(ask, report, question);

describe("a question about what a quantity is", () => {
  it("gets where it got to, not where it started from nor the five-year goal", async () => {
    expect(await firstFigure("shunping-2021", "地区生产总值是多少")).toBe("77.2亿元");
    expect(await firstFigure("yixian-2021", "去年GDP是多少")).toBe("118.32亿元");
  });

  it("as a command, gets where it got to first too", async () => {
    expect(await firstFigure("yixian-2021", "/stat 生产总值")).toBe("118.32亿元");
  });

  it("gets the growth achieved before the growth aimed at", async () => {
    expect(await firstFigure("qingyuan-2013", "What is the GDP growth rate?")).toBe("12%");
    expect(await firstFigure("quyang-2020", "城乡居民人均可支配收入增长多少")).toBe("10%");
  });
});

describe("what was done comes first only when it counts the same thing", () => {
  it("does not put a narrower quantity that shares a word before the target", async () => {
    // 单位生产总值综合能耗 counts energy, not 生产总值; 限上消费品零售额 is not 社会消费品零售总额.
    expect(await firstFigure("qingyuan-2013", "What is the GDP growth rate?")).not.toBe("5.69%");
    expect(await firstFigure("fuping-2021", "社会消费品零售总额增长多少")).toBe("9%");
  });
});

describe("a question that looks ahead", () => {
  it("still gets the target first", async () => {
    expect(await firstFigure("quyang-2020", "今年城乡居民人均可支配收入增长目标")).toBe("7.5%");
    expect(await firstFigure("qingyuan-2013", "今年地区生产总值计划增长多少")).toBe("11%");
    expect(["7%", "110亿元"]).toContain(await firstFigure("shunping-2021", "今年地区生产总值目标"));
  });
});
