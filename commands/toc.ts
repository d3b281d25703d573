import { answer } from "../src/answer/build.ts";
import { defineCommand } from "../src/command/types.ts";
import { short } from "./_report.ts";

export default defineCommand({
  name: "toc",
  aliases: ["目录", "outline"],
  description: { zh: "报告目录, 带编号", en: "The report's outline with section ids" },
  examples: ["/toc"],
  options: {},
  needsReport: true,
  cacheable: true,
  run(ctx) {
    const { report } = ctx;
    const nodes = report.sections.filter((s) => s.id !== "0");
    const lines = nodes.map(
      (s) => `${"　".repeat(s.depth - 1)}${s.id} ${short(s.title, s.inline ? 24 : 40)}`,
    );
    return answer("toc", {
      title: `目录: ${report.report.title}`,
      blocks: [{ kind: "paragraph", text: lines.join("\n") }],
      sections: nodes.filter((s) => !s.inline).map((s) => ({ id: s.id, title: s.title })),
      report: report.ref(),
    });
  },
});
