import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readReportInput } from "../src/report/input.ts";
import { parseReport } from "../src/report/parse.ts";

const FIXTURES = join(import.meta.dirname, "fixtures");
const parseFile = (path: string) => parseReport(readReportInput(readFileSync(path), path).text, path);
const fixture = (name: string) => parseFile(join(FIXTURES, "reports", name));
const corpus = (name: string) => parseFile(join(FIXTURES, "corpus", "work-reports", name));

describe("problems and plan in every shape", () => {
  it("splits problems written inline (一是…；二是…；三是… in one paragraph)", () => {
    const report = fixture("split-title.txt");
    expect(report.problems.map((p) => p.title)).toEqual([
      "部分单位对法治政府建设重视不够",
      "行政执法人员业务能力有待提高",
      "基层法治力量仍然薄弱",
    ]);
  });

  it("splits a plan of （一）…（四） run together in one paragraph", () => {
    const report = fixture("split-title.txt");
    expect(report.plan.map((p) => p.title)).toEqual([
      "加强学习培训",
      "推进依法决策",
      "规范行政执法",
      "强化监督问责",
    ]);
  });

  it("reads 1. items under 存在的不足 and a plan titled 2021年…工作计划", () => {
    const report = fixture("problems-shapes.txt");
    expect(report.problems.map((p) => p.title)).toEqual([
      "法治宣传形式较为单一",
      "执法队伍力量不足",
      "行政复议应诉能力有待加强",
    ]);
    expect(report.plan.map((p) => p.title)).toEqual([
      "持续抓好领导干部学法用法",
      "扎实推进行政执法规范化",
      "加强法治宣传教育",
    ]);
  });

  it("finds a work report's problems inside its review, with the closing sentence left out", () => {
    // qingyuan-2021: 在肯定成绩的同时…还面临不少困难和问题:一是…。二是…。三是…
    const report = corpus("quyang-2020.txt");
    const titles = report.problems.map((p) => p.title);
    expect(titles).toHaveLength(6);
    expect(titles[0]).toBe(
      "经济基础仍然薄弱，财政保障发展能力不足，缺少科技含量高、财政贡献大的立县大项目、好项目",
    );
    expect(report.problems.every((p) => p.sectionId === "1")).toBe(true);
    // 对此，我们…: not a problem.
    expect(report.problems.some((p) => /加以解决|对此/.test(p.text))).toBe(false);
  });

  it("takes the paragraph that counts the problems off, not an earlier cue in passing", () => {
    // mancheng-2023: “我们遇到的困难和挑战远超预期…最让我们感谢的是…” thanks; two paragraphs
    // on, “前进道路上仍面临不少困难和挑战。一是稳经济、稳市场压力较大，…四是转作风、抓末端仍需加力”.
    const titles = corpus("mancheng-2023.txt").problems.map((p) => p.title.split("，")[0]);
    expect(titles).toEqual([
      "稳经济、稳市场压力较大",
      "育动能、强支撑任重道远",
      "保民生、提品质还需提速",
      "转作风、抓末端仍需加力",
    ]);
  });

  it("reads 还有不少问题 as the problems' cue (yixian-2020: …还有不少问题。一是…四是…)", () => {
    expect(corpus("yixian-2020.txt").problems.map((p) => p.title)).toEqual([
      "经济发展效益还不高",
      "生态治理任务依然艰巨",
      "民生领域短板还很多",
      "发展环境仍待改善",
    ]);
  });

  it("splits problems listed with semicolons after a colon (…存在一些困难和问题：A；B；C)", () => {
    expect(fixture("aggregator-page.txt").problems.map((p) => p.title)).toEqual([
      "经济总量不大",
      "产业结构不优",
      "民生短板较多",
    ]);
  });

  it("takes parts printed without numbers from their titles (2019年工作回顾 / 2020年工作目标和主要任务)", () => {
    const report = corpus("fuping-2020.txt");
    const parts = report.sections.filter((s) => s.parentId === null && s.id !== "0");
    expect(parts.map((p) => p.title)).toEqual([
      "2019年工作回顾",
      "2020年工作目标和主要任务",
      "全面加强政府自身建设",
    ]);
    expect(report.plan).toHaveLength(8);
    expect(report.plan[0]?.title).toBe("久久为功抓脱贫，夺取攻坚决战新胜利");
  });

  it("chooses the year's work over the five-year goals as the plan", () => {
    // dingxing-2021: 二、“十四五”时期主要目标任务 and 三、2021年重点工作.
    const report = corpus("dingxing-2021.txt");
    const planPart = report.sections.find((s) => s.id === report.plan[0]?.sectionId.split(".")[0]);
    expect(planPart?.title).toBe("2021年重点工作");
  });
});

describe("page clutter of real sites and aggregators", () => {
  const report = fixture("aggregator-page.txt");

  it("drops the aggregator's fields, counters and the abstract repeating the opening", () => {
    for (const clutter of ["工作报告\n", "时间：", "作者：", "阅读", "评论", "229", "内容摘要", "......"])
      expect(report.text).not.toContain(clutter);
    expect(report.text.split("现在，我代表市人民政府")).toHaveLength(2);
  });

  it("drops an abstract that repeats the opening even without an ellipsis", () => {
    const text = [
      "某县人民政府2021年法治政府建设年度报告",
      "内容摘要：",
      "2021年，某县深入推进法治政府建设，取得新成效。现将有关情况报告如下",
      "2021年，某县深入推进法治政府建设，取得新成效。现将有关情况报告如下：",
      "一、工作情况",
      "办理案件12件。",
    ].join("\n");
    expect(parseReport(text, "abstract.txt").text.split("取得新成效")).toHaveLength(2);
  });

  it("drops the spaced title, the speech header, the speaker line and the address", () => {
    expect(report.text.startsWith("现在，我代表市人民政府向大会报告工作")).toBe(true);
    for (const front of ["政 府 工 作 报 告", "政府工作报告", "会议上", "市长", "各位代表："])
      expect(report.text).not.toContain(front);
  });

  it("drops ???? runs, note marks, the glossary and the navigation tail", () => {
    for (const tail of [
      "?",
      "[1]",
      "名词解释",
      "按可比价格计算",
      "分享到",
      "QQ空间",
      "上一篇",
      "相关文章",
      "定州",
      "标签云",
    ])
      expect(report.text).not.toContain(tail);
    expect(report.text.endsWith("坚持依法行政，自觉接受监督。")).toBe(true);
  });

  it("keeps a report's own closing words (各位代表，…) and its 各位代表 inside sentences", () => {
    const real = corpus("dingxing-2020.txt");
    expect(real.text).toContain("各位代表，大道至简、实干为要。");
    expect(real.text.endsWith("而努力奋斗！")).toBe(true);
  });
});
