import { defineCommand } from "../src/command/types.ts";
import { listAnswer } from "./_lists.ts";

export default defineCommand({
  name: "problems",
  aliases: ["问题", "不足"],
  description: { zh: "报告承认的问题与不足", en: "The problems the report admits" },
  examples: ["/problems"],
  options: {},
  needsReport: true,
  cacheable: true,
  run(ctx) {
    const { report } = ctx;
    return listAnswer("problems", report, report.problems, "存在的问题");
  },
});
