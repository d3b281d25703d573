import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readReportInput } from "../src/report/input.ts";
import { parseReport } from "../src/report/parse.ts";

/**
 * Every real report of the corpus (test/fixtures/corpus, a copy of ../shared/corpus) ingests
 * with its place, year, genre, parts and plan, and keeps the page's clutter out. The place
 * and year of each were read from the report's own text (its title, speech header, speaker
 * line or signature); the file names are not trusted: miyi-2024.txt is the 2022 report.
 */
const CORPUS = join(import.meta.dirname, "fixtures", "corpus");
const PLACE_BY_FILE: Record<string, string> = {
  dingxing: "定兴县",
  fuping: "阜平县",
  laiyuan: "涞源县",
  mancheng: "满城区",
  miyi: "米易县",
  quyang: "曲阳县",
  shunping: "顺平县",
  yixian: "易县",
  longhua: "龙华区",
};
const YEAR_READ_IN_TEXT: Record<string, number> = { "miyi-2024.txt": 2022 };

const files = ["fazhi", "work-reports"].flatMap((dir) =>
  readdirSync(join(CORPUS, dir))
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => ({ dir, name: f, path: join(CORPUS, dir, f) })),
);

function expectedPlace(name: string): string {
  const [county = "", year = "0"] = name.replace(/\.txt$/, "").split("-");
  // 清苑 was a county (清苑县) until it became a district of 保定 in 2015.
  if (county === "qingyuan") return Number(year) < 2015 ? "清苑县" : "清苑区";
  return PLACE_BY_FILE[county] ?? "?";
}

// Lines of the pages around the reports that must never reach the report text.
const CLUTTER = [
  /^阅读[:：]/m,
  /^评论[:：]/m,
  /内容摘要/,
  /^分享到/m,
  /^QQ空间$/m,
  /^上一篇/m,
  /^相关文章/m,
  /^本栏(最新|推荐)$/m,
  /^阅读排行$/m,
  /^标签云$/m,
  /名词解释|※注释※/,
  // The site's lists of other reports.
  /^\S{0,12}\d{4}年\S{0,12}政府工作报告$/m,
];

describe("the corpus of real reports", () => {
  it("holds 42 reports", () => {
    expect(files).toHaveLength(42);
  });

  for (const { dir, name, path } of files) {
    it(`reads ${dir}/${name}`, () => {
      const input = readReportInput(readFileSync(path), path);
      const report = parseReport(input.text, path);
      const { meta } = report;
      expect(meta.genre).toBe(dir === "fazhi" ? "fazhi" : "work-report");
      expect(meta.place).toBe(expectedPlace(name));
      expect(meta.year).toBe(YEAR_READ_IN_TEXT[name] ?? Number(/(\d{4})/.exec(name)?.[1]));
      // A title, never a sentence or a page label: it names the place and the year.
      expect(meta.title).toContain(meta.place?.replace(/[县区]$/, "") ?? "?");
      expect(meta.title).toContain(String(meta.year));
      expect(meta.title).not.toMatch(/[。，,：:；;！？]|^标题|^(政府)?工作报告$/);
      const parts = report.sections.filter((s) => s.parentId === null && s.id !== "0");
      expect(parts.length).toBeGreaterThanOrEqual(2);
      // Every one of these reports sets out a plan (工作安排, 目标任务, 工作计划…).
      expect(report.plan.length).toBeGreaterThan(0);
      for (const clutter of CLUTTER) expect(report.text).not.toMatch(clutter);
      expect(report.text).not.toContain("??");
      expect(report.text).not.toMatch(/^各位(代表|委员)[^，,。]{0,6}[:：]$/m);
      expect(report.text).not.toMatch(/^——.{0,30}会议上$/m);
      // Every figure points at itself in the cleaned text, and links stay inside the report.
      for (const f of report.figures) {
        expect(report.text.slice(f.offset, f.offset + f.raw.length)).toBe(f.raw);
        if (f.linkedTo !== null) expect(report.figures[f.linkedTo]?.sentenceIndex).toBe(f.sentenceIndex);
      }
    });
  }
});
