/**
 * Charts: the time from a chart spec to PNG bytes (layout, SVG with glyph outlines, resvg)
 * over every chart the seed report offers — each section with comparable figures and some
 * keyword charts — with the font loaded; the font's own load time; the PNG sizes; and a
 * /chart answered from the chart cache.
 */
import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import { ChartFont, chartFont, fontFilePath } from "../src/chart/font.ts";
import { chartSvg } from "../src/chart/index.ts";
import type { ChartSpec } from "../src/chart/layout.ts";
import { renderPng } from "../src/chart/render.ts";
import { chartChoice, nothingToCompare, searchedFigures } from "../src/chart/select.ts";
import { chartSpec } from "../src/chart/spec.ts";
import { benchApp } from "./app.ts";
import { round, since, summarize } from "./stats.ts";

const KEYWORDS = ["政务服务", "调解", "事项", "案件", "合格率", "行政", "万元", "人次"];

export async function benchCharts(rounds: number): Promise<Record<string, number>> {
  const { app, cleanup } = await benchApp();
  try {
    const report = app.knowledge.current("console:local");
    if (!report) throw new Error("bench: the seed report did not load");
    const specs: ChartSpec[] = [];
    for (const section of report.sections) {
      const choice = chartChoice(report, report.figuresUnder(section.id), { sectionId: section.id });
      if (nothingToCompare(choice) === null)
        specs.push(chartSpec(`${section.id} ${section.title}`, report, choice));
    }
    for (const keyword of KEYWORDS) {
      const { figures, source } = searchedFigures(report, [keyword]);
      const choice = chartChoice(report, figures, source);
      if (nothingToCompare(choice) === null) specs.push(chartSpec(`${keyword} · 相关数字`, report, choice));
    }

    const loading = process.hrtime.bigint();
    ChartFont.fromFile(fontFilePath());
    const fontLoadMs = since(loading) / 1000;

    chartFont();
    const sizes = specs.map((spec) => renderPng(chartSvg(spec)).data.length / 1024); // warm
    const samples: number[] = [];
    for (let i = 0; i < rounds; i++) {
      for (const spec of specs) {
        const start = process.hrtime.bigint();
        renderPng(chartSvg(spec));
        samples.push(since(start));
      }
    }
    const render = summarize(samples);

    const ask = () => app.dispatcher.handle({ ...CONSOLE_CHAT, command: "chart", args: "政务服务" });
    await ask();
    const cached: number[] = [];
    for (let i = 0; i < rounds * 10; i++) {
      const start = process.hrtime.bigint();
      await ask();
      cached.push(since(start));
    }

    sizes.sort((a, b) => a - b);
    return {
      charts: specs.length,
      "render.p50_us": render.p50_us,
      "render.p99_us": render.p99_us,
      "cached.p50_us": summarize(cached).p50_us,
      font_load_ms: round(fontLoadMs),
      png_kb_p50: round(sizes[Math.floor(sizes.length / 2)] ?? 0),
      png_kb_max: round(sizes[sizes.length - 1] ?? 0),
    };
  } finally {
    cleanup();
  }
}
