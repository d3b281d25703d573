/**
 * Which figures make a chart: the ones that can be compared. Bars side by side must count
 * the same thing in the same unit, so figures are grouped by unit as written (件, 项, 万元);
 * a change (比去年增加10项) is a difference, not an amount, and is left out; a count alone in
 * its unit has nothing to be compared with. A percentage is drawn against 100%, so one alone
 * still makes a bar.
 */
import type { Figure } from "../report/types.ts";

/** Figures of one unit, in the order they are drawn (the report's order). */
export interface FigureGroup {
  unit: string;
  percent: boolean;
  figures: Figure[];
}

/** How much one chart may hold before it stops being readable in a chat. */
export interface ChartLimits {
  groups: number;
  barsPerGroup: number;
}

export const CHART_LIMITS: ChartLimits = { groups: 3, barsPerGroup: 10 };

/** What can be drawn of some figures, and how many were matched but not drawn. */
export interface Selection {
  groups: FigureGroup[];
  leftOut: number;
}

function isPercent(unit: string): boolean {
  return unit === "%" || unit === "％";
}

/**
 * Groups figures (best first) by unit: groups ordered by their best figure, each keeping
 * its best `barsPerGroup` figures, drawn in report order so a total comes before its parts
 * as the report tells it.
 */
export function comparableGroups(ranked: readonly Figure[], limits: ChartLimits = CHART_LIMITS): Selection {
  const byUnit = new Map<string, Figure[]>();
  for (const figure of ranked) {
    if (figure.change !== null) continue;
    const list = byUnit.get(figure.unit) ?? [];
    list.push(figure);
    byUnit.set(figure.unit, list);
  }
  const groups = [...byUnit.entries()]
    .filter(([unit, figures]) => isPercent(unit) || figures.length >= 2)
    .slice(0, limits.groups)
    .map(([unit, figures]) => ({
      unit,
      percent: isPercent(unit),
      figures: figures.slice(0, limits.barsPerGroup).sort((a, b) => a.offset - b.offset),
    }));
  const drawn = groups.reduce((n, g) => n + g.figures.length, 0);
  return { groups, leftOut: ranked.length - drawn };
}

/** Whether any of these figures can be charted (for offering a chart button). */
export function hasComparableFigures(figures: readonly Figure[]): boolean {
  return comparableGroups(figures).groups.length > 0;
}

/** The figures of a section and everything below it, in report order. */
export function figuresUnder(figures: readonly Figure[], sectionId: string): Figure[] {
  return figures.filter((f) => f.nodeId === sectionId || f.nodeId.startsWith(`${sectionId}.`));
}
