/**
 * The areas of work /summary lists: the parts before the plan when the report has several
 * (深圳市龙华区's 2019 report: seven parts of work, then 8 2020年法治政府建设工作计划), the
 * sub-sections of the one part of work when it has one (忠县's 1 2021年法治政府建设情况:
 * 1.1 to 1.8, then 2 存在的问题 and 3 2022年度工作安排). Read from each report's outline.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appOverReports, SEED_REPORTS } from "./helpers/app.ts";

const LONGHUA = join(import.meta.dirname, "fixtures/corpus/fazhi/longhua-2019.txt");
const { ask } = appOverReports([join(SEED_REPORTS, "zhongxian-2021.txt"), LONGHUA]);

async function areasOf(reportId: string): Promise<string[]> {
  await ask(`/report ${reportId}`);
  const summary = await ask("/summary");
  return summary.sections.map((s) => s.id);
}

describe("the areas of work in /summary", () => {
  it("are the parts before the plan when the report has several", async () => {
    expect(await areasOf("longhua-2019")).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
  });

  it("are the sub-sections of the one part of work, the problems and the plan aside", async () => {
    expect(await areasOf("zhongxian-2021")).toEqual(["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8"]);
  });
});
