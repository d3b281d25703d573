import { refusal } from "../src/answer/build.ts";
import { defineCommand, type OptionDef, pageOption, requiredText } from "../src/command/types.ts";
import { asksAcrossReports, asksForReports } from "../src/query/question/across.ts";
import { resolveQuestion } from "../src/query/question/resolve.ts";
import { comparisonAnswer, libraryAnswer, questionAnswer } from "./_question.ts";

const typed = requiredText({ zh: "问题", en: "question" });

/** The question, its closing punctuation dropped: 有多少件? and 有多少件 are one question (and one cache entry). */
const question: OptionDef<string> = {
  ...typed,
  schema: typed.schema.transform((q) => q.replace(/[\s?？!！。.,，~～…]+$/u, "")),
};

/** Whether a question is about the library rather than one report: across reports, or which reports. */
const aboutTheLibrary = (question: string) =>
  asksAcrossReports(question) !== null || asksForReports(question);

export default defineCommand({
  name: "ask",
  aliases: ["问", "question"],
  description: {
    zh: "用自己的话提问, 例如: 法律援助案件有多少件?",
    en: "Ask in plain words, e.g. How many legal aid cases were handled?",
  },
  examples: [
    "/ask 法律援助案件有多少件?",
    "/ask 明年有什么工作安排",
    "/ask How many legal aid cases were handled?",
  ],
  options: { question, page: pageOption() },
  // A question across reports, or about which reports there are, is answered from the whole
  // library (with a chart file): not kept by the chat's report version.
  cacheable: (args) => !aboutTheLibrary(args.question),
  // A question naming a place of the library, and maybe a year, is read in that place's report.
  namesReport: (args, knowledge, chatReport) =>
    aboutTheLibrary(args.question) ? null : knowledge.namedInstead(args.question, chatReport),
  needsReport: true,
  async run(ctx, args) {
    const report = ctx.report;
    if (args.question === "") {
      return refusal("ask", "bad_input", "问题不能为空。用法: /ask <问题>");
    }
    if (asksForReports(args.question)) return libraryAnswer(ctx, args.question);
    if (asksAcrossReports(args.question) !== null) {
      const compared = await comparisonAnswer(ctx, args.question);
      if (compared) return compared;
    }
    return questionAnswer(ctx, report, resolveQuestion(report, args.question), args.question, args.page);
  },
});
