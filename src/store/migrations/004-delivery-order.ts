import type { Migration } from "../migrate.ts";

/**
 * The open deliveries in the order they are sent (oldest first, then by slot and
 * subscription), so a pass reads the few rows its rate limit lets out straight off the
 * index instead of sorting every open row of a 10,000-chat broadcast each second.
 */
export const deliveryOrder: Migration = {
  version: 4,
  sql: `
    DROP INDEX deliveries_open;
    CREATE INDEX deliveries_open ON deliveries(not_before, slot, subscription_id)
      WHERE status IN ('pending', 'sending');
  `,
};
