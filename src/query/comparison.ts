/**
 * One indicator across reports: what a request names (indicator, places, years) and the
 * table place × report year it gives, read from the stored indicator values (never from
 * the reports' sentences). Reports stored before the values were, or read with another
 * version of data/indicators.tsv, are read again from their stored figures first.
 */
import { type Indicator, indicators, indicatorsMark, indicatorValues } from "../report/indicators.ts";
import { storageFaultOf } from "../store/faults.ts";
import type { IndicatorRow, ReportValues } from "../store/indicator-values.ts";
import type { ReportRepository } from "../store/reports.ts";
import { normalizeText } from "../text/normalize.ts";
import { type ConsistencyNote, consistencyNotes } from "./consistency.ts";
import { YEAR_IN_TEXT } from "./library.ts";
import { placeNames } from "./places.ts";

/** What a request or question names. */
export interface ComparisonRequest {
  indicator: Indicator;
  /** Places of the library, as stored; empty: every place that has the indicator. */
  places: string[];
  /** Report years; empty: every year. */
  years: number[];
  /** Words that name no place of the library and no year. */
  unknown: string[];
}

/** One place's report of one year: what it states of the indicator. */
export interface Cell {
  reportId: string;
  title: string;
  place: string;
  year: number;
  level: IndicatorRow | null;
  change: IndicatorRow | null;
  target: IndicatorRow | null;
}

export interface Comparison {
  indicator: Indicator;
  /** Places in the order asked (else by name), each with at least one cell. */
  places: string[];
  /** Report years with at least one cell, oldest first. */
  years: number[];
  /** cells.get(place)?.get(year) */
  cells: Map<string, Map<number, Cell>>;
  notes: ConsistencyNote[];
}

/** A span of years: 2020-2025, 2020到2025年, 2020至2025. */
const YEAR_SPAN = /(?<!\d)((?:19|20)\d\d)年?\s*(?:-|–|—|~|～|到|至)\s*((?:19|20)\d\d)年?/g;

const byName = new Intl.Collator("zh-Hans-CN").compare;

/** The indicator a text names by its longest variant or its name, else by an English name. */
export function findIndicator(text: string, list: readonly Indicator[] = indicators()): Indicator | null {
  const folded = normalizeText(text);
  let best: { indicator: Indicator; length: number } | null = null;
  for (const indicator of list) {
    for (const form of [indicator.name, ...indicator.variants]) {
      const f = normalizeText(form);
      if (folded.includes(f) && f.length > (best?.length ?? 0)) best = { indicator, length: f.length };
    }
  }
  if (best) return best.indicator;
  return list.find((i) => i.english.some((e) => new RegExp(`\\b${e}\\b`).test(folded))) ?? null;
}

/** Reads a request: an indicator, places of the library, years and spans of years. */
export function readComparison(
  text: string,
  knownPlaces: readonly string[],
  list: readonly Indicator[] = indicators(),
): ComparisonRequest | null {
  const indicator = findIndicator(text, list);
  if (!indicator) return null;
  let rest = normalizeText(text);
  // The indicator's words go first (全县生产总值 holds no place), the longest form first.
  for (const form of [indicator.name, ...indicator.variants, ...indicator.english]
    .map(normalizeText)
    .sort((a, b) => b.length - a.length))
    rest = rest.split(form).join(" ");
  const years = new Set<number>();
  rest = rest.replace(YEAR_SPAN, (_, from: string, to: string) => {
    const [a, b] = [Number(from), Number(to)].sort((x, y) => x - y) as [number, number];
    for (let y = a; y <= b && y - a < 100; y++) years.add(y);
    return " ";
  });
  rest = rest.replace(YEAR_IN_TEXT, (y) => {
    years.add(Number(y));
    return " ";
  });
  rest = rest.replace(/年/g, " ");
  const named = placeNames(rest, knownPlaces);
  rest = named.rest;
  return {
    indicator,
    places: named.names.flatMap((n) => n.places),
    years: [...years].sort((a, b) => a - b),
    unknown: rest.split(/[\s,，、和与及]+/).filter((w) => w !== ""),
  };
}

/** A stored report's indicator values, read again from its stored figures; null when it is gone. */
export function storedValues(repo: ReportRepository, id: string): ReportValues | null {
  const report = repo.get(id);
  if (!report) return null;
  const figures = repo.figures(id);
  return { where: report, figures, values: indicatorValues(figures) };
}

/** Reads the library's reports for indicators and compares them. */
export class Comparisons {
  private freshAt: string | null = null;

  constructor(
    private readonly repo: ReportRepository,
    /** The library's places (see Library.byPlace), read as the library changes. */
    readonly places: () => readonly string[],
    /** A report's title, from the library in memory. */
    private readonly titleOf: (reportId: string) => string,
  ) {}

  /**
   * How many places state an indicator, and the report year in which most of them give
   * its level (the later on a tie; null when none does).
   */
  spread(indicator: Indicator): { places: number; busiestYear: number | null; placesThatYear: number } {
    this.freshen();
    const { places, levelsByYear } = this.repo.indicators.spread(indicator.name);
    let busiestYear: number | null = null;
    let placesThatYear = 0;
    for (const [year, count] of levelsByYear) {
      if (
        count > placesThatYear ||
        (count === placesThatYear && busiestYear !== null && year > busiestYear)
      ) {
        busiestYear = year;
        placesThatYear = count;
      }
    }
    return { places, busiestYear, placesThatYear };
  }

  /** The sentence a value was read from, whole. */
  sentence(row: IndicatorRow): string {
    return this.repo.indicators.sentence(row.reportId, row.sentenceIndex);
  }

  /**
   * Reads again the reports whose values are missing or were read with another version
   * of the indicators (once per change of the library).
   */
  private freshen(): void {
    const mark = this.repo.changeMark();
    if (mark === this.freshAt) return;
    try {
      this.repo.indicators.refreshStale(indicatorsMark(), (id) => storedValues(this.repo, id));
    } catch (error) {
      // A full disk or a busy database: answer from the values stored, and try again next time.
      if (storageFaultOf(error, "indicator values", true) === null) throw error;
      return;
    }
    this.freshAt = this.repo.changeMark();
  }

  /** The table of an indicator for some places (all: empty) and report years (all: empty). */
  compare(request: Pick<ComparisonRequest, "indicator" | "places" | "years">): Comparison {
    this.freshen();
    const wantedPlaces = new Set(request.places);
    const wantedYears = new Set(request.years);
    const cells = new Map<string, Map<number, Cell>>();
    const [onlyYear] = request.years;
    const rows = this.repo.indicators
      .rows(request.indicator.name, {
        places: request.places,
        ...(request.years.length === 1 && onlyYear !== undefined ? { year: onlyYear } : {}),
      })
      .sort((a, b) => (a.reportId < b.reportId ? -1 : a.reportId > b.reportId ? 1 : 0));
    for (const row of rows) {
      const { place, year } = row;
      if (place === null || year === null) continue;
      if (wantedPlaces.size > 0 && !wantedPlaces.has(place)) continue;
      if (wantedYears.size > 0 && !wantedYears.has(year)) continue;
      let byYear = cells.get(place);
      if (!byYear) {
        byYear = new Map();
        cells.set(place, byYear);
      }
      let cell = byYear.get(year);
      // Two reports of one place and year: the first by id speaks for both.
      if (cell && cell.reportId !== row.reportId) continue;
      if (!cell) {
        cell = {
          reportId: row.reportId,
          title: this.titleOf(row.reportId),
          place,
          year,
          level: null,
          change: null,
          target: null,
        };
        byYear.set(year, cell);
      }
      cell[row.measure] = row;
    }
    const places =
      request.places.length > 0 ? request.places.filter((p) => cells.has(p)) : [...cells.keys()].sort(byName);
    const years = [...new Set([...cells.values()].flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
    const notes = places.flatMap((p) =>
      consistencyNotes(request.indicator, [...(cells.get(p)?.values() ?? [])]),
    );
    return { indicator: request.indicator, places, years, cells, notes };
  }
}
