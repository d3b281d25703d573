import type { Answer } from "../src/answer/answer.ts";
import { answer, refusal } from "../src/answer/build.ts";
import { defineCommand, pageOption, requiredText } from "../src/command/types.ts";
import type { ReportIndex } from "../src/query/report-index.ts";
import type { Section } from "../src/report/types.ts";
import { keywords } from "../src/text/normalize.ts";
import { figurePage } from "./_pages.ts";

const PER_PAGE = 10;

/** Every figure of a section and its items, in report order (/stat 1.7, the section's "查看全部"). */
function sectionFigures(report: ReportIndex, section: Section, page: number): Answer {
  const inside = report.figuresUnder(section.id);
  const name = `${section.id} ${section.title}`;
  if (inside.length === 0) {
    return refusal("stat", "not_found", `${name}没有统计数字。`, {
      report: report.ref(),
      suggestions: [`/section ${section.id}`],
    });
  }
  const parts = figurePage(report, inside, page, PER_PAGE, `/stat ${section.id}`);
  return answer("stat", {
    title: `${name}的全部数字 (共${inside.length}项)`,
    ...parts,
    actions: [{ label: `↑ ${section.id}`, command: `/section ${section.id}` }, ...parts.actions],
  });
}

export default defineCommand({
  name: "stat",
  aliases: ["统计", "数据", "figures"],
  description: { zh: "查询报告中的统计数字及出处", en: "Figures from the report, with their source" },
  examples: ["/stat 法律援助", "/stat 欠薪", "/stat 行政 复议", "/stat 1.7"],
  options: {
    keywords: requiredText({ zh: "关键词", en: "keywords" }, "labels"),
    page: pageOption(),
  },
  needsReport: true,
  cacheable: true,
  run(ctx, args) {
    const { report } = ctx;
    const section = /^\d+(\.\d+)*$/.test(args.keywords) ? report.section(args.keywords) : undefined;
    if (section) return sectionFigures(report, section, args.page);
    const terms = keywords(args.keywords);
    let matches = report.findFigures(terms);
    // Several keywords no figure has together (法律援助 公证): each one's figures, said so.
    const apart = matches.length === 0 && terms.length > 1;
    if (apart) matches = report.findFigures(terms, "any");
    if (matches.length === 0) {
      const suggestions = terms.flatMap((t) => report.suggest(t)).slice(0, 5);
      return refusal("stat", "not_found", `报告中没有找到与“${args.keywords}”有关的数字。`, {
        report: report.ref(),
        suggestions,
      });
    }
    const figures = matches.map((m) => m.figure);
    return answer("stat", {
      title: apart
        ? `没有同时涉及${terms.map((t) => `“${t}”`).join("和")}的数字; 分别涉及的数字 (共${matches.length}项)`
        : `“${terms.join(" ")}”的相关数字 (共${matches.length}项)`,
      ...figurePage(report, figures, args.page, PER_PAGE, `/stat ${args.keywords}`),
    });
  },
});
