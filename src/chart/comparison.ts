/**
 * The picture of a comparison of one indicator: a line per place over the report years, or
 * bars of the places for one year; levels where the reports give them, else the growth
 * they state.
 */
import { asWritten, changeText, type Scale, yearsOf } from "../answer/comparison-view.ts";
import type { Comparison } from "../query/comparison.ts";
import type { ChartSpec } from "./layout.ts";
import type { LineChartSpec } from "./line.ts";

/** Lines drawn in one chart: more would not be told apart. */
const CHART_SERIES = 6;

/** The picture: a line per place over the years, or bars of the places for one year. */
export function comparisonChart(
  comparison: Comparison,
  scale: Scale,
  subtitle: string,
): ChartSpec | LineChartSpec | null {
  const { indicator, years } = comparison;
  const places = comparison.places.slice(0, CHART_SERIES);
  const cells = places.flatMap((p) => [...(comparison.cells.get(p)?.values() ?? [])]);
  const levels = cells.filter((c) => c.level).length;
  const footnote = `来源: ${cells.length}份报告 (${places.map((p) => `${p} ${yearsOf(comparison, p)}`).join("，")})，数值照报告原文`;
  if (years.length === 1 && places.length > 1) {
    const bars = cells.flatMap((c) =>
      c.level ? [{ label: c.place, raw: asWritten(c.level), value: c.level.value / scale.factor }] : [],
    );
    if (bars.length < 2) return null;
    return {
      title: `${indicator.name} · ${years[0]}年报告`,
      subtitle,
      groups: [
        { unit: scale.unit, percent: indicator.unit === "%", bars: bars.sort((a, b) => b.value - a.value) },
      ],
      footnote,
    };
  }
  // Levels where the reports give them; else the growth they state.
  const measure = levels >= 2 ? "level" : "change";
  const series = places.map((place) => ({
    name: place,
    points: years.map((year) => {
      const row = comparison.cells.get(place)?.get(year)?.[measure];
      if (!row) return null;
      return measure === "level"
        ? { value: row.value / scale.factor, raw: asWritten(row) }
        : { value: row.value, raw: changeText(row) };
    }),
  }));
  if (series.flatMap((s) => s.points).filter((p) => p !== null).length < 2) return null;
  return {
    title: `${indicator.name}${measure === "change" ? " · 增长" : ""}`,
    subtitle,
    unit: measure === "level" ? scale.unit : indicator.unit === "%" ? "个百分点" : "%",
    categories: years.map((y) => `${y}年`),
    series,
    footnote,
  };
}
