import type Database from "better-sqlite3";
import { z } from "zod";

/** Rowids a report's sentences may use: its slot × SLOT_SIZE + the sentence's index. */
const SLOT_SIZE = 2 ** 24;

const rangeRow = z.object({ slot: z.number().int(), rows: z.number().int() });

/**
 * The FTS5 index of every report's sentences, one rowid range per report (see migration
 * 006). Writing and deleting a report's rows costs the same at any library size, and a
 * search reads only the report's own range.
 */
export class SentenceIndex {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      range: db.prepare("SELECT slot, rows FROM sentence_ranges WHERE report_id = ?"),
      nextSlot: db.prepare("SELECT coalesce(max(slot), 0) + 1 FROM sentence_ranges").pluck(),
      setRange: db.prepare(
        `INSERT INTO sentence_ranges (report_id, slot, rows) VALUES (?, ?, ?)
         ON CONFLICT(report_id) DO UPDATE SET rows = excluded.rows`,
      ),
      deleteRange: db.prepare("DELETE FROM sentence_ranges WHERE report_id = ?"),
      insert: db.prepare("INSERT INTO sentence_index (rowid, words) VALUES (?, ?)"),
      delete: db.prepare("DELETE FROM sentence_index WHERE rowid = ?"),
      search: db
        .prepare(
          "SELECT rowid FROM sentence_index WHERE sentence_index MATCH ? AND rowid BETWEEN ? AND ? LIMIT ?",
        )
        .pluck(),
    };
  }

  private range(reportId: string): { slot: number; rows: number } | null {
    const row = this.s.range.get(reportId);
    return row === undefined ? null : rangeRow.parse(row);
  }

  /**
   * Puts a report's sentences in the index in place of its old ones: `words[i]` are the
   * words of sentence i. Run it inside the transaction that stores the sentences.
   */
  replace(reportId: string, words: readonly string[]): void {
    if (words.length > SLOT_SIZE) throw new Error(`report ${reportId}: more than ${SLOT_SIZE} sentences`);
    const old = this.range(reportId);
    if (old) this.deleteRows(old);
    const slot = old?.slot ?? z.number().int().parse(this.s.nextSlot.get());
    words.forEach((w, i) => {
      this.s.insert.run(slot * SLOT_SIZE + i, w);
    });
    this.s.setRange.run(reportId, slot, words.length);
  }

  /** Takes a report's sentences out of the index. */
  remove(reportId: string): void {
    const old = this.range(reportId);
    if (!old) return;
    this.deleteRows(old);
    this.s.deleteRange.run(reportId);
  }

  private deleteRows(range: { slot: number; rows: number }): void {
    for (let i = 0; i < range.rows; i++) this.s.delete.run(range.slot * SLOT_SIZE + i);
  }

  /**
   * Indexes of the report's sentences whose words match an FTS5 query, in report order (the
   * caller ranks them). The query is built from quoted words only (see fts.ts).
   */
  search(reportId: string, ftsQuery: string, limit: number): number[] {
    const range = this.range(reportId);
    if (!range) return [];
    const first = range.slot * SLOT_SIZE;
    return z
      .array(z.number().int())
      .parse(this.s.search.all(ftsQuery, first, first + range.rows - 1, limit))
      .map((rowid) => rowid - first);
  }
}
