/**
 * Which figures make a chart of a topic, and how they stand together. Bars side by side
 * count the same thing in the same unit (parts of one total, counts of one subject); a rate
 * is written beside the count it rates (3229批次 · 合格率98%); a figure alone in its unit is
 * still shown, as a value without a bar, so no headline figure is dropped for its unit's
 * sake; a percentage is drawn against 100%. A change (比去年增加10项) is a difference, not an
 * amount, and is left out, as are a fact stated twice and a second figure under one label.
 */
import type { ReportIndex } from "../query/report-index.ts";
import type { Figure } from "../report/types.ts";

/** Figures of one unit, in the order they are drawn (the report's order). */
export interface FigureGroup {
  unit: string;
  percent: boolean;
  /** A figure alone in its unit: shown as its value, with no bar to compare. */
  single: boolean;
  figures: Figure[];
}

/** How much one chart may hold before it stops being readable in a chat. */
export interface ChartLimits {
  /** Bars and values together. */
  rows: number;
}

export const CHART_LIMITS: ChartLimits = { rows: 16 };

/** What a chart draws of some figures. */
export interface ChartChoice {
  /**
   * Bars of two or more figures of one unit, or of percentages, and single figures, in the
   * order of their best figure.
   */
  groups: FigureGroup[];
  /** The rates written beside their counts. */
  rates: Map<Figure, Figure[]>;
  /** Figures given but not drawn. */
  leftOut: number;
}

/** What the choice needs to know of the figures beyond themselves. */
export interface FigureRelations {
  /** For a rate, the count it rates. */
  countOf(f: Figure): Figure | null;
  /** How much the figure matters here (the heavier of two under one label is kept). */
  weight(f: Figure): number;
}

function isPercent(unit: string): boolean {
  return unit === "%" || unit === "％";
}

/**
 * Chooses from figures given best first (a search's ranking, a section's weights): the first
 * `rows` that can be shown, grouped by unit — groups in the order of their best figure, each
 * drawn in report order so a total comes before its parts as the report tells it.
 */
export function chooseFigures(
  ranked: readonly Figure[],
  relations: FigureRelations,
  limits: ChartLimits = CHART_LIMITS,
): ChartChoice {
  // One figure per label: the heavier, so 138项 and not 2批次 stands for 下发…指导目录.
  const byLabel = new Map<string, Figure>();
  for (const f of ranked) {
    if (f.change !== null || f.kind === "change") continue;
    const held = byLabel.get(f.label);
    if (!held || relations.weight(f) > relations.weight(held)) byLabel.set(f.label, f);
  }
  const kept = new Set(byLabel.values());
  const rates = new Map<Figure, Figure[]>();
  const rows: Figure[] = [];
  for (const f of ranked) {
    if (!kept.has(f)) continue;
    const count = relations.countOf(f);
    if (count && kept.has(count)) {
      rates.set(count, [...(rates.get(count) ?? []), f]);
      continue;
    }
    if (rows.length < limits.rows) rows.push(f);
  }
  // A count not drawn takes its rates back.
  for (const count of [...rates.keys()]) if (!rows.includes(count)) rates.delete(count);

  const byUnit = new Map<string, Figure[]>();
  for (const f of rows) {
    const unit = isPercent(f.unit) ? "%" : f.unit;
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), f]);
  }
  const groups = [...byUnit].map(([unit, figures]): FigureGroup => {
    const percent = unit === "%";
    const single = !percent && figures.length === 1;
    return { unit, percent, single, figures: [...figures].sort((a, b) => a.offset - b.offset) };
  });
  const drawn = rows.length + [...rates.values()].reduce((n, list) => n + list.length, 0);
  return { groups, rates, leftOut: ranked.length - drawn };
}

/** Why nothing can be compared in a choice, in words; null when there is something. */
export function nothingToCompare(choice: ChartChoice): string | null {
  const [first, ...others] = choice.groups;
  if (!first) return "只有比上年的增减, 没有可以画的数字";
  const only = first.figures[0];
  if (others.length === 0 && first.single && only && !choice.rates.has(only))
    return `只有一项数字 (${only.label} ${only.raw}), 没有可以比较的`;
  return null;
}

/** Where the figures of a chart come from: a section, or a search with how well each matched. */
export type ChartSource = { sectionId: string } | { scores: ReadonlyMap<Figure, number> };

/**
 * What a chart of figures would draw, heaviest first (see FigureWeights): among a section's
 * figures, or among a search's, each weight scaled by how well the figure matched, so the
 * topic's headline figures (食品安全监督抽检3229批次) lead and figures matched only through
 * their section's title come last.
 */
export function chartChoice(
  report: ReportIndex,
  figures: readonly Figure[],
  source: ChartSource,
): ChartChoice {
  const weights = report.figureWeights.weigh(figures, "sectionId" in source ? source.sectionId : undefined);
  const weight = (f: Figure) => weights.get(f) ?? 0;
  let priority = weight;
  if ("scores" in source) {
    const best = Math.max(0, ...source.scores.values());
    priority = (f) => weight(f) * (best > 0 ? 0.5 + (0.5 * (source.scores.get(f) ?? 0)) / best : 1);
  }
  const ranked = figures
    .map((f, order) => ({ f, order }))
    .sort((a, b) => priority(b.f) - priority(a.f) || a.order - b.order)
    .map(({ f }) => f);
  return chooseFigures(ranked, { countOf: (f) => report.figureWeights.role(f).countOf, weight });
}

/** The figures a search for some words finds, best first, with how well each matched: a topic's chart is chosen from them. */
export function searchedFigures(
  report: ReportIndex,
  words: string[],
): { figures: Figure[]; source: ChartSource } {
  const matches = report.findFigures(words);
  return {
    figures: matches.map((m) => m.figure),
    source: { scores: new Map(matches.map((m) => [m.figure, m.score])) },
  };
}

/** Whether a section's figures make a chart (for offering a chart button). */
export function sectionHasChart(report: ReportIndex, sectionId: string): boolean {
  return nothingToCompare(chartChoice(report, report.figuresUnder(sectionId), { sectionId })) === null;
}
