import type { Block } from "../src/answer/answer.ts";
import { answer, refusal } from "../src/answer/build.ts";
import { defineCommand, optionalText } from "../src/command/types.ts";
import { resolveSection } from "../src/query/section-ref.ts";
import { short } from "./_report.ts";
import { sectionAnswer } from "./_section.ts";

export default defineCommand({
  name: "summary",
  aliases: ["摘要", "概览", "overview"],
  description: { zh: "全文概览, 或某一部分的摘要", en: "Overview of the report, or of one section" },
  examples: ["/summary", "/summary 七"],
  options: { ref: optionalText({ zh: "编号或标题 (可选)", en: "section (optional)" }, "sections") },
  needsReport: true,
  cacheable: true,
  run(ctx, args) {
    const { report } = ctx;
    if (args.ref) {
      const section = resolveSection(report, args.ref);
      if (!section)
        return refusal("summary", "not_found", `没有找到“${args.ref}”这一部分。发送 /toc 查看目录。`, {
          report: report.ref(),
        });
      return sectionAnswer("summary", report, section);
    }
    const meta = report.report;
    const about = [meta.place, meta.year ? `${meta.year}年` : null, meta.date ? `发布于${meta.date}` : null]
      .filter(Boolean)
      .join(" · ");
    // The areas of work: the parts before the plan, the problems' part aside (龙华区's seven);
    // when that is one part (忠县's 法治政府建设情况, a 工作回顾), its sub-sections. A work
    // report's review often has none: then the parts.
    const holds = (items: readonly { sectionId: string }[]) => (id: string) =>
      items.some((p) => p.sectionId === id || p.sectionId.startsWith(`${id}.`));
    const inPlan = holds(report.plan);
    const inProblems = holds(report.problems);
    const planPart = report.parts().findIndex((p) => inPlan(p.id));
    const beforePlan = planPart < 0 ? report.parts() : report.parts().slice(0, planPart);
    const workParts = beforePlan.filter((p) => !p.inline && !inProblems(p.id));
    const onlyPart = workParts.length === 1 ? workParts[0] : undefined;
    const areas = (
      onlyPart && report.childrenOf(onlyPart.id).some((c) => !c.inline)
        ? report.childrenOf(onlyPart.id)
        : workParts.length > 1
          ? workParts
          : report.parts()
    ).filter((s) => !s.inline);
    const areaLines = areas
      .filter((a) => !inPlan(a.id))
      .map((area) => {
        const headline = report.figureWeights.headline(report.figuresUnder(area.id), area.id);
        return `${area.id} ${short(area.title, 30)}${headline ? ` — ${headline.label} ${headline.raw}` : ""}`;
      });
    const blocks: Block[] = [
      {
        kind: "paragraph",
        text: `${about}\n共${report.parts().length}部分, ${report.figures.length}个统计数字。`,
      },
      { kind: "heading", text: "各项工作" },
      { kind: "list", ordered: false, items: areaLines },
      { kind: "paragraph", text: `存在的问题: ${report.problems.length}项 (/problems)` },
    ];
    if (report.plan.length > 0) {
      blocks.push(
        { kind: "heading", text: "下一步工作安排" },
        { kind: "list", ordered: true, items: report.plan.map((p) => short(p.title, 36)) },
      );
    }
    return answer("summary", {
      title: meta.title,
      blocks,
      sections: areas.map((a) => ({ id: a.id, title: a.title })),
      report: report.ref(),
      actions: [
        { label: "目录", command: "/toc" },
        { label: "问题", command: "/problems" },
        { label: "计划", command: "/plan" },
      ],
    });
  },
});
