import type Database from "better-sqlite3";
import { ResponseCache } from "./cache.ts";
import { ChatSettings } from "./chats.ts";
import { openDatabase } from "./db.ts";
import { DeliveryRepository } from "./deliveries.ts";
import { ReportRepository } from "./reports.ts";
import { SubscriptionRepository } from "./subscriptions.ts";

export { StoreOpenError } from "./db.ts";
export type { DeliveryStatus, OpenDelivery, PlannedSlot } from "./deliveries.ts";
export type { IngestResult } from "./ingest.ts";
export { ingestFile, reportIdFor, syncDirectory } from "./ingest.ts";
export type { IngestOutcome, ReportContent, StoredReport } from "./reports.ts";
export type { Subscription } from "./subscriptions.ts";

/** The one handle the rest of the bot has on SQLite. */
export interface Store {
  reports: ReportRepository;
  cache: ResponseCache;
  chats: ChatSettings;
  subscriptions: SubscriptionRepository;
  deliveries: DeliveryRepository;
  /** Runs work in one transaction (bulk set-up; repositories use their own for single changes). */
  transaction<T>(work: () => T): T;
  /** True when the database answers a query. */
  ping(): boolean;
  close(): void;
}

export interface StoreOptions {
  path: string;
  cacheMaxEntries: number;
}

export function openStore(options: StoreOptions): Store {
  const db: Database.Database = openDatabase(options.path);
  const subscriptions = new SubscriptionRepository(db);
  return {
    reports: new ReportRepository(db),
    cache: new ResponseCache(db, options.cacheMaxEntries),
    chats: new ChatSettings(db),
    subscriptions,
    deliveries: new DeliveryRepository(db, subscriptions),
    transaction: (work) => db.transaction(work)(),
    ping: () => {
      try {
        return db.prepare("SELECT 1 AS ok").get() !== undefined;
      } catch {
        return false;
      }
    },
    close: () => db.close(),
  };
}
