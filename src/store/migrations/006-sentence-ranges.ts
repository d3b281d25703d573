import type { Migration } from "../migrate.ts";

/**
 * The full-text index for a library of reports. Each report has a slot: its sentences are
 * rows slot × 2^24 + the sentence's index, and its words are written as tokens of its own
 * (r<slot>x<word>), so a search reads only that report's postings and ranks by that
 * report's counts, whatever the size of the library, and a replaced report deletes only
 * its own rows, one rowid at a time. (A report_id column cannot be searched by: FTS5 has
 * no index on an UNINDEXED column; and a MATCH within a rowid range still walks a word's
 * postings from the start, so it costs more the later a report was stored.) The table
 * keeps no copy of the words (contentless, deletable by rowid).
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
