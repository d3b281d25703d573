import type Database from "better-sqlite3";
import { z } from "zod";
import type { IndicatorValue, Measure } from "../report/indicators.ts";
import type { Figure } from "../report/types.ts";

/** One stored indicator value: the figure as written, where it stands, and its report's place and year. */
export interface IndicatorRow {
  reportId: string;
  place: string | null;
  year: number | null;
  measure: Measure;
  /** In the indicator's unit without scale; a change or target in %. */
  value: number;
  /** The figure as the report writes it: "8.4亿元"; of 增长6%左右, "6%". */
  raw: string;
  unit: string;
  qualifier: string | null;
  sectionId: string;
  /** The sentence's index in its report (see `sentence`). */
  sentenceIndex: number;
}

/** What a report's indicator values are stored with. */
export interface ReportValues {
  where: { place: string | null; year: number | null };
  figures: readonly Figure[];
  values: readonly IndicatorValue[];
}

const MEASURES: readonly string[] = ["level", "change", "target"];

/**
 * A row checked by hand rather than by a schema: a comparison of every place reads a few
 * thousand of them, and a schema's parse would cost more than the query.
 */
function toRow(r: unknown): IndicatorRow {
  const v = r as Record<string, unknown>;
  const text = (x: unknown) => typeof x === "string";
  const textOrNull = (x: unknown) => x === null || typeof x === "string";
  if (
    !text(v.report_id) ||
    !textOrNull(v.place) ||
    !(v.year === null || Number.isInteger(v.year)) ||
    !MEASURES.includes(v.measure as string) ||
    typeof v.value !== "number" ||
    !text(v.raw) ||
    !text(v.unit) ||
    !textOrNull(v.qualifier) ||
    !text(v.section_id) ||
    !Number.isInteger(v.sentence_idx)
  )
    throw new Error(`not an indicator_values row: ${JSON.stringify(r)}`);
  return {
    reportId: v.report_id as string,
    place: v.place as string | null,
    year: v.year as number | null,
    measure: v.measure as Measure,
    value: v.value,
    raw: v.raw as string,
    unit: v.unit as string,
    qualifier: v.qualifier as string | null,
    sectionId: v.section_id as string,
    sentenceIndex: v.sentence_idx as number,
  };
}

const COLUMNS = "report_id, place, year, measure, value, raw, unit, qualifier, section_id, sentence_idx";

/** Reports whose values are read again in one transaction, so a thousand cost a few commits. */
const REFRESH_BATCH = 100;

/** The indicator values of every report (src/report/indicators.ts), read by indicator. */
export class IndicatorRepository {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      clear: db.prepare("DELETE FROM indicator_values WHERE report_id = ?"),
      insert: db.prepare(
        `INSERT INTO indicator_values (indicator, ${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      setMark: db.prepare(
        `INSERT INTO indicator_sets (report_id, data) VALUES (?, ?)
         ON CONFLICT(report_id) DO UPDATE SET data = excluded.data`,
      ),
      stale: db
        .prepare(
          `SELECT r.id FROM reports r LEFT JOIN indicator_sets s ON s.report_id = r.id
           WHERE s.data IS NULL OR s.data <> ? ORDER BY r.id`,
        )
        .pluck(),
      markOf: db.prepare("SELECT data FROM indicator_sets WHERE report_id = ?").pluck(),
      all: db.prepare(`SELECT ${COLUMNS} FROM indicator_values WHERE indicator = ?`),
      ofPlace: db.prepare(`SELECT ${COLUMNS} FROM indicator_values WHERE indicator = ? AND place = ?`),
      ofYear: db.prepare(`SELECT ${COLUMNS} FROM indicator_values WHERE indicator = ? AND year = ?`),
      sentence: db.prepare("SELECT text FROM sentences WHERE report_id = ? AND idx = ?").pluck(),
      placesByYear: db.prepare(
        `SELECT year, COUNT(DISTINCT place) AS places FROM indicator_values
         WHERE indicator = ? AND measure = 'level' AND place IS NOT NULL AND year IS NOT NULL GROUP BY year`,
      ),
      places: db
        .prepare(
          "SELECT COUNT(DISTINCT place) FROM indicator_values WHERE indicator = ? AND place IS NOT NULL",
        )
        .pluck(),
    };
  }

  /**
   * Replaces a report's indicator values and remembers what they were read with (`mark`).
   * Runs inside the caller's transaction when there is one (a report being saved).
   */
  replace(
    reportId: string,
    where: ReportValues["where"],
    figures: readonly Figure[],
    values: readonly IndicatorValue[],
    mark: string,
  ): void {
    this.db.transaction(() => {
      this.s.clear.run(reportId);
      for (const v of values) {
        const f = figures[v.figure];
        if (!f) continue;
        this.s.insert.run(
          v.indicator,
          reportId,
          where.place,
          where.year,
          v.measure,
          v.value,
          f.raw,
          f.unit,
          f.qualifier,
          f.sectionId,
          f.sentenceIndex,
        );
      }
      this.s.setMark.run(reportId, mark);
    })();
  }

  /** Reports whose indicator values were read with another mark, or not at all. */
  stale(mark: string): string[] {
    return z.array(z.string()).parse(this.s.stale.all(mark));
  }

  /**
   * Reads again the values of every report read with another mark, a batch of reports in
   * each transaction, under the write lock (another process may be saving one of them):
   * `read` gives a report's values from its stored figures, or null when it is gone.
   * Returns how many reports were read.
   */
  refreshStale(mark: string, read: (reportId: string) => ReportValues | null): number {
    const ids = this.stale(mark);
    for (let at = 0; at < ids.length; at += REFRESH_BATCH) {
      this.db
        .transaction(() => {
          for (const id of ids.slice(at, at + REFRESH_BATCH)) {
            if (this.s.markOf.get(id) === mark) continue;
            const found = read(id);
            if (found) this.replace(id, found.where, found.figures, found.values, mark);
          }
        })
        .immediate();
    }
    return ids.length;
  }

  /**
   * The stored values of an indicator, in no order: of some places (by their index), of
   * one year, or all of them.
   */
  rows(indicator: string, only: { places?: readonly string[]; year?: number } = {}): IndicatorRow[] {
    const raw =
      only.places && only.places.length > 0
        ? only.places.flatMap((p) => this.s.ofPlace.all(indicator, p))
        : only.year !== undefined
          ? this.s.ofYear.all(indicator, only.year)
          : this.s.all.all(indicator);
    return raw.map(toRow);
  }

  /** How many places state the indicator at all, and how many give its level in each report year. */
  spread(indicator: string): { places: number; levelsByYear: Map<number, number> } {
    const counts = z.array(z.object({ year: z.number().int(), places: z.number().int() }));
    return {
      places: z.number().int().parse(this.s.places.get(indicator)),
      levelsByYear: new Map(counts.parse(this.s.placesByYear.all(indicator)).map((r) => [r.year, r.places])),
    };
  }

  /** A sentence of a report, as stored ("" when there is none). */
  sentence(reportId: string, index: number): string {
    const text = this.s.sentence.get(reportId, index);
    return typeof text === "string" ? text : "";
  }
}
