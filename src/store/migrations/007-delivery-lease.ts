import type { Migration } from "../migrate.ts";

/**
 * One deliverer at a time. Any number of processes may share the database; the one named
 * in the `reminders` row of `leases` delivers, until `expires_at` (UTC ms) unless it renews
 * it, and another takes the row over once it has lapsed. A delivery in flight is claimed:
 * `claimed_by` names the holder that sends it, and while it is 'sending' its `not_before`
 * is when the claim expires, so the open-deliveries index leaves it alone until then.
 * (Number 006 is the sentence index's.)
 */
export const deliveryLease: Migration = {
  version: 7,
  sql: `
    CREATE TABLE leases (
      name TEXT PRIMARY KEY,
      holder TEXT NOT NULL,
      expires_at INTEGER NOT NULL,
      acquired_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    ALTER TABLE deliveries ADD COLUMN claimed_by TEXT;
  `,
};
