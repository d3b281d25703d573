import type Database from "better-sqlite3";
import { BackgroundIndexer } from "./background-index.ts";
import { ResponseCache } from "./cache.ts";
import { ChatSettings } from "./chats.ts";
import { openDatabase } from "./db.ts";
import { ReportRepository } from "./reports.ts";
import { SubscriptionRepository } from "./subscriptions.ts";

export { StoreOpenError } from "./db.ts";
export type { IngestResult } from "./ingest.ts";
export { ingestFile, reportIdFor, syncDirectory } from "./ingest.ts";
export type { IngestOutcome, ReportContent, StoredReport } from "./reports.ts";
export type { OpenDelivery, PlannedSlot, Subscription } from "./subscriptions.ts";

/** The one handle the rest of the bot has on SQLite. */
export interface Store {
  reports: ReportRepository;
  cache: ResponseCache;
  chats: ChatSettings;
  subscriptions: SubscriptionRepository;
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
  /** True when the database answers a query. */
  ping(): boolean;
  /** Stops the background indexer and closes the database. */
  close(): void;
}

export interface StoreOptions {
  path: string;
  cacheMaxEntries: number;
}

export function openStore(options: StoreOptions): Store {
  const db: Database.Database = openDatabase(options.path);
  const reports = new ReportRepository(db);
  const indexer = new BackgroundIndexer(options.path);
  return {
    reports,
    cache: new ResponseCache(db, options.cacheMaxEntries),
    chats: new ChatSettings(db),
    subscriptions: new SubscriptionRepository(db),
    transaction: (work) => db.transaction(work)(),
    indexInBackground: (onError) => {
      if (reports.unindexed().length === 0) return;
      if (options.path === ":memory:") for (const id of reports.unindexed()) reports.reindex(id);
      else indexer.start(onError);
    },
    indexed: () => indexer.done(),
    ping: () => {
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
