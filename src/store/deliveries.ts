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

/**
 * Deliveries still to make: pending ones, and sending ones whose claim has expired (their
 * sender stopped, or was stopped, before it recorded the outcome).
 */
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
  /** The holder that last claimed it; with status "sending", its send was cut off. */
  claimedBy: string | null;
}

/** Who claims a delivery, while holding which lease, and until when its claim lasts. */
export interface Claim {
  holder: string;
  /** The lease the holder must hold for the claim to be granted. */
  lease: string;
  now: number;
  until: number;
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

const openRow = z.object({
  slot: z.number().int(),
  status: deliveryStatus,
  attempts: z.number().int(),
  claimed_by: z.string().nullable(),
});
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
 *
 * A delivery is sent by whoever claims it: a claim is granted only to the holder of the
 * delivery lease, and only while no other claim on the row runs; its outcome is recorded
 * only while the claim is still the holder's. So two processes never send one delivery at
 * once, and a process that lost its claim cannot overwrite what the new claimant records.
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
        `SELECT ${SUBSCRIPTION_COLUMNS}, d.slot, d.status, d.attempts, d.claimed_by
         FROM deliveries d CROSS JOIN subscriptions s ON s.id = d.subscription_id
         WHERE d.status IN (${OPEN_SQL}) AND d.not_before <= ? AND s.platform = ? AND s.active = 1
         ORDER BY d.not_before, d.slot, d.subscription_id LIMIT ?`,
      ),
      claim: db.prepare(
        `UPDATE deliveries SET status = 'sending', attempts = attempts + 1, claimed_by = @holder, not_before = @until
         WHERE subscription_id = @subscriptionId AND slot = @slot
           AND status IN (${OPEN_SQL}) AND not_before <= @now
           AND EXISTS (SELECT 1 FROM leases WHERE name = @lease AND holder = @holder AND expires_at > @now)`,
      ),
      sent: db.prepare(
        `UPDATE deliveries SET status = 'sent', item_position = ?, sent_at = ?, last_error = NULL
         WHERE subscription_id = ? AND slot = ? AND status = 'sending' AND claimed_by = ?`,
      ),
      retry: db.prepare(
        `UPDATE deliveries SET status = 'pending', not_before = ?, last_error = ?
         WHERE subscription_id = ? AND slot = ? AND status = 'sending' AND claimed_by = ?`,
      ),
      fail: db.prepare(
        `UPDATE deliveries SET status = 'failed', last_error = ?
         WHERE subscription_id = ? AND slot = ? AND status = 'sending' AND claimed_by = ?`,
      ),
      shift: db.prepare(
        `UPDATE deliveries SET not_before = not_before - ? WHERE status IN (${OPEN_SQL}) AND not_before > ?`,
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

  /**
   * A platform's deliveries to make now: pending ones, and sending ones whose claim has
   * expired. A claim that still runs keeps its row out (its not_before is the expiry).
   */
  open(now: number, platform: string, limit: number): OpenDelivery[] {
    return this.s.open.all(now, platform, limit).map((row) => {
      const r = openRow.parse(row);
      return {
        subscription: toSubscription(row),
        slot: r.slot,
        status: r.status,
        attempts: r.attempts,
        claimedBy: r.claimed_by,
      };
    });
  }

  /**
   * Claims a delivery before its message goes out, counting the attempt: granted only to
   * the holder of `claim.lease`, and only while the delivery is open (pending, or a claim
   * that has expired). False when another process has it, or this one no longer holds the lease.
   */
  claim(subscriptionId: number, slot: number, claim: Claim): boolean {
    return this.s.claim.run({ subscriptionId, slot, ...claim }).changes === 1;
  }

  /**
   * Records a sent delivery and moves the subscription's cursor past the item sent. False
   * (and nothing recorded) when the claim is no longer `holder`'s.
   */
  markSent(
    subscriptionId: number,
    slot: number,
    holder: string,
    sent: { itemPosition: number; nextCursor: number; at: number; result: string },
  ): boolean {
    return this.db.transaction(() => {
      if (this.s.sent.run(sent.itemPosition, sent.at, subscriptionId, slot, holder).changes === 0)
        return false;
      this.subscriptions.advance(subscriptionId, sent.nextCursor, sent.result);
      return true;
    })();
  }

  /**
   * Puts a claimed delivery back to pending until `notBefore`, with what went wrong and the
   * result to show. False when the claim is no longer `holder`'s.
   */
  retryLater(
    subscriptionId: number,
    slot: number,
    holder: string,
    retry: { notBefore: number; error: string; result: string },
  ): boolean {
    return this.db.transaction(() => {
      if (this.s.retry.run(retry.notBefore, retry.error, subscriptionId, slot, holder).changes === 0)
        return false;
      this.subscriptions.setResult(subscriptionId, retry.result);
      return true;
    })();
  }

  /** Gives a claimed delivery up, with what went wrong and the result to show. False when the claim is no longer `holder`'s. */
  markFailed(
    subscriptionId: number,
    slot: number,
    holder: string,
    failure: { error: string; result: string },
  ): boolean {
    return this.db.transaction(() => {
      if (this.s.fail.run(failure.error, subscriptionId, slot, holder).changes === 0) return false;
      this.subscriptions.setResult(subscriptionId, failure.result);
      return true;
    })();
  }

  /**
   * Moves the open deliveries due after `now` earlier by `byMs`: the clock stepped back by
   * that much, and each keeps the wait it had left (a retry's back-off, a claim). Returns
   * how many moved.
   */
  moveEarlier(byMs: number, now: number): number {
    return this.s.shift.run(byMs, now).changes;
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
