import type { Migration } from "../migrate.ts";

/**
 * Answers cached per (command, normalised arguments, report version), bounded by LRU on
 * last_used; counters for the hit rate; and each chat's chosen report.
 */
export const cacheAndChats: Migration = {
  version: 2,
  sql: `
    CREATE TABLE response_cache (
      key TEXT PRIMARY KEY,
      report_id TEXT NOT NULL,
      answer TEXT NOT NULL,
      hits INTEGER NOT NULL DEFAULT 0,
      last_used INTEGER NOT NULL
    );
    CREATE INDEX response_cache_lru ON response_cache(last_used);
    CREATE TABLE counters (
      name TEXT PRIMARY KEY,
      value INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE chat_settings (
      chat_key TEXT PRIMARY KEY,
      report_id TEXT,
      timezone TEXT
    ) WITHOUT ROWID;
  `,
};
