/**
 * How a comparison of one indicator reads (see src/query/comparison.ts): one scale for a
 * table's levels, each figure as its report wrote it, a change with its verb, a cell as
 * level · change · target, a place's report years as spans.
 */
import type { Cell, Comparison } from "../query/comparison.ts";
import type { IndicatorRow } from "../store/indicator-values.ts";

/** The unit a table's levels are shown in, and what a value in base units is divided by. */
export interface Scale {
  unit: string;
  factor: number;
}

/**
 * One scale for every value of a table: 万亿 from ten trillion on (a province's output), 亿
 * from a hundred million on, 万 from a million on (incomes of a few ten thousand 元 stay in
 * 元), else none.
 */
export function commonScale(unit: string, values: readonly number[]): Scale {
  if (unit === "%") return { unit, factor: 1 };
  const max = Math.max(0, ...values.map(Math.abs));
  if (max >= 1e13) return { unit: `万亿${unit}`, factor: 1e12 };
  if (max >= 1e8) return { unit: `亿${unit}`, factor: 1e8 };
  if (max >= 1e6) return { unit: `万${unit}`, factor: 1e4 };
  return { unit, factor: 1 };
}

/** A number with at most two decimals, no trailing zeros. */
export function twoDecimals(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** A figure as written, with a qualifier (约, 超) written before its number. */
export function asWritten(row: IndicatorRow): string {
  return row.qualifier && !row.raw.includes(row.qualifier) ? `${row.qualifier}${row.raw}` : row.raw;
}

/** A change as read: 增长7.1%, 下降2%, 提高1.2个百分点. */
export function changeText(row: IndicatorRow): string {
  const verb = row.unit === "个百分点" ? (row.value < 0 ? "下降" : "提高") : row.value < 0 ? "下降" : "增长";
  return `${verb}${asWritten(row)}`;
}

/**
 * What a row states, as read: a change or a growth aimed at with its verb (增长7%), a level
 * or a level aimed at (城镇化率60%, 新增就业3000人) as written.
 */
export function statedText(row: IndicatorRow, indicatorUnit: string): string {
  const growth =
    row.measure === "change" || (row.measure === "target" && row.unit === "%" && indicatorUnit !== "%");
  return growth ? changeText(row) : asWritten(row);
}

/** A level as written, and in the table's unit when it was written in another. */
export function levelText(row: IndicatorRow, scale: Scale): string {
  if (row.unit === scale.unit) return asWritten(row);
  return `${asWritten(row)} (${twoDecimals(row.value / scale.factor)}${scale.unit})`;
}

/** A cell in a line: level, stated change, and the target the report sets. */
export function cellText(cell: Cell, scale: Scale, indicatorUnit: string): string {
  const parts: string[] = [];
  if (cell.level) parts.push(levelText(cell.level, scale));
  if (cell.change) parts.push(changeText(cell.change));
  if (cell.target) parts.push(`目标 ${statedText(cell.target, indicatorUnit)}`);
  return parts.join(" · ");
}

/** A place's report years, runs of three or more as spans: 2018–2022、2025年. */
export function yearsOf(comparison: Comparison, place: string): string {
  const years = [...(comparison.cells.get(place)?.keys() ?? [])].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const year of years) {
    const run = runs.at(-1);
    if (run && run.at(-1) === year - 1) run.push(year);
    else runs.push([year]);
  }
  const parts = runs.flatMap((run) => (run.length >= 3 ? [`${run[0]}–${run.at(-1)}`] : run.map(String)));
  return parts.length > 0 ? `${parts.join("、")}年` : "";
}
