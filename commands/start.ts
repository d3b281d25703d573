import { answer } from "../src/answer/build.ts";
import { defineCommand } from "../src/command/types.ts";
import { examplesFor } from "./_examples.ts";

export default defineCommand({
  name: "start",
  description: { zh: "开始使用", en: "Start here" },
  examples: ["/start"],
  options: {},
  cacheable: true,
  run(ctx) {
    const title = ctx.report ? ctx.report.report.title : "(尚未加载报告)";
    const examples = examplesFor(ctx.report, "zh");
    return answer("start", {
      title: `你好! 我可以回答关于${ctx.report ? "这份" : ""}${examples.genre}的问题。`,
      blocks: [
        { kind: "paragraph", text: `当前报告: ${title}` },
        {
          kind: "list",
          ordered: false,
          items: [
            `${examples.stat} — 查数字及出处`,
            `${examples.section} — 看某一部分的摘要`,
            "/summary — 全文概览",
            "/help — 全部命令",
          ],
        },
        { kind: "paragraph", text: `也可以直接提问, 例如“${examples.question}”` },
      ],
      report: ctx.report?.ref() ?? null,
    });
  },
});
