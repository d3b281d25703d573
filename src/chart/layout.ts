/**
 * The drawing model: a chart spec laid out as shapes on a page of logical pixels. One
 * horizontal bar chart per unit, stacked: labels on the left, bars from a common baseline,
 * each value as the report writes it at the end of its bar (and the rate of a count beside
 * it, in grey); percentages are drawn on a 0–100% track; figures alone in their unit follow
 * as values without bars. Bars are kept apart from the shapes so tests can read order and
 * proportion.
 */

/** One bar: a figure's label, its value as written, and the number it is drawn to. */
export interface ChartBar {
  label: string;
  raw: string;
  value: number;
  /** Written beside the value: the rate of a count (合格率98%). */
  note?: string;
}

/** Bars of one unit, drawn to one scale. */
export interface ChartGroup {
  unit: string;
  percent: boolean;
  /** One figure alone in its unit: its label and value, with no bar and no scale. */
  single?: boolean;
  bars: ChartBar[];
}

/** What a chart shows, before any geometry. */
export interface ChartSpec {
  /** What was asked for: “政务服务”相关数字, or a section's title. */
  title: string;
  /** The report the figures come from. */
  subtitle: string;
  groups: ChartGroup[];
  /** The source sections. */
  footnote: string;
}

export type Shape =
  | { kind: "rect"; x: number; y: number; width: number; height: number; fill: string }
  | { kind: "line"; x1: number; y1: number; x2: number; y2: number; stroke: string }
  /** A line of text starting at x, on the baseline y. */
  | { kind: "text"; x: number; y: number; text: string; size: number; fill: string; bold: boolean };

/** A bar as drawn, with what it stands for. */
export interface DrawnBar extends ChartBar {
  group: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Drawing {
  width: number;
  height: number;
  shapes: Shape[];
  bars: DrawnBar[];
}

/** Measures and cuts text (see ChartFont). */
export interface TextMeasure {
  width(text: string, size: number): number;
  fit(text: string, size: number, width: number): string;
}

/** Page width in logical pixels; the PNG is drawn at twice this. */
export const PAGE_WIDTH = 640;
const PAD = 24;
const INNER = PAGE_WIDTH - 2 * PAD;
const SIZE = {
  title: 20,
  subtitle: 13,
  heading: 13,
  label: 14,
  value: 13,
  note: 12,
  footnote: 11.5,
} as const;
const ROW = 28;
const BAR = 16;
const GAP = 10;
/** Labels may take at most this share of the width; longer ones are cut with "…". */
const LABEL_SHARE = 0.38;

const INK = "#1f2328";
const MUTED = "#656d76";
const RULE = "#c9ced6";
const TRACK = "#eceff3";
const COUNT_COLORS = ["#2f6fbd", "#2a9d8f", "#7b61c4"];
const PERCENT_COLOR = "#e07b39";

/** Splits text into lines no wider than `width`, between any two characters. */
export function wrap(text: string, size: number, width: number, measure: TextMeasure): string[] {
  const lines: string[] = [];
  let line = "";
  for (const char of text) {
    if (line !== "" && measure.width(line + char, size) > width) {
      lines.push(line);
      line = "";
    }
    line += char;
  }
  if (line !== "") lines.push(line);
  return lines;
}

function groupHeading(group: ChartGroup): string {
  return group.percent ? "百分比 (%)" : `单位: ${group.unit}`;
}

const NOTE_GAP = 6;

/** Lays out a chart spec; every length is in logical pixels. */
export function layoutChart(spec: ChartSpec, measure: TextMeasure): Drawing {
  const shapes: Shape[] = [];
  const bars: DrawnBar[] = [];
  const text = (x: number, y: number, content: string, size: number, fill = INK, bold = false) =>
    shapes.push({ kind: "text", x, y, text: content, size, fill, bold });

  let y = PAD;
  text(PAD, y + SIZE.title, measure.fit(spec.title, SIZE.title, INNER), SIZE.title, INK, true);
  y += 30;
  text(PAD, y + SIZE.subtitle, measure.fit(spec.subtitle, SIZE.subtitle, INNER), SIZE.subtitle, MUTED);
  y += 30;

  const allBars = spec.groups.flatMap((g) => g.bars);
  const widest = Math.max(0, ...allBars.map((b) => measure.width(b.label, SIZE.label)));
  const labelWidth = Math.min(widest, INNER * LABEL_SHARE);
  const barX = PAD + labelWidth + GAP;

  /** Figures alone in their unit: label and value as written, bold where a bar would start. */
  const drawValues = (values: readonly ChartBar[], top: number): number => {
    let at = top;
    for (const value of values) {
      const middle = at + ROW / 2;
      const label = measure.fit(value.label, SIZE.label, labelWidth);
      text(barX - GAP - measure.width(label, SIZE.label), middle + SIZE.label * 0.36, label, SIZE.label);
      const raw = measure.fit(value.raw, SIZE.value + 1, PAD + INNER - barX);
      text(barX, middle + SIZE.value * 0.36, raw, SIZE.value + 1, INK, true);
      if (value.note) {
        const noteX = barX + measure.width(raw, SIZE.value + 1) + NOTE_GAP;
        text(
          noteX,
          middle + SIZE.note * 0.36,
          measure.fit(value.note, SIZE.note, PAD + INNER - noteX),
          SIZE.note,
          MUTED,
        );
      }
      at += ROW;
    }
    return at + 6;
  };

  let counts = 0;
  for (const [index, group] of spec.groups.entries()) {
    if (group.single) {
      y = drawValues(group.bars, y);
      continue;
    }
    const color = group.percent ? PERCENT_COLOR : (COUNT_COLORS[counts++ % COUNT_COLORS.length] ?? INK);
    text(PAD, y + SIZE.heading, groupHeading(group), SIZE.heading, MUTED);
    y += 24;
    const noteWidth = (b: ChartBar) => (b.note ? NOTE_GAP + measure.width(b.note, SIZE.note) : 0);
    const valueWidth = Math.max(0, ...group.bars.map((b) => measure.width(b.raw, SIZE.value) + noteWidth(b)));
    const room = PAD + INNER - barX - valueWidth - 8;
    const values = group.bars.map((b) => b.value);
    // Percentages against 100% (or their largest, should one exceed it); counts against the largest.
    const scale = Math.max(group.percent ? 100 : 0, ...values) || 1;
    const groupTop = y;
    for (const bar of group.bars) {
      const barY = y + (ROW - BAR) / 2;
      const middle = y + ROW / 2;
      const label = measure.fit(bar.label, SIZE.label, labelWidth);
      text(barX - GAP - measure.width(label, SIZE.label), middle + SIZE.label * 0.36, label, SIZE.label);
      if (group.percent) {
        shapes.push({
          kind: "rect",
          x: barX,
          y: barY,
          width: room * (100 / scale),
          height: BAR,
          fill: TRACK,
        });
      }
      const width = room * (Math.max(0, bar.value) / scale);
      shapes.push({ kind: "rect", x: barX, y: barY, width, height: BAR, fill: color });
      bars.push({ ...bar, group: index, x: barX, y: barY, width, height: BAR });
      text(barX + width + 6, middle + SIZE.value * 0.36, bar.raw, SIZE.value);
      if (bar.note) {
        const noteX = barX + width + 6 + measure.width(bar.raw, SIZE.value) + NOTE_GAP;
        text(noteX, middle + SIZE.note * 0.36, bar.note, SIZE.note, MUTED);
      }
      y += ROW;
    }
    shapes.push({ kind: "line", x1: barX, y1: groupTop, x2: barX, y2: y, stroke: RULE });
    y += 12;
  }

  shapes.push({ kind: "line", x1: PAD, y1: y, x2: PAD + INNER, y2: y, stroke: RULE });
  y += 6;
  for (const line of wrap(spec.footnote, SIZE.footnote, INNER, measure)) {
    text(PAD, y + SIZE.footnote + 2, line, SIZE.footnote, MUTED);
    y += 17;
  }
  return { width: PAGE_WIDTH, height: Math.ceil(y + PAD - 6), shapes, bars };
}
