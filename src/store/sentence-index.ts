import type Database from "better-sqlite3";
import { z } from "zod";

/** Rowids a report's sentences may use: its slot × SLOT_SIZE + the sentence's index. */
const SLOT_SIZE = 2 ** 24;

/** What FTS5's unicode61 tokenizer keeps as a token: runs of its default categories L*, N* and Co. */
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;

const rangeRow = z.object({ slot: z.number().int(), rows: z.number().int() });

/** The tokens of a word as the index holds them for one report: r<slot>x<token>. */
function scoped(slot: number, word: string): string[] {
  return (word.match(TOKEN) ?? []).map((token) => `r${slot}x${token}`);
}

/**
 * The FTS5 index of every report's sentences (see migration 006). A report's rows hold
 * one rowid range, and every token is written with the report's slot in front of it, so a
 * report's words are terms of their own: a search reads only that report's postings, and
 * bm25() counts a word's sentences in that report alone, at any size of the library.
 * (FTS5 walks a term's postings from the start to reach a rowid range, so ranges alone
 * cost more the later a report was stored.)
 */
export class SentenceIndex {
  private readonly s;

  constructor(db: Database.Database) {
    // better-sqlite3 binds JavaScript numbers as REAL; rowids go in as INTEGER, the form
    // FTS5 looks a rowid up by.
    this.s = {
      range: db.prepare("SELECT slot, rows FROM sentence_ranges WHERE report_id = ?"),
      nextSlot: db.prepare("SELECT coalesce(max(slot), 0) + 1 FROM sentence_ranges").pluck(),
      setRange: db.prepare(
        `INSERT INTO sentence_ranges (report_id, slot, rows) VALUES (?, ?, ?)
         ON CONFLICT(report_id) DO UPDATE SET rows = excluded.rows`,
      ),
      deleteRange: db.prepare("DELETE FROM sentence_ranges WHERE report_id = ?"),
      insert: db.prepare("INSERT INTO sentence_index (rowid, words) VALUES (CAST(? AS INTEGER), ?)"),
      delete: db.prepare("DELETE FROM sentence_index WHERE rowid = CAST(? AS INTEGER)"),
      search: db
        .prepare("SELECT rowid FROM sentence_index WHERE sentence_index MATCH ? ORDER BY rank LIMIT ?")
        .pluck(),
      unindexed: db
        .prepare(
          "SELECT id FROM reports r WHERE NOT EXISTS (SELECT 1 FROM sentence_ranges x WHERE x.report_id = r.id)",
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
   * space-separated words of sentence i. Run it inside the transaction that stores the sentences.
   */
  replace(reportId: string, words: readonly string[]): void {
    if (words.length > SLOT_SIZE) throw new Error(`report ${reportId}: more than ${SLOT_SIZE} sentences`);
    const old = this.range(reportId);
    if (old) this.deleteRows(old);
    const slot = old?.slot ?? z.number().int().parse(this.s.nextSlot.get());
    words.forEach((w, i) => {
      this.s.insert.run(slot * SLOT_SIZE + i, scoped(slot, w).join(" "));
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

  /** Stored reports whose sentences are not in the index. */
  unindexed(): string[] {
    return z.array(z.string()).parse(this.s.unindexed.all());
  }

  /**
   * Indexes of the report's sentences holding every term, best first (bm25), or null when
   * the report's sentences are not in the index. Each term is matched as a phrase of its
   * tokens, so quotes, *, NEAR(, OR, ^ and : in user text are never FTS5 syntax.
   */
  search(reportId: string, terms: readonly string[], limit: number): number[] | null {
    const range = this.range(reportId);
    if (!range) return null;
    const phrases = terms.map((t) => scoped(range.slot, t)).filter((tokens) => tokens.length > 0);
    if (phrases.length === 0) return [];
    const query = phrases.map((tokens) => `"${tokens.join(" ")}"`).join(" ");
    const first = range.slot * SLOT_SIZE;
    return z
      .array(z.number().int())
      .parse(this.s.search.all(query, limit))
      .map((rowid) => rowid - first);
  }
}
