import type Database from "better-sqlite3";
import { z } from "zod";

/**
 * Answers cached in SQLite. The key carries the report version, so a new version never
 * serves an old answer; the least recently used entries go when the table is full.
 */
export class ResponseCache {
  private readonly s;

  constructor(
    db: Database.Database,
    private readonly maxEntries: number,
  ) {
    this.s = {
      get: db.prepare("SELECT answer FROM response_cache WHERE key = ?"),
      touch: db.prepare("UPDATE response_cache SET hits = hits + 1, last_used = ? WHERE key = ?"),
      put: db.prepare(
        `INSERT INTO response_cache (key, report_id, answer, last_used) VALUES (?, ?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET answer = excluded.answer, last_used = excluded.last_used`,
      ),
      count: db.prepare("SELECT count(*) AS n FROM response_cache"),
      evict: db.prepare(
        "DELETE FROM response_cache WHERE key IN (SELECT key FROM response_cache ORDER BY last_used LIMIT ?)",
      ),
      clear: db.prepare("DELETE FROM response_cache"),
      bump: db.prepare(
        "INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1",
      ),
      counter: db.prepare("SELECT value FROM counters WHERE name = ?"),
    };
  }

  // A strictly increasing clock for LRU order: two puts in one millisecond stay ordered.
  private lastTick = 0;
  private tick(): number {
    this.lastTick = Math.max(Date.now(), this.lastTick + 1);
    return this.lastTick;
  }

  /** The cached JSON for a key (counting a hit), or null (counting a miss). */
  get(key: string): string | null {
    const row = this.s.get.get(key);
    if (row === undefined) {
      this.s.bump.run("cache_misses");
      return null;
    }
    this.s.touch.run(this.tick(), key);
    this.s.bump.run("cache_hits");
    return z.object({ answer: z.string() }).parse(row).answer;
  }

  put(key: string, reportId: string, answerJson: string): void {
    this.s.put.run(key, reportId, answerJson, this.tick());
    const { n } = z.object({ n: z.number() }).parse(this.s.count.get());
    if (n > this.maxEntries) this.s.evict.run(n - this.maxEntries);
  }

  size(): number {
    return z.object({ n: z.number() }).parse(this.s.count.get()).n;
  }

  /** Empties the cache; safe at any time, answers are rebuilt on demand. */
  clear(): void {
    this.s.clear.run();
  }

  stats(): { hits: number; misses: number } {
    const read = (name: string) => {
      const row = this.s.counter.get(name);
      return row === undefined ? 0 : z.object({ value: z.number() }).parse(row).value;
    };
    return { hits: read("cache_hits"), misses: read("cache_misses") };
  }
}
