import { performance } from "node:perf_hooks";
import type Database from "better-sqlite3";
import { z } from "zod";
import { type StorageHealth, storageFaultOf } from "./faults.ts";

/**
 * The log's length, in pages, at which SQLite copies it into the database on its own, in
 * the commit that takes it there. With the checkpoints below it only comes due for a bot
 * that is never idle: ~16 MB of log, a minute of cache writes under a steady flood.
 */
const BACKSTOP_PAGES = 4_000;

/**
 * The share of the last interval the main thread may have been busy for it to count as
 * idle: a few answers a second leave it idle, a queue of them does not.
 */
const IDLE_UTILISATION = 0.05;

/**
 * Idle looks in a row before a checkpoint: a pause between two bursts of a conversation
 * is no time to sync the disk, which may take longer than the pause.
 */
const IDLE_LOOKS = 2;

/**
 * Copies the write-ahead log into the database file while the bot is idle.
 *
 * SQLite checkpoints in the connection whose commit takes the log past wal_autocheckpoint
 * pages: here the bot's own, in the write of the response cache that an answer makes.
 * Copying ~1,000 pages and syncing the file took 23–25 ms on a 2-core machine, and more
 * while the disk was busy; every answer queued behind it waited as long, which made the
 * 99th percentile of a steady stream of answers jump from 4 ms to 30–80 ms in some runs.
 * Checkpointing when the thread has had nothing to do moves that work where no answer
 * waits for it, and SQLite's own checkpoint stays as the bound, at BACKSTOP_PAGES.
 */
export class QuietCheckpoints {
  private readonly changes;
  private changesAtLastCheckpoint: number;
  private utilisation = performance.eventLoopUtilization();
  private idleLooks = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly health: StorageHealth,
  ) {
    db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    this.changes = db.prepare("SELECT total_changes()").pluck();
    this.changesAtLastCheckpoint = this.changeCount();
  }

  private changeCount(): number {
    return z.number().parse(this.changes.get());
  }

  /**
   * Checkpoints when this connection has written since the last checkpoint and the thread
   * was idle over the last IDLE_LOOKS intervals between calls; call it about once a second.
   * Not while other processes fill the log in bulk (`othersWriting`): ingest workers write
   * with no checkpoint of their own, and copying a whole library's log here would stall the
   * bot for seconds (the background indexer, in its own process, copies it when they are
   * done).
   * Returns whether it checkpointed.
   */
  checkpointIfIdle(othersWriting: boolean): boolean {
    const since = performance.eventLoopUtilization(this.utilisation);
    this.utilisation = performance.eventLoopUtilization();
    this.idleLooks = since.utilization > IDLE_UTILISATION ? 0 : this.idleLooks + 1;
    if (othersWriting || this.idleLooks < IDLE_LOOKS) return false;
    const changes = this.changeCount();
    if (changes === this.changesAtLastCheckpoint) return false;
    try {
      // PASSIVE: copies what no reader still needs and never waits for one.
      this.db.pragma("wal_checkpoint(PASSIVE)");
    } catch (error) {
      // A failed checkpoint loses nothing: the log keeps the pages, and the next one (or
      // SQLite's own) copies them.
      const fault = storageFaultOf(error, "checkpoint", true);
      if (!fault) throw error;
      this.health.failed(fault);
      return false;
    }
    this.changesAtLastCheckpoint = changes;
    return true;
  }
}
