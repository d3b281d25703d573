import { defineCommand } from "../src/command/types.ts";
import { listAnswer } from "./_lists.ts";
import { isAnswer, reportOrRefusal } from "./_report.ts";

export default defineCommand({
  name: "plan",
  aliases: ["计划", "工作安排"],
  description: { zh: "下一年度的工作安排", en: "The work plan for the next year" },
  examples: ["/plan"],
  options: {},
  cacheable: true,
  run(ctx) {
    const report = reportOrRefusal(ctx, "plan");
    if (isAnswer(report)) return report;
    return listAnswer("plan", report, report.plan, "工作安排");
  },
});
