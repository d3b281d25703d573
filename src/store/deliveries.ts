import type Database from "better-sqlite3";
import { z } from "zod";
import {
  SUBSCRIPTION_COLUMNS,
  type Subscription,
  type SubscriptionRepository,
  toSubscription,
} from "./subscriptions.ts";

/**
 * What became of one (subscription, slot): pending → sending → sent, or failed, or skipped
 * (missed for too long while the bot was down).
 */
export const DELIVERY_STATUSES = ["pending", "sending", "sent", "failed", "skipped"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
const deliveryStatus = z.enum(DELIVERY_STATUSES);

/** Deliveries still to make: pending ones, and ones a crash left sending. */
const OPEN: readonly DeliveryStatus[] = ["pending", "sending"];
/**
 * The open statuses as SQL text, the same as in the partial index deliveries_open (migration
 * 004): SQLite uses a partial index only for a query whose WHERE spells out its condition,
 * which a bound parameter cannot.
 */
const OPEN_SQL = OPEN.map((status) => `'${status}'`).join(", ");

/** One recorded delivery of a subscription. */
export interface DeliveryRecord {
  slot: number;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  itemPosition: number | null;
}

/** A delivery still to make, with the subscription it belongs to. */
export interface OpenDelivery {
  subscription: Subscription;
  slot: number;
  status: DeliveryStatus;
  attempts: number;
}

/** A slot to record for a due subscription, and when the subscription is due next. */
export interface PlannedSlot {
  subscriptionId: number;
  slot: number;
  nextSlot: number;
  /** "skipped" records a slot missed for too long, so it is accounted for but not sent. */
  status: Extract<DeliveryStatus, "pending" | "skipped">;
  /** Why it was skipped, for the delivery's last error and the subscription's last result. */
  note: string | null;
}

const openRow = z.object({ slot: z.number().int(), status: deliveryStatus, attempts: z.number().int() });
const countRow = z.object({ status: deliveryStatus, n: z.number() });
const recordRow = z.object({
  slot: z.number(),
  status: deliveryStatus,
  attempts: z.number(),
  last_error: z.string().nullable(),
  item_position: z.number().nullable(),
});

/**
 * Deliveries of reminders in SQLite: each (subscription, slot) once, with its status,
 * attempts and last error. A delivery's outcome moves its subscription too (next slot,
 * cursor, last result), in the same transaction, through SubscriptionRepository.
 */
export class DeliveryRepository {
  private readonly s;

  constructor(
    private readonly db: Database.Database,
    private readonly subscriptions: SubscriptionRepository,
  ) {
    this.s = {
      insert: db.prepare(
        `INSERT OR IGNORE INTO deliveries (subscription_id, slot, status, not_before, last_error)
         VALUES (?, ?, ?, ?, ?)`,
      ),
      // CROSS JOIN keeps deliveries the outer loop: the rows come off deliveries_open in
      // sending order and the LIMIT stops the scan, with no sort of every open row.
      open: db.prepare(
        `SELECT ${SUBSCRIPTION_COLUMNS}, d.slot, d.status, d.attempts
         FROM deliveries d CROSS JOIN subscriptions s ON s.id = d.subscription_id
         WHERE d.status IN (${OPEN_SQL}) AND d.not_before <= ? AND s.platform = ? AND s.active = 1
         ORDER BY d.not_before, d.slot, d.subscription_id LIMIT ?`,
      ),
      attempt: db.prepare(
        "UPDATE deliveries SET status = ?, attempts = attempts + 1 WHERE subscription_id = ? AND slot = ?",
      ),
      sent: db.prepare(
        "UPDATE deliveries SET status = ?, item_position = ?, sent_at = ?, last_error = NULL WHERE subscription_id = ? AND slot = ?",
      ),
      retry: db.prepare(
        "UPDATE deliveries SET status = ?, not_before = ?, last_error = ? WHERE subscription_id = ? AND slot = ?",
      ),
      fail: db.prepare(
        "UPDATE deliveries SET status = ?, last_error = ? WHERE subscription_id = ? AND slot = ?",
      ),
      counts: db.prepare("SELECT status, count(*) AS n FROM deliveries GROUP BY status"),
      of: db.prepare(
        "SELECT slot, status, attempts, last_error, item_position FROM deliveries WHERE subscription_id = ? ORDER BY slot",
      ),
    };
  }

  /** Records slots and moves each subscription to its next slot, all in one transaction. */
  plan(slots: readonly PlannedSlot[], now: number): void {
    this.db.transaction(() => {
      for (const p of slots) {
        this.s.insert.run(p.subscriptionId, p.slot, p.status, now, p.note);
        this.subscriptions.setNextSlot(p.subscriptionId, p.nextSlot);
        // A skipped slot is news for whoever lists the chat's subscriptions.
        if (p.status === "skipped" && p.note) this.subscriptions.setResult(p.subscriptionId, p.note);
      }
    })();
  }

  /** A platform's deliveries to make now: pending ones, and ones left 'sending' by a crash. */
  open(now: number, platform: string, limit: number): OpenDelivery[] {
    return this.s.open
      .all(now, platform, limit)
      .map((row) => ({ subscription: toSubscription(row), ...openRow.parse(row) }));
  }

  /** Marks a delivery as being sent, before the message goes out. */
  markSending(subscriptionId: number, slot: number): void {
    this.s.attempt.run("sending" satisfies DeliveryStatus, subscriptionId, slot);
  }

  /** Records a sent delivery and moves the subscription's cursor past the item sent. */
  markSent(
    subscriptionId: number,
    slot: number,
    sent: { itemPosition: number; nextCursor: number; at: number; result: string },
  ): void {
    this.db.transaction(() => {
      this.s.sent.run("sent" satisfies DeliveryStatus, sent.itemPosition, sent.at, subscriptionId, slot);
      this.subscriptions.advance(subscriptionId, sent.nextCursor, sent.result);
    })();
  }

  /** Puts a delivery back to pending until `notBefore`, with what went wrong and the result to show. */
  retryLater(subscriptionId: number, slot: number, notBefore: number, error: string, result: string): void {
    this.db.transaction(() => {
      this.s.retry.run("pending" satisfies DeliveryStatus, notBefore, error, subscriptionId, slot);
      this.subscriptions.setResult(subscriptionId, result);
    })();
  }

  /** Gives a delivery up, with what went wrong and the result to show. */
  markFailed(subscriptionId: number, slot: number, error: string, result: string): void {
    this.db.transaction(() => {
      this.s.fail.run("failed" satisfies DeliveryStatus, error, subscriptionId, slot);
      this.subscriptions.setResult(subscriptionId, result);
    })();
  }

  /** How many deliveries are in each status, for metrics. */
  counts(): Record<DeliveryStatus, number> {
    const counts = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;
    for (const row of this.s.counts.all()) {
      const r = countRow.parse(row);
      counts[r.status] = r.n;
    }
    return counts;
  }

  /** Every delivery of one subscription, oldest first (for tests and diagnostics). */
  of(subscriptionId: number): DeliveryRecord[] {
    return this.s.of.all(subscriptionId).map((row) => {
      const r = recordRow.parse(row);
      return {
        slot: r.slot,
        status: r.status,
        attempts: r.attempts,
        lastError: r.last_error,
        itemPosition: r.item_position,
      };
    });
  }
}
