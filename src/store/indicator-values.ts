import type Database from "better-sqlite3";
import { z } from "zod";
import type { IndicatorValue, Measure } from "../report/indicators.ts";

/** One stored indicator value with its figure as written, its sentence and its report. */
export interface IndicatorRow {
  reportId: string;
  title: string;
  place: string | null;
  year: number | null;
  measure: Measure;
  /** In the indicator's unit without scale; a change or target in %. */
  value: number;
  /** The figure as the report writes it: "8.4亿元", "增长6%左右" is "6%". */
  raw: string;
  unit: string;
  qualifier: string | null;
  sectionId: string;
  sentence: string;
}

const row = z.object({
  report_id: z.string(),
  title: z.string(),
  place: z.string().nullable(),
  year: z.number().int().nullable(),
  measure: z.enum(["level", "change", "target"]),
  value: z.number(),
  raw: z.string(),
  unit: z.string(),
  qualifier: z.string().nullable(),
  section_id: z.string(),
  sentence: z.string(),
});

/** The indicator values of every report (src/report/indicators.ts), read by indicator. */
export class IndicatorRepository {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      clear: db.prepare("DELETE FROM indicator_values WHERE report_id = ?"),
      insert: db.prepare(
        "INSERT INTO indicator_values (indicator, report_id, measure, figure_idx, value) VALUES (?, ?, ?, ?, ?)",
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
      rows: db.prepare(
        `SELECT v.report_id, r.title, r.place, r.year, v.measure, v.value,
           f.raw, f.unit, f.qualifier, f.section_id, s.text AS sentence
         FROM indicator_values v
         JOIN reports r ON r.id = v.report_id
         JOIN figures f ON f.report_id = v.report_id AND f.idx = v.figure_idx
         JOIN sentences s ON s.report_id = f.report_id AND s.idx = f.sentence_idx
         WHERE v.indicator = ?`,
      ),
    };
  }

  /**
   * Replaces a report's indicator values and remembers what they were read with (`mark`).
   * Runs inside the caller's transaction when there is one (a report being saved).
   */
  replace(reportId: string, values: readonly IndicatorValue[], mark: string): void {
    this.db.transaction(() => {
      this.s.clear.run(reportId);
      for (const v of values) this.s.insert.run(v.indicator, reportId, v.measure, v.figure, v.value);
      this.s.setMark.run(reportId, mark);
    })();
  }

  /** Reports whose indicator values were read with another mark, or not at all. */
  stale(mark: string): string[] {
    return z.array(z.string()).parse(this.s.stale.all(mark));
  }

  /**
   * Reads a report's values again under the write lock (another process may be saving
   * it): `read` gets nothing to do when the report is gone or was read with `mark` meanwhile.
   */
  refresh(reportId: string, mark: string, read: () => readonly IndicatorValue[] | null): void {
    this.db
      .transaction(() => {
        if (this.s.markOf.get(reportId) === mark) return;
        const values = read();
        if (values) this.replace(reportId, values, mark);
      })
      .immediate();
  }

  /** Every stored value of an indicator, in no order. */
  rows(indicator: string): IndicatorRow[] {
    return this.s.rows.all(indicator).map((r) => {
      const v = row.parse(r);
      return {
        reportId: v.report_id,
        title: v.title,
        place: v.place,
        year: v.year,
        measure: v.measure,
        value: v.value,
        raw: v.raw,
        unit: v.unit,
        qualifier: v.qualifier,
        sectionId: v.section_id,
        sentence: v.sentence,
      };
    });
  }
}
