import type { Migration } from "../migrate.ts";

/**
 * The full-text index for a library of reports. Each report's sentences hold one range of
 * rowids (its slot × 2^24 + the sentence's index), so a search reads only that range and a
 * replaced report deletes only its own rows, one rowid at a time: FTS5 has no index on an
 * UNINDEXED column, and a DELETE over a rowid range still visits every row of the table.
 * The table keeps no copy of the words (contentless, deletable by rowid). Ranking is done
 * by the caller over the report's own sentences: bm25() here would count a word's
 * documents across every report on each query.
 *
 * The old index is dropped; each report is indexed again from its stored sentences at the
 * next sync (a report with no range is not indexed yet), without a new version.
 * report_files remembers each file's size and modification time as last read, so an
 * unchanged file is skipped at start without being read.
 */
export const sentenceRanges: Migration = {
  version: 6,
  sql: `
    DROP TABLE sentence_index;
    CREATE VIRTUAL TABLE sentence_index USING fts5(
      words,
      tokenize = 'unicode61',
      content = '',
      contentless_delete = 1
    );
    CREATE TABLE sentence_ranges (
      report_id TEXT PRIMARY KEY,
      slot INTEGER NOT NULL UNIQUE,
      rows INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE report_files (
      report_id TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
      stamp TEXT NOT NULL
    ) WITHOUT ROWID;
  `,
};
