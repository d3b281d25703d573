/**
 * Whether one place's reports agree with each other about an indicator: where a report
 * gives a level and the next year's report gives the level and its growth, the growth
 * stated against the growth the two levels imply (unless the growth is stated at
 * comparable prices: Indicator.realGrowth); and a report's target against the
 * result the next year's report states. A difference of more than one point is a note
 * with both sentences; where the reports do not give both numbers, nothing is said.
 */
import type { Indicator } from "../report/indicators.ts";
import type { IndicatorRow } from "../store/indicator-values.ts";
import type { Cell } from "./comparison.ts";

/** More than this many points apart, two numbers disagree. */
export const TOLERANCE_POINTS = 1;

export interface ConsistencyNote {
  kind: "implied-growth" | "target";
  place: string;
  /** The earlier report's year and the later one's. */
  years: [number, number];
  /** What the later report states (a growth, or for a rate its level), in %. */
  stated: number;
  /** The growth the two levels imply, or the earlier report's target, in %. */
  expected: number;
  /** The earlier report's figure and the later one's, with their sentences. */
  earlier: IndicatorRow;
  later: IndicatorRow;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The notes for one place's cells (any order). */
export function consistencyNotes(indicator: Indicator, cells: readonly Cell[]): ConsistencyNote[] {
  const byYear = new Map(cells.map((c) => [c.year, c]));
  const isRate = indicator.unit === "%";
  const notes: ConsistencyNote[] = [];
  for (const later of [...cells].sort((a, b) => a.year - b.year)) {
    const earlier = byYear.get(later.year - 1);
    if (!earlier) continue;
    const years: [number, number] = [earlier.year, later.year];
    // A growth at comparable prices is no percentage of two current-price levels.
    if (!indicator.realGrowth && earlier.level && later.level && later.change) {
      // A rate's change is in points: the difference of the levels; an amount's in %.
      const implied = isRate
        ? later.level.value - earlier.level.value
        : (later.level.value / earlier.level.value - 1) * 100;
      if (Number.isFinite(implied) && Math.abs(implied - later.change.value) > TOLERANCE_POINTS) {
        notes.push({
          kind: "implied-growth",
          place: later.place,
          years,
          stated: later.change.value,
          expected: round1(implied),
          earlier: earlier.level,
          later: later.change,
        });
      }
    }
    // A growth aimed at against the growth reached; a rate's level aimed at against its
    // level. A count or amount aimed at (新增就业3000人) has no points to compare.
    const aimsAtGrowth = !isRate && earlier.target?.unit === "%";
    const result = isRate ? later.level : aimsAtGrowth ? later.change : null;
    if (earlier.target && result && Math.abs(earlier.target.value - result.value) > TOLERANCE_POINTS) {
      notes.push({
        kind: "target",
        place: later.place,
        years,
        stated: result.value,
        expected: earlier.target.value,
        earlier: earlier.target,
        later: result,
      });
    }
  }
  return notes;
}
