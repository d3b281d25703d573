import type Database from "better-sqlite3";
import { BackgroundIndexer } from "./background-index.ts";
import { ResponseCache } from "./cache.ts";
import { ChatSettings } from "./chats.ts";
import { fileReadsAsDatabase, openDatabase } from "./db.ts";
import { DeliveryRepository } from "./deliveries.ts";
import { guardWrites, StorageHealth } from "./faults.ts";
import { LeaseRepository } from "./leases.ts";
import { QuietCheckpoints } from "./quiet-checkpoints.ts";
import { ReportRepository } from "./reports.ts";
import { SubscriptionRepository } from "./subscriptions.ts";

export { StoreOpenError } from "./db.ts";
export type { Claim, DeliveryStatus, OpenDelivery, PlannedSlot } from "./deliveries.ts";
export type { StorageEvent, StorageFault, StorageFaultKind } from "./faults.ts";
export { FAULT_NAMES, StorageHealth, StorageWriteError } from "./faults.ts";
export type { IngestResult } from "./ingest.ts";
export { ingestFile, reportIdFor, type SyncStart, startSync, syncDirectory } from "./ingest.ts";
export type { Lease } from "./leases.ts";
export { DEFAULT_MAX_FILE_BYTES } from "./report-files.ts";
export type { IngestOutcome, ReportContent, StoredReport } from "./reports.ts";
export type { Subscription } from "./subscriptions.ts";

/** The one handle the rest of the bot has on SQLite. */
export interface Store {
  reports: ReportRepository;
  cache: ResponseCache;
  chats: ChatSettings;
  subscriptions: SubscriptionRepository;
  /** Whether writes work, as the last one found; the app logs its changes. */
  health: StorageHealth;
  deliveries: DeliveryRepository;
  /** Which of the processes sharing the database delivers reminders. */
  leases: LeaseRepository;
  /** Runs work in one transaction (bulk set-up; repositories use their own for single changes). */
  transaction<T>(work: () => T): T;
  /**
   * Puts the reports stored without their full-text index into it in a child process (see
   * syncDirectory); `onError` hears why it stopped early. In ":memory:", which no other
   * connection can open, they are indexed here and now.
   */
  indexInBackground(onError: (error: Error) => void): void;
  /** Resolves when the background indexer has stopped. */
  indexed(): Promise<void>;
  /**
   * Copies the write-ahead log into the database when the bot has been idle for a while
   * (see QuietCheckpoints); call it about once a second. `readingReports`: ingest workers
   * are filling the log, and it is left to them.
   */
  checkpointIfIdle(readingReports: boolean): void;
  /** True when the database file reads as this bot's database, read from the file itself. */
  ping(): boolean;
  /** Stops the background indexer and closes the database. */
  close(): void;
}

export interface StoreOptions {
  path: string;
  cacheMaxEntries: number;
  /** The most the file may grow to, in bytes; writes beyond it fail as on a full disk. */
  maxBytes?: number;
}

export function openStore(options: StoreOptions): Store {
  const db: Database.Database = openDatabase(options.path, options.maxBytes);
  const health = new StorageHealth();
  // Writes that matter: refused with a StorageWriteError the dispatcher answers.
  const subscriptions = guardWrites(new SubscriptionRepository(db), "subscriptions", health);
  const reports = new ReportRepository(db, options.maxBytes);
  const indexer = new BackgroundIndexer(options.path, options.maxBytes);
  // A database in memory has no log to copy.
  const checkpoints = options.path === ":memory:" ? null : new QuietCheckpoints(db, health);
  return {
    reports,
    cache: new ResponseCache(db, options.cacheMaxEntries, health),
    chats: guardWrites(new ChatSettings(db), "chat settings", health),
    subscriptions,
    // The delivery loop's writes: a refusal is logged once as "reminders not saved", and
    // the loop tries again quietly each pass (a subscription moved by a delivery is part
    // of the same write, so it is not reported apart).
    deliveries: guardWrites(new DeliveryRepository(db, new SubscriptionRepository(db)), "reminders", health),
    leases: guardWrites(new LeaseRepository(db), "reminders", health),
    health,
    transaction: (work) => db.transaction(work)(),
    indexInBackground: (onError) => {
      if (reports.unindexed().length === 0) return;
      if (options.path === ":memory:") for (const id of reports.unindexed()) reports.reindex(id);
      else indexer.start(onError);
    },
    indexed: () => indexer.done(),
    checkpointIfIdle: (readingReports) => {
      checkpoints?.checkpointIfIdle(readingReports || indexer.running());
    },
    ping: () => {
      if (options.path !== ":memory:") return fileReadsAsDatabase(options.path);
      try {
        return db.prepare("SELECT 1 AS ok").get() !== undefined;
      } catch {
        return false;
      }
    },
    close: () => {
      indexer.stop();
      db.close();
    },
  };
}
