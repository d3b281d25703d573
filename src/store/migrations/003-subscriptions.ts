import type { Migration } from "../migrate.ts";

/**
 * Work-plan reminders. A subscription is one chat's schedule (a cron pattern in a time
 * zone) with a cursor into the plan; next_slot (UTC ms) is when it is next due, indexed so
 * planning a slot for 100,000 subscriptions is one range scan. A delivery is one
 * (subscription, slot) pair, unique, so a slot is recorded — and sent — at most once;
 * its status moves pending → sending → sent, or to failed/skipped, with attempts and the
 * last error kept for /subscriptions.
 */
export const subscriptions: Migration = {
  version: 3,
  sql: `
    CREATE TABLE subscriptions (
      id INTEGER PRIMARY KEY,
      platform TEXT NOT NULL,
      chat_id TEXT NOT NULL,
      thread_id TEXT,
      kind TEXT NOT NULL,
      cron TEXT NOT NULL,
      timezone TEXT NOT NULL,
      cursor INTEGER NOT NULL DEFAULT 0,
      next_slot INTEGER NOT NULL,
      active INTEGER NOT NULL DEFAULT 1,
      inactive_reason TEXT,
      last_result TEXT,
      created_by TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX subscriptions_due ON subscriptions(next_slot) WHERE active = 1;
    CREATE INDEX subscriptions_chat ON subscriptions(platform, chat_id);
    CREATE TABLE deliveries (
      subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
      slot INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
      attempts INTEGER NOT NULL DEFAULT 0,
      not_before INTEGER NOT NULL,
      last_error TEXT,
      item_position INTEGER,
      sent_at INTEGER,
      PRIMARY KEY (subscription_id, slot)
    ) WITHOUT ROWID;
    CREATE INDEX deliveries_open ON deliveries(not_before) WHERE status IN ('pending', 'sending');
  `,
};
