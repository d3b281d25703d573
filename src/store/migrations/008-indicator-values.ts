import type { Migration } from "../migrate.ts";

/**
 * Indicator values (src/report/indicators.ts): for each report, indicator and measure
 * (level, change, target) the figure that states it — its value in the indicator's unit
 * without scale, and as written — with the report's place and year, so a comparison over
 * a thousand reports reads a few rows of one index and never the reports' sentences (a
 * sentence is read only when shown). indicator_sets tells which reading of
 * data/indicators.tsv each report's rows come from: a report stored before this table, or
 * read with another version of the data, is read again from its stored figures.
 */
export const indicatorValues: Migration = {
  version: 8,
  sql: `
    CREATE TABLE indicator_values (
      indicator TEXT NOT NULL,
      report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
      measure TEXT NOT NULL,
      place TEXT,
      year INTEGER,
      value REAL NOT NULL,
      raw TEXT NOT NULL,
      unit TEXT NOT NULL,
      qualifier TEXT,
      section_id TEXT NOT NULL,
      sentence_idx INTEGER NOT NULL,
      PRIMARY KEY (indicator, report_id, measure)
    ) WITHOUT ROWID;
    CREATE INDEX indicator_values_place ON indicator_values (indicator, place, year);
    CREATE INDEX indicator_values_year ON indicator_values (indicator, year);
    CREATE INDEX indicator_values_report ON indicator_values (report_id);
    CREATE TABLE indicator_sets (
      report_id TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
      data TEXT NOT NULL
    ) WITHOUT ROWID;
  `,
};
