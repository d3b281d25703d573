import type Database from "better-sqlite3";
import { z } from "zod";
import { StorageHealth, storageFaultOf } from "./faults.ts";

/**
 * After a failed write, answers are not written for this long: on a locked database each
 * try would hold the answer for the whole busy timeout, and on a full disk it is wasted.
 * The flush, every few seconds, keeps trying.
 */
const PAUSE_AFTER_FAILURE_MS = 5_000;

/**
 * Answers cached in SQLite, with the hot entries also held in memory. The key carries the
 * report version, so a new version never serves an old answer. The table survives
 * restarts; the least recently used entries go when it is full.
 *
 * A hit is served from memory and only counted there, and a new answer is held in memory
 * until written: new answers, hit counts and last-use times are written behind, in one
 * transaction per flush() (or once WRITE_BATCH answers wait), because a write per answer
 * would cost more than the answer itself (~60 µs against ~10 µs).
 *
 * The cache is an optimisation: when the storage fails (a full disk, a read-only or
 * damaged file), the work is skipped and recorded in StorageHealth, and answers go out
 * uncached, from memory where they can. Nothing here throws a storage error.
 */
/**
 * New answers held in memory before they are written in one transaction. The write runs in
 * the answer that fills the batch and holds every other answer meanwhile: 256 answers took
 * ~24 ms under a burst, a stall that showed in the 99th percentile; 64 take ~6 ms, and a
 * transaction still carries the cost of many answers.
 */
const WRITE_BATCH = 64;

export class ResponseCache {
  private readonly s;
  // Parsed answers: parsing the stored JSON on every hit would cost more than the rest.
  private readonly memory = new Map<string, unknown>();
  private readonly touched = new Map<string, number>();
  // Answers put since the last flush, with their report and when they were put.
  private readonly unwritten = new Map<string, { reportId: string; value: unknown; at: number }>();
  private pendingHits = 0;
  private pendingMisses = 0;
  private storedCount: number;
  // A strictly increasing clock for LRU order: two uses in one millisecond stay ordered.
  private lastTick = 0;
  /**
   * Set while the table may hold rows clear() could not delete (answers of older code):
   * they are not served, and the next write that works empties the table first.
   */
  private staleRows = false;
  private pausedUntil = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly maxEntries: number,
    private readonly health = new StorageHealth(),
  ) {
    this.s = {
      get: db.prepare("SELECT answer FROM response_cache WHERE key = ?").pluck(),
      touch: db.prepare("UPDATE response_cache SET hits = hits + 1, last_used = ? WHERE key = ?"),
      put: db.prepare(
        `INSERT INTO response_cache (key, report_id, answer, last_used) VALUES (?, ?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET answer = excluded.answer, last_used = excluded.last_used`,
      ),
      count: db.prepare("SELECT count(*) FROM response_cache").pluck(),
      has: db.prepare("SELECT 1 FROM response_cache WHERE key = ?").pluck(),
      evict: db.prepare(
        "DELETE FROM response_cache WHERE key IN (SELECT key FROM response_cache ORDER BY last_used LIMIT ?)",
      ),
      clear: db.prepare("DELETE FROM response_cache"),
      any: db.prepare("SELECT 1 FROM response_cache LIMIT 1").pluck(),
      add: db.prepare(
        "INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = value + excluded.value",
      ),
      counter: db.prepare("SELECT value FROM counters WHERE name = ?").pluck(),
    };
    this.storedCount = z.number().parse(this.s.count.get());
  }

  private tick(): number {
    this.lastTick = Math.max(Date.now(), this.lastTick + 1);
    return this.lastTick;
  }

  private remember(key: string, value: unknown): void {
    this.memory.delete(key);
    this.memory.set(key, value);
    if (this.memory.size > this.maxEntries) {
      const oldest = this.memory.keys().next().value;
      if (oldest !== undefined) this.memory.delete(oldest);
    }
  }

  /**
   * The cached value for a key (counting a hit), or null (counting a miss). The value is
   * shared between hits: callers copy it before changing anything.
   */
  get(key: string): unknown {
    let value = this.memory.get(key) ?? this.unwritten.get(key)?.value;
    if (value === undefined) {
      const stored = this.staleRows ? undefined : this.attempt(() => this.s.get.get(key));
      if (stored === undefined) {
        this.pendingMisses++;
        return null;
      }
      value = JSON.parse(z.string().parse(stored));
    }
    this.remember(key, value);
    this.touched.set(key, this.tick());
    this.pendingHits++;
    return value;
  }

  /** Stores a JSON-serialisable value (written to the table at the next flush). */
  put(key: string, reportId: string, value: unknown): void {
    this.remember(key, value);
    this.touched.delete(key);
    this.unwritten.delete(key);
    this.unwritten.set(key, { reportId, value, at: this.tick() });
    if (this.unwritten.size >= WRITE_BATCH) this.flush();
  }

  /**
   * Writes the answers, hit counts and last-use times held in memory to the table. When it
   * cannot, the new answers stay served from memory only (the table is an optimisation, and
   * holding them for later would grow without bound on a full disk); the counts are kept
   * for the next flush.
   */
  flush(): void {
    if (
      this.unwritten.size === 0 &&
      this.touched.size === 0 &&
      this.pendingHits === 0 &&
      this.pendingMisses === 0
    )
      return;
    if (Date.now() < this.pausedUntil || (this.staleRows && !this.emptyTable())) {
      this.unwritten.clear();
      return;
    }
    const written = this.attempt(() =>
      this.db.transaction(() => {
        let stored = this.storedCount;
        for (const [key, { reportId, value, at }] of this.unwritten) {
          if (this.s.has.get(key) === undefined) stored++;
          this.s.put.run(key, reportId, JSON.stringify(value), at);
        }
        for (const [key, at] of this.touched) this.s.touch.run(at, key);
        if (this.pendingHits > 0) this.s.add.run("cache_hits", this.pendingHits);
        if (this.pendingMisses > 0) this.s.add.run("cache_misses", this.pendingMisses);
        if (stored > this.maxEntries) {
          this.s.evict.run(stored - this.maxEntries);
          stored = this.maxEntries;
        }
        return stored;
      })(),
    );
    this.unwritten.clear();
    if (written === undefined) return;
    this.storedCount = written;
    this.writeWorked();
    this.touched.clear();
    this.pendingHits = 0;
    this.pendingMisses = 0;
  }

  /** Entries in the table, the unwritten ones written first. */
  size(): number {
    this.flush();
    return z.number().parse(this.s.count.get());
  }

  /**
   * Empties the cache; safe at any time, answers are rebuilt on demand. When the table
   * cannot be emptied now (a full disk), its rows are not served, and it is emptied by the
   * next write that works.
   */
  clear(): void {
    this.memory.clear();
    this.unwritten.clear();
    this.touched.clear();
    this.staleRows = true;
    this.emptyTable();
  }

  private emptyTable(): boolean {
    // An empty table is left alone: a write would be this connection's first after a bulk
    // load and would copy the whole write-ahead log into the database then and there.
    const emptied = this.attempt(() => {
      if (this.s.any.get() !== undefined) this.s.clear.run();
      return true;
    });
    if (!emptied) return false;
    this.staleRows = false;
    this.storedCount = 0;
    this.writeWorked();
    return true;
  }

  private writeWorked(): void {
    this.pausedUntil = 0;
    this.health.worked();
  }

  /** Runs storage work; on a storage fault, records it and returns undefined. */
  private attempt<T>(work: () => T): T | undefined {
    try {
      return work();
    } catch (error) {
      const fault = storageFaultOf(error, "response cache", true);
      if (!fault) throw error;
      this.health.failed(fault);
      this.pausedUntil = Date.now() + PAUSE_AFTER_FAILURE_MS;
      return undefined;
    }
  }

  stats(): { hits: number; misses: number } {
    const read = (name: string) => z.number().optional().parse(this.s.counter.get(name)) ?? 0;
    return { hits: read("cache_hits") + this.pendingHits, misses: read("cache_misses") + this.pendingMisses };
  }
}
