import { answer, refusal } from "../src/answer/build.ts";
import { defineCommand, optionalWord } from "../src/command/types.ts";
import { listAnswer } from "./_lists.ts";
import { chatOf } from "./_subscriptions.ts";

export default defineCommand({
  name: "plan",
  aliases: ["计划", "工作安排"],
  description: { zh: "下一年度的工作安排", en: "The work plan for the next year" },
  examples: ["/plan", "/plan next"],
  options: {
    what: optionalWord({ zh: "next: 预览下一条提醒", en: "next: preview the next reminder" }, ["next"]),
  },
  needsReport: true,
  // The preview depends on the chat's subscription cursor, so only the plan itself is cached.
  cacheable: (args) => args.what === undefined,
  run(ctx, args) {
    const { report } = ctx;
    if (args.what === "next") {
      const sub = ctx.subscriptions.forChat(chatOf(ctx)).find((s) => s.active);
      const preview = sub ? ctx.subscriptions.preview(sub) : null;
      if (!sub || !preview) return refusal("plan", "not_found", "本聊天没有生效的提醒订阅。订阅: /subscribe");
      return answer("plan", { ...preview, title: `下一条提醒 (#${sub.id}): ${preview.title}` });
    }
    if (args.what !== undefined) return refusal("plan", "bad_input", "用法: /plan 或 /plan next");
    return listAnswer("plan", report, report.plan, "工作安排");
  },
});
