/**
 * The unit a question asks for puts first the figures in that unit that say its words in
 * their own clause, not those that only share its sentence. Read from the texts
 * (test/fixtures/corpus/work-reports/):
 * - 满城区 2023: 预计全年地区生产总值增长3%，社会消费品零售总额增长5%，一般公共预算收入完成7.8亿元 —
 *   the report gives the GDP's growth, not its level; the 7.8亿元 is the budget revenue's.
 * - 清苑县 2013: 粮食生产实现“十连增”，总产达到49.9万吨 — 总产 names only a measure: what it
 *   measures is the sentence's 粮食.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { firstFigureIn } from "./helpers/answers.ts";
import { appOverReports } from "./helpers/app.ts";

const REPORTS = join(import.meta.dirname, "fixtures/corpus/work-reports");
const { ask } = appOverReports(["mancheng-2023", "qingyuan-2013"].map((id) => join(REPORTS, `${id}.txt`)));

const firstFigure = (report: string, question: string) => firstFigureIn(ask, report, question);

describe("the unit a question asks for", () => {
  it("does not bring first another quantity's figure from the same sentence", async () => {
    expect(await firstFigure("mancheng-2023", "地区生产总值是多少")).toBe("3%");
  });

  it("still brings first a measure whose subject the sentence names (粮食…，总产49.9万吨)", async () => {
    expect(await firstFigure("qingyuan-2013", "粮食产量多少")).toBe("49.9万吨");
  });
});
