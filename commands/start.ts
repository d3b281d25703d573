import { answer } from "../src/answer/build.ts";
import { defineCommand } from "../src/command/types.ts";

export default defineCommand({
  name: "start",
  description: { zh: "开始使用", en: "Start here" },
  examples: ["/start"],
  options: {},
  cacheable: true,
  run(ctx) {
    const title = ctx.report ? ctx.report.report.title : "(尚未加载报告)";
    return answer("start", {
      title: "你好! 我可以回答关于政府工作报告的问题。",
      blocks: [
        { kind: "paragraph", text: `当前报告: ${title}` },
        {
          kind: "list",
          ordered: false,
          items: [
            "/stat 法律援助 — 查数字及出处",
            "/section 七 — 看某一部分的摘要",
            "/summary — 全文概览",
            "/help — 全部命令",
          ],
        },
      ],
      report: ctx.report?.ref() ?? null,
    });
  },
});
