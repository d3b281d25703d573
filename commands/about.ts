import { answer } from "../src/answer/build.ts";
import { defineCommand } from "../src/command/types.ts";
import { genreName } from "../src/report/genres/index.ts";

export default defineCommand({
  name: "about",
  aliases: ["关于"],
  description: {
    zh: "当前报告的来源、版本和缓存命中率",
    en: "Which report, its source and version; cache hit rate",
  },
  examples: ["/about"],
  options: {},
  // Shows live counters: never cached.
  cacheable: false,
  run(ctx) {
    const { hits, misses } = ctx.cacheStats();
    const rate =
      hits + misses === 0
        ? "—"
        : `${((hits / (hits + misses)) * 100).toFixed(1)}% (${hits}/${hits + misses})`;
    const report = ctx.report;
    const lines = report
      ? [
          `报告: ${report.report.title}`,
          `发布单位: ${report.report.issuer ?? "—"} · 地区: ${report.report.place ?? "—"} · 年度: ${report.report.year ?? "—"}`,
          `类型: ${genreName(report.report.genre)}${report.report.titleInferred ? " · 标题由正文推断" : ""}`,
          `发布日期: ${report.report.date ?? "—"}`,
          report.report.sourceUrl ? `网址: ${report.report.sourceUrl}` : "网址: 报告文件未注明",
          `文件: ${report.report.file.split(/[\\/]/).pop()} · 数据版本: 第${report.report.version}版 (${report.report.contentHash.slice(0, 12)})`,
          `内容: ${report.sections.length}个章节, ${report.figures.length}个统计数字, ${report.plan.length}项工作安排, ${report.problems.length}个问题`,
        ]
      : ["尚未加载报告。"];
    return answer("about", {
      title: "关于 report-bot",
      blocks: [{ kind: "list", ordered: false, items: [...lines, `缓存命中率: ${rate}`] }],
      report: report?.ref() ?? null,
    });
  },
});
