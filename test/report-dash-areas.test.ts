/**
 * Paragraphs led by a dash (——经济运行稳中向好、圆满收官。坚持…), two or more under one
 * heading, are the areas of that part: unnumbered sections, each one paragraph, after which
 * the part's own text goes on. Read on 涞源县's 2025 report
 * (test/fixtures/corpus/work-reports/laiyuan-2025.txt), whose review (一、) tells its year in
 * seven such paragraphs and then says “各位代表!…” and “在看到成绩的同时…” (its problems);
 * on 顺平县's 2023 report, whose plan (二、) has four and then （一）…（六）; and on a small
 * report whose one dash line is a quotation's source (test/fixtures/reports/dash-lines.txt).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readReportInput } from "../src/report/input.ts";
import { parseReport } from "../src/report/parse.ts";
import { appOverReports } from "./helpers/app.ts";

const FIXTURES = join(import.meta.dirname, "fixtures");
const LAIYUAN = join(FIXTURES, "corpus/work-reports/laiyuan-2025.txt");
const parseFile = (path: string) => parseReport(readReportInput(readFileSync(path), path).text, path);

describe("dash-led areas of a part", () => {
  const report = parseFile(LAIYUAN);
  const areas = report.sections.filter((s) => s.parentId === "1" && !s.inline);

  it("are the part's sections, in order, titled by their lead clause", () => {
    expect(areas.map((s) => [s.id, s.title])).toEqual([
      ["1.1", "经济运行稳中向好、圆满收官"],
      ["1.2", "产业发展向新向强、聚势成链"],
      ["1.3", "改革创新全面深化、活力迸发"],
      ["1.4", "乡村振兴扎实推进、成效显著"],
      ["1.5", "旅游城市绽放新颜、蝶变跃升"],
      ["1.6", "生态文明向绿而行、底色鲜明"],
      ["1.7", "民生保障全面加强、稳步发展"],
    ]);
    expect(areas.every((s) => s.style === "dash")).toBe(true);
  });

  it("hold one paragraph each: the part's text goes on after the last", () => {
    const last = areas.at(-1);
    expect(last?.text).toContain("坚持把群众期盼的事");
    expect(last?.text).not.toContain("各位代表");
    const part = report.sections.find((s) => s.id === "1");
    expect(part?.text).toContain("2024年是新中国成立75周年");
    expect(part?.text).toContain("世界并不缺少美");
    expect(report.sentences.find((s) => s.text.startsWith("世界并不缺少美"))?.sectionId).toBe("1");
    // The problems that close the review are the part's, not its last area's.
    expect(report.problems[0]?.title).toBe("全县经济体量小、财力弱、韧性不强，居民收入有待提高");
    expect(new Set(report.problems.map((p) => p.sectionId))).toEqual(new Set(["1"]));
  });

  it("keep the report's sentences in the order it prints them", () => {
    const indexOf = (start: string) => report.sentences.findIndex((s) => s.text.startsWith(start));
    const order = ["2024年是新中国成立75周年", "经济运行稳中向好", "民生保障全面加强", "世界并不缺少美"];
    const at = order.map(indexOf);
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it("end before a numbered heading, which belongs to the part", () => {
    const plan = parseFile(join(FIXTURES, "corpus/work-reports/shunping-2023.txt"));
    const dashes = plan.sections.filter((s) => s.parentId === "2" && s.style === "dash");
    expect(dashes.map((s) => s.title)).toEqual([
      "贯穿“一条主线”",
      "把握“三个着力点”",
      "做实“五篇文章”",
      "打造“7N系列场景”",
    ]);
    const first = plan.sections.find((s) => s.style === "sub" && s.title.startsWith("锚定农业强县"));
    expect(first?.parentId).toBe("2");
  });

  it("need two: a lone dash line, or the subtitle above the first part, is text", () => {
    const small = parseFile(join(FIXTURES, "reports/dash-lines.txt"));
    expect(small.sections.filter((s) => s.style === "dash")).toEqual([]);
    expect(small.sections.find((s) => s.id === "1")?.text).toContain("正如一位老党员所说");
  });
});

describe("a question about a topic of the review", () => {
  const { ask } = appOverReports([LAIYUAN], { DEFAULT_REPORT: "laiyuan-2025" });

  it("gets the area that tells it, though the review also holds the problems", async () => {
    // 营商环境 is said in 1.3 (优化营商环境), in the problems and in the plan's 2.3; 2.7's
    // title says 环境 (保护环境治污染).
    const answer = await ask("营商环境方面做了什么");
    expect(answer.reading?.command).toBe("/section 1.3");
    const air = await ask("空气质量怎么样");
    expect(air.reading?.command).toBe("/section 1.6");
  });

  it("quotes an area with its dash, as the report prints it", async () => {
    const quote = await ask("/quote 1.3");
    expect(quote.text).toContain("“——改革创新全面深化、活力迸发。");
    expect(quote.text).toContain("› ——改革创新全面深化、活力迸发");
  });
});
