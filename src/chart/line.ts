/**
 * A line chart in the drawing model (layout.ts): one line per series (a place) over
 * categories (years), drawn to one scale from zero, each point a small square; a missing
 * value breaks its line. A legend names the series in their colours; with few series each
 * point carries its value as written. Points are kept apart from the shapes so tests can
 * read order and height.
 */
import { type Drawing, PAGE_WIDTH, type Shape, type TextMeasure, wrap } from "./layout.ts";

/** One point: the number it is drawn to (in the chart's unit) and the value as written. */
export interface LinePoint {
  value: number;
  raw: string;
}

export interface LineSeries {
  name: string;
  /** One per category; null where the series has no value. */
  points: (LinePoint | null)[];
}

/** What a line chart shows, before any geometry. */
export interface LineChartSpec {
  title: string;
  subtitle: string;
  /** The unit the points are drawn in (亿元). */
  unit: string;
  /** Along the x axis, in order (2020年, 2021年…). */
  categories: string[];
  series: LineSeries[];
  footnote: string;
}

/** A point as drawn. */
export interface DrawnPoint extends LinePoint {
  series: number;
  category: number;
  x: number;
  y: number;
}

export interface LineDrawing extends Drawing {
  points: DrawnPoint[];
}

const PAD = 24;
const INNER = PAGE_WIDTH - 2 * PAD;
const PLOT_HEIGHT = 260;
const AXIS_WIDTH = 52;
const MARK = 6;
/** Beyond this many series, points carry no value labels: they would cover each other. */
const LABELLED_SERIES = 2;
const SIZE = { title: 20, subtitle: 13, legend: 13, axis: 12, value: 11.5, footnote: 11.5 } as const;
const INK = "#1f2328";
const MUTED = "#656d76";
const RULE = "#c9ced6";
const GRID = "#eceff3";
const COLORS = ["#2f6fbd", "#e07b39", "#2a9d8f", "#7b61c4", "#c2415d", "#8a6d3b"];

/** A round step for about five grid lines up to `max`: 1, 2 or 5 times a power of ten. */
function step(max: number): number {
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const unit = rough / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
}

function tickText(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/** Lays out a line chart; every length is in logical pixels. */
export function layoutLineChart(spec: LineChartSpec, measure: TextMeasure): LineDrawing {
  const shapes: Shape[] = [];
  const points: DrawnPoint[] = [];
  const text = (x: number, y: number, content: string, size: number, fill = INK, bold = false) =>
    shapes.push({ kind: "text", x, y, text: content, size, fill, bold });
  const color = (i: number) => COLORS[i % COLORS.length] ?? INK;

  let y = PAD;
  text(PAD, y + SIZE.title, measure.fit(spec.title, SIZE.title, INNER), SIZE.title, INK, true);
  y += 30;
  text(PAD, y + SIZE.subtitle, measure.fit(spec.subtitle, SIZE.subtitle, INNER), SIZE.subtitle, MUTED);
  y += 28;

  // The legend: a square in the series' colour and its name, in rows.
  let x = PAD;
  for (const [i, series] of spec.series.entries()) {
    const width = MARK + 6 + measure.width(series.name, SIZE.legend) + 18;
    if (x + width > PAD + INNER && x > PAD) {
      x = PAD;
      y += 20;
    }
    shapes.push({ kind: "rect", x, y: y + 4, width: MARK + 4, height: MARK + 4, fill: color(i) });
    text(x + MARK + 10, y + SIZE.legend, series.name, SIZE.legend);
    x += width;
  }
  y += 26;
  text(PAD, y + SIZE.axis, `单位: ${spec.unit}`, SIZE.axis, MUTED);
  y += 22;

  const values = spec.series.flatMap((s) => s.points.flatMap((p) => (p ? [p.value] : [])));
  const max = Math.max(0, ...values);
  const tick = max > 0 ? step(max) : 1;
  const top = Math.max(tick, Math.ceil(max / tick) * tick);
  const plotTop = y + 8;
  const plotBottom = plotTop + PLOT_HEIGHT;
  const plotLeft = PAD + AXIS_WIDTH;
  const plotRight = PAD + INNER - 16;
  const yOf = (value: number) => plotBottom - (Math.max(0, value) / top) * PLOT_HEIGHT;
  for (let t = 0; t <= top + tick / 2; t += tick) {
    const ty = yOf(t);
    shapes.push({ kind: "line", x1: plotLeft, y1: ty, x2: plotRight, y2: ty, stroke: t === 0 ? RULE : GRID });
    const label = tickText(t);
    text(plotLeft - 8 - measure.width(label, SIZE.axis), ty + SIZE.axis * 0.36, label, SIZE.axis, MUTED);
  }
  const count = spec.categories.length;
  const xOf = (i: number) =>
    count === 1
      ? (plotLeft + plotRight) / 2
      : plotLeft + 20 + (i * (plotRight - plotLeft - 40)) / (count - 1);
  for (const [i, category] of spec.categories.entries()) {
    const cx = xOf(i);
    text(cx - measure.width(category, SIZE.axis) / 2, plotBottom + 18, category, SIZE.axis, MUTED);
  }

  const labelled = spec.series.length <= LABELLED_SERIES;
  for (const [s, series] of spec.series.entries()) {
    let previous: { x: number; y: number } | null = null;
    for (const [c, point] of series.points.entries()) {
      if (!point) {
        previous = null;
        continue;
      }
      const at = { x: xOf(c), y: yOf(point.value) };
      if (previous)
        shapes.push({ kind: "line", x1: previous.x, y1: previous.y, x2: at.x, y2: at.y, stroke: color(s) });
      previous = at;
      points.push({ ...point, series: s, category: c, ...at });
    }
  }
  // Marks and values after the lines, so no line crosses them.
  for (const p of points) {
    shapes.push({
      kind: "rect",
      x: p.x - MARK / 2,
      y: p.y - MARK / 2,
      width: MARK,
      height: MARK,
      fill: color(p.series),
    });
    if (labelled) {
      const above = p.series === 0;
      text(
        p.x - measure.width(p.raw, SIZE.value) / 2,
        above ? p.y - 8 : p.y + 8 + SIZE.value,
        p.raw,
        SIZE.value,
        INK,
      );
    }
  }

  y = plotBottom + 32;
  shapes.push({ kind: "line", x1: PAD, y1: y, x2: PAD + INNER, y2: y, stroke: RULE });
  y += 6;
  for (const line of wrap(spec.footnote, SIZE.footnote, INNER, measure)) {
    text(PAD, y + SIZE.footnote + 2, line, SIZE.footnote, MUTED);
    y += 17;
  }
  return { width: PAGE_WIDTH, height: Math.ceil(y + PAD - 6), shapes, bars: [], points };
}
