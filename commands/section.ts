import { refusal } from "../src/answer/build.ts";
import { sectionHasChart } from "../src/chart/select.ts";
import { defineCommand, requiredText } from "../src/command/types.ts";
import { resolveSection } from "../src/query/section-ref.ts";
import { sectionAnswer } from "./_section.ts";

export default defineCommand({
  name: "section",
  aliases: ["章节", "部分"],
  description: {
    zh: "某一部分的摘要: 要点、主要数字、下设内容",
    en: "Summary of one section: points, figures, sub-sections",
  },
  examples: ["/section 七", "/section 1.7", "/section 矛盾纠纷", "/section 存在的问题"],
  options: { ref: requiredText({ zh: "编号或标题", en: "id, numeral or title words" }, "sections") },
  needsReport: true,
  cacheable: true,
  run(ctx, args) {
    const { report } = ctx;
    const section = resolveSection(report, args.ref);
    if (!section) {
      return refusal("section", "not_found", `没有找到“${args.ref}”这一部分。发送 /toc 查看目录。`, {
        report: report.ref(),
        suggestions: ["/toc", ...report.parts().map((p) => `/section ${p.id}`)].slice(0, 5),
      });
    }
    const summary = sectionAnswer("section", report, section);
    if (!sectionHasChart(report, section.id)) return summary;
    return { ...summary, actions: [...summary.actions, { label: "图表", command: `/chart ${section.id}` }] };
  },
});
