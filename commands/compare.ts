import type { Action, Answer, Block } from "../src/answer/answer.ts";
import { answer, refusal } from "../src/answer/build.ts";
import {
  asWritten,
  cellText,
  changeText,
  commonScale,
  statedText,
  twoDecimals,
} from "../src/answer/comparison-view.ts";
import { shortenAround } from "../src/answer/views.ts";
import { comparisonChart } from "../src/chart/comparison.ts";
import { type CommandContext, defineCommand, requiredText } from "../src/command/types.ts";
import {
  type Cell,
  type Comparison,
  type ComparisonRequest,
  readComparison,
} from "../src/query/comparison.ts";
import type { ConsistencyNote } from "../src/query/consistency.ts";
import { type Indicator, indicators } from "../src/report/indicators.ts";
import type { IndicatorRow } from "../src/store/indicator-values.ts";

/** Cells offered as buttons (each opens its report's sentence); Telegram takes a hundred. */
const CELL_BUTTONS = 24;
/** Places shown in the text of a comparison of every place (the chart draws the first ones). */
const PLACES_SHOWN = 30;
/** From this many places on, /compare with neither place nor year shows one year's places. */
const OVERVIEW_FROM = 6;
/** The chart cache keeps comparisons apart from reports under this name. */
const CHART_REF = { id: "compare", title: "对比", version: 1 };

/** The command line that shows one cell with its sentences. */
function cellLine(comparison: Comparison, cell: Cell): string {
  return `/compare ${comparison.indicator.name} ${cell.place} ${cell.year}`;
}

function noteText(ctx: CommandContext, indicator: Indicator, note: ConsistencyNote): string {
  const [from, to] = note.years;
  const said =
    note.kind === "implied-growth"
      ? `${note.place}${to}年报告称${indicator.name}${changeText(note.later)}, 而按${from}年报告的${asWritten(note.earlier)}与${to}年报告的数值推算, ${indicator.unit === "%" ? `变化约${twoDecimals(note.expected)}个百分点` : `增长约${twoDecimals(note.expected)}%`}`
      : `${note.place}${from}年报告的目标是${indicator.name}${statedText(note.earlier, indicator.unit)}, ${to}年报告称${statedText(note.later, indicator.unit)}`;
  const quote = (row: IndicatorRow) =>
    `“${shortenAround(ctx.knowledge.comparisons.sentence(row), row.raw, indicator.name)}”`;
  return `${said}:\n   ${from}年: ${quote(note.earlier)}\n   ${to}年: ${quote(note.later)}`;
}

/** One cell: what the report says of the indicator, in its own sentences. */
function cellAnswer(ctx: CommandContext, comparison: Comparison, cell: Cell): Answer {
  const rows = [cell.level, cell.change, cell.target].filter((r): r is IndicatorRow => r !== null);
  const name = comparison.indicator.name;
  const items = rows.map((r) => {
    const what = r.measure === "level" ? "数值" : r.measure === "change" ? "增减" : "目标";
    return `${what}: ${statedText(r, comparison.indicator.unit)} 〔${r.sectionId}〕\n   “${ctx.knowledge.comparisons.sentence(r)}”`;
  });
  return answer("compare", {
    title: `${name} · ${cell.place} ${cell.year}年报告`,
    blocks: [
      { kind: "list", ordered: false, items },
      { kind: "paragraph", text: `出处: 《${cell.title}》 (${cell.reportId})` },
    ],
    actions: [
      { label: `${cell.place} 历年`, command: `/compare ${name} ${cell.place}` },
      { label: "切换到这份报告", command: `/report ${cell.reportId}` },
    ],
  });
}

/** The table: by place, a line a year (or a line a place for one year), notes, buttons, chart. */
function tableAnswer(
  ctx: CommandContext,
  comparison: Comparison,
  request: ComparisonRequest,
  overview: string,
): Answer {
  const { indicator, years } = comparison;
  const places = comparison.places.slice(0, PLACES_SHOWN);
  const cells = places.flatMap((p) => [...(comparison.cells.get(p)?.values() ?? [])]);
  const scale = commonScale(
    indicator.unit,
    cells.flatMap((c) => (c.level ? [c.level.value] : [])),
  );
  const yearSpan = years.length === 1 ? `${years[0]}年` : `${years[0]}–${years.at(-1)}年`;
  const who = places.length === 1 ? (places[0] ?? "") : `${comparison.places.length}个地区`;
  const blocks: Block[] = [
    ...(overview === "" ? [] : [{ kind: "paragraph" as const, text: overview }]),
    {
      kind: "paragraph",
      text: `按报告年份 (报告所说的多为上一年的数字); 数值照报告原文, 单位不同的换算为${scale.unit}。`,
    },
  ];
  if (years.length === 1) {
    // Places side by side, largest first.
    const ordered = [...cells].sort((a, b) => (b.level?.value ?? -Infinity) - (a.level?.value ?? -Infinity));
    blocks.push({
      kind: "list",
      ordered: true,
      items: ordered.map((c) => `${c.place}: ${cellText(c, scale, indicator.unit)}`),
    });
  } else {
    for (const place of places) {
      const byYear = comparison.cells.get(place);
      if (!byYear) continue;
      if (places.length > 1) blocks.push({ kind: "heading", text: place });
      blocks.push({
        kind: "list",
        ordered: false,
        items: years.flatMap((y) => {
          const cell = byYear.get(y);
          return cell ? [`${y}年: ${cellText(cell, scale, indicator.unit)}`] : [];
        }),
      });
    }
  }
  if (comparison.places.length > places.length) {
    blocks.push({
      kind: "paragraph",
      text: `另有${comparison.places.length - places.length}个地区, 写上地区名可只看它们: /compare ${indicator.name} <地区>`,
    });
  }
  const notes = comparison.notes.filter((n) => places.includes(n.place));
  if (notes.length > 0) {
    blocks.push({ kind: "heading", text: "核对 (相差超过1个百分点)" });
    blocks.push({ kind: "list", ordered: true, items: notes.map((n) => noteText(ctx, indicator, n)) });
  }
  const [first] = cells;
  if (first) blocks.push({ kind: "paragraph", text: `每一格的原文: ${cellLine(comparison, first)} (按钮)` });
  const title = `${indicator.name} · ${who} · ${yearSpan}`;
  const actions: Action[] = cells.slice(0, CELL_BUTTONS).map((c) => ({
    label: `${places.length > 1 ? `${c.place} ` : ""}${c.year}`,
    command: cellLine(comparison, c),
  }));
  const built = answer("compare", { title, blocks, actions });
  const spec = comparisonChart(
    { ...comparison, places },
    scale,
    `${who} · ${yearSpan}${request.places.length === 0 && places.length > 1 ? " · 全部地区" : ""}`,
  );
  if (!spec) return built;
  const drawn = ctx.charts.draw(spec, CHART_REF);
  return drawn.image === null ? built : { ...built, image: drawn.image, cached: drawn.cached };
}

export default defineCommand({
  name: "compare",
  aliases: ["对比", "比较"],
  description: {
    zh: "同一指标在各地、各年报告中的数字: 表格、图表和前后核对",
    en: "One indicator across places and years: a table, a chart and a consistency check",
  },
  examples: [
    "/compare 一般公共预算收入 清苑",
    "/compare 地区生产总值 清苑 易县 2020-2025",
    "/compare 法律援助案件",
  ],
  options: {
    words: requiredText({ zh: "指标, 地区和年份", en: "indicator, places and years" }),
  },
  // Not through the response cache: the answer names a PNG file (as /chart's does).
  cacheable: false,
  run(ctx, args): Answer {
    const comparisons = ctx.knowledge.comparisons;
    const request = readComparison(args.words, comparisons.places());
    const names = indicators().map((i) => i.name);
    if (!request) {
      return refusal("compare", "bad_input", `没有认出要对比的指标。可对比的指标: ${names.join("、")}。`, {
        suggestions: names.slice(0, 3).map((n) => `/compare ${n}`),
      });
    }
    if (request.unknown.length > 0) {
      return refusal(
        "compare",
        "not_found",
        `没有找到“${request.unknown.join(" ")}”的报告。已有的地区: ${comparisons.places().join("、") || "无"}。`,
        { suggestions: [`/compare ${request.indicator.name}`] },
      );
    }
    // Every place and year of a large library is no table to read: the year most places
    // report, side by side, with the way to a place's years.
    let overview = "";
    if (request.places.length === 0 && request.years.length === 0) {
      const spread = comparisons.spread(request.indicator);
      if (spread.places > OVERVIEW_FROM && spread.busiestYear !== null) {
        request.years = [spread.busiestYear];
        overview = `共${spread.places}个地区的报告有${request.indicator.name}; 这里是有数值的地区最多的${spread.busiestYear}年报告。看一地历年: /compare ${request.indicator.name} <地区>`;
      }
    }
    const comparison = comparisons.compare(request);
    const first = comparison.places[0];
    const only = first === undefined ? undefined : comparison.cells.get(first);
    if (!only) {
      const where = [...request.places, ...request.years.map((y) => `${y}年`)].join(" ");
      return refusal(
        "compare",
        "not_found",
        `没有报告给出${where ? `${where}的` : ""}${request.indicator.name}。`,
        { suggestions: request.places.length > 0 ? [`/compare ${request.indicator.name}`] : [] },
      );
    }
    const [cell] = only.values();
    if (comparison.places.length === 1 && comparison.years.length === 1 && cell)
      return cellAnswer(ctx, comparison, cell);
    return tableAnswer(ctx, comparison, request, overview);
  },
});
