import { answer, paginate, refusal } from "../src/answer/build.ts";
import { figureView } from "../src/answer/views.ts";
import { defineCommand, pageOption, requiredText } from "../src/command/types.ts";
import { keywords } from "../src/text/normalize.ts";

const PER_PAGE = 10;

export default defineCommand({
  name: "stat",
  aliases: ["统计", "数据", "figures"],
  description: { zh: "查询报告中的统计数字及出处", en: "Figures from the report, with their source" },
  examples: ["/stat 法律援助", "/stat 欠薪", "/stat 行政 复议"],
  options: {
    keywords: requiredText({ zh: "关键词", en: "keywords" }, "labels"),
    page: pageOption(),
  },
  needsReport: true,
  cacheable: true,
  run(ctx, args) {
    const { report } = ctx;
    const terms = keywords(args.keywords);
    const matches = report.findFigures(terms);
    if (matches.length === 0) {
      const suggestions = terms.flatMap((t) => report.suggest(t)).slice(0, 5);
      return refusal("stat", "not_found", `报告中没有找到与“${args.keywords}”有关的数字。`, {
        report: report.ref(),
        suggestions,
      });
    }
    const { shown, startAt, paging } = paginate(
      matches,
      args.page,
      PER_PAGE,
      `/stat ${args.keywords}`,
    );
    const figures = shown.map((m) => figureView(report, m.figure));
    const sectionIds = [...new Set(figures.map((f) => f.sectionId))];
    return answer("stat", {
      title: `“${args.keywords}”的相关数字 (共${matches.length}项)`,
      blocks: [{ kind: "figures", figures, startAt }],
      figures,
      sections: sectionIds.map((id) => ({ id, title: report.titleOf(id) })),
      report: report.ref(),
      paging,
    });
  },
});
