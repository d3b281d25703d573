import type { Action, Answer } from "../src/answer/answer.ts";
import { answer, refusal } from "../src/answer/build.ts";
import { figureView } from "../src/answer/views.ts";
import {
  CHART_LIMITS,
  type ChartSource,
  chartChoice,
  nothingToCompare,
  searchedFigures,
} from "../src/chart/select.ts";
import { chartSpec } from "../src/chart/spec.ts";
import { defineCommand, requiredText } from "../src/command/types.ts";
import type { ReportIndex } from "../src/query/report-index.ts";
import type { Figure } from "../src/report/types.ts";
import { keywords } from "../src/text/normalize.ts";

/** What a chart is of, and what it is called in the answer, in the picture and in a refusal. */
interface ChartRequest {
  title: string;
  drawnTitle: string;
  /** "1.7 …的数字", "“调解”的数字". */
  subject: string;
  figures: Figure[];
  /** Where the answer leads back to: the section, or every matching figure. */
  back: Action;
  /** A section's figures, or a search's with their scores. */
  source: ChartSource;
  /** Where all the figures are listed. */
  all: string;
}

/** What to chart: a section's figures when the argument is a section id (the "图表" button), else the matches. */
function chartRequest(report: ReportIndex, text: string): ChartRequest {
  const section = /^\d+(\.\d+)*$/.test(text) ? report.section(text) : undefined;
  if (section) {
    const name = `${section.id} ${section.title}`;
    return {
      title: name,
      drawnTitle: name,
      subject: `${name}的数字`,
      figures: report.figuresUnder(section.id),
      back: { label: `↑ ${section.id}`, command: `/section ${section.id}` },
      source: { sectionId: section.id },
      all: `/stat ${section.id}`,
    };
  }
  const found = searchedFigures(report, keywords(text));
  return {
    title: `“${text}”相关数字`,
    // Full-width quotation marks stand apart in a large title: the picture goes without them.
    drawnTitle: `${text} · 相关数字`,
    subject: `“${text}”的数字`,
    figures: found.figures,
    back: { label: "全部数字", command: `/stat ${text}` },
    source: found.source,
    all: `/stat ${text}`,
  };
}

export default defineCommand({
  name: "chart",
  aliases: ["图表", "图"],
  description: { zh: "把相关数字画成柱状图", en: "The matching figures as a bar chart" },
  examples: ["/chart 政务服务", "/chart 调解", "/chart 1.2"],
  options: {
    keywords: requiredText({ zh: "关键词或章节编号", en: "keywords or a section id" }, "labels"),
  },
  needsReport: true,
  // Not through the response cache: the answer names a PNG file, and the chart cache (keyed
  // by report version too) checks on every request that the file is still there.
  cacheable: false,
  run(ctx, args): Answer {
    const { report } = ctx;
    const request = chartRequest(report, args.keywords);
    if (request.figures.length === 0 && "scores" in request.source) {
      const suggestions = keywords(args.keywords).flatMap((t) => report.suggest(t));
      return refusal("chart", "not_found", `报告中没有找到与“${args.keywords}”有关的数字。`, {
        report: report.ref(),
        suggestions: suggestions.slice(0, 5),
      });
    }
    const choice = chartChoice(report, request.figures, request.source);
    const why = request.figures.length === 0 ? "没有统计数字" : nothingToCompare(choice);
    if (why !== null) {
      return refusal("chart", "not_found", `${request.subject}画不成图表: ${why}。`, {
        report: report.ref(),
        suggestions: [request.back.command],
      });
    }
    const drawn = ctx.charts.draw(chartSpec(request.drawnTitle, report, choice), report.ref());
    const figures = choice.groups.flatMap((g) => g.figures).map((f) => figureView(report, f));
    const blocks: Answer["blocks"] = [];
    if (drawn.image === null) {
      const why = drawn.reason === "full" ? "服务器存储空间已满" : "服务器无法保存图片";
      blocks.push({ kind: "paragraph", text: `图表暂时画不出来 (${why}), 先看数字:` });
    }
    blocks.push({ kind: "figures", figures, startAt: 1 });
    if (choice.leftOut > 0) {
      blocks.push({
        kind: "paragraph",
        text: `另有${choice.leftOut}项没有画出 (比上年的增减、重复或同名的数字, 或超过${CHART_LIMITS.rows}项的部分), 全部数字: ${request.all}`,
      });
    }
    const built = answer("chart", {
      title: `${request.title} · 图表 (${figures.length}项)`,
      blocks,
      figures,
      sections: [...new Set(figures.map((f) => f.sectionId))].map((id) => ({
        id,
        title: report.titleOf(id),
      })),
      report: report.ref(),
      actions: [request.back],
    });
    return drawn.image === null ? built : { ...built, image: drawn.image, cached: drawn.cached };
  },
});
