import { answer, refusal } from "../src/answer/build.ts";
import { defineCommand, pageOption, requiredText } from "../src/command/types.ts";
import { sentencePage } from "./_pages.ts";

const PER_PAGE = 5;

export default defineCommand({
  name: "search",
  aliases: ["搜索", "查找"],
  description: { zh: "搜索报告原文中提到某词的句子", en: "Sentences of the report that mention a text" },
  examples: ["/search 十年禁渔", "/search 公证", "/search 法治副主任"],
  options: { text: requiredText({ zh: "要找的词", en: "text to find" }), page: pageOption() },
  needsReport: true,
  cacheable: true,
  run(ctx, args) {
    const { report } = ctx;
    const found = report.searchSentences(args.text);
    if (found.length === 0) {
      return refusal("search", "not_found", `报告中没有提到“${args.text}”的句子。`, {
        report: report.ref(),
        suggestions: report.suggest(args.text),
      });
    }
    return answer("search", {
      title: `提到“${args.text}”的句子 (共${found.length}句)`,
      ...sentencePage(report, found, args.page, PER_PAGE, `/search ${args.text}`),
    });
  },
});
