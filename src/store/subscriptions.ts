import type Database from "better-sqlite3";
import { z } from "zod";
import type { ChatTarget } from "../chat.ts";

export interface Subscription extends ChatTarget {
  id: number;
  kind: string;
  cron: string;
  timezone: string;
  /** Position in the plan of the next item to send, from 0. */
  cursor: number;
  /** When it is next due, UTC milliseconds. */
  nextSlot: number;
  active: boolean;
  inactiveReason: string | null;
  lastResult: string | null;
}

export type DeliveryStatus = "pending" | "sending" | "sent" | "failed" | "skipped";

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

const subscriptionRow = z.object({
  id: z.number().int(),
  platform: z.string(),
  chat_id: z.string(),
  thread_id: z.string().nullable(),
  kind: z.string(),
  cron: z.string(),
  timezone: z.string(),
  cursor: z.number().int(),
  next_slot: z.number().int(),
  active: z.number().int(),
  inactive_reason: z.string().nullable(),
  last_result: z.string().nullable(),
});

const deliveryRow = z.object({
  slot: z.number().int(),
  status: z.enum(["pending", "sending", "sent", "failed", "skipped"]),
  attempts: z.number().int(),
});

function toSubscription(row: unknown): Subscription {
  const r = subscriptionRow.parse(row);
  return {
    id: r.id,
    platform: r.platform,
    chatId: r.chat_id,
    threadId: r.thread_id,
    kind: r.kind,
    cron: r.cron,
    timezone: r.timezone,
    cursor: r.cursor,
    nextSlot: r.next_slot,
    active: r.active === 1,
    inactiveReason: r.inactive_reason,
    lastResult: r.last_result,
  };
}

const SUBSCRIPTION_COLUMNS =
  "s.id, s.platform, s.chat_id, s.thread_id, s.kind, s.cron, s.timezone, s.cursor, s.next_slot, s.active, s.inactive_reason, s.last_result";

/** A slot to record for a due subscription, and when the subscription is due next. */
export interface PlannedSlot {
  subscriptionId: number;
  slot: number;
  nextSlot: number;
  /** "skipped" records a slot missed for too long, so it is accounted for but not sent. */
  status: "pending" | "skipped";
  note: string | null;
}

/** Subscriptions and their deliveries in SQLite. */
export class SubscriptionRepository {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO subscriptions (platform, chat_id, thread_id, kind, cron, timezone, next_slot, created_by, created_at)
         VALUES (@platform, @chatId, @threadId, @kind, @cron, @timezone, @nextSlot, @createdBy, @createdAt)`,
      ),
      get: db.prepare(`SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions s WHERE s.id = ?`),
      forChat: db.prepare(
        `SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions s WHERE s.platform = ? AND s.chat_id = ? ORDER BY s.id`,
      ),
      remove: db.prepare("DELETE FROM subscriptions WHERE id = ?"),
      due: db.prepare(
        `SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions s WHERE s.active = 1 AND s.next_slot <= ? ORDER BY s.next_slot LIMIT ?`,
      ),
      insertDelivery: db.prepare(
        `INSERT OR IGNORE INTO deliveries (subscription_id, slot, status, not_before, last_error)
         VALUES (?, ?, ?, ?, ?)`,
      ),
      setNextSlot: db.prepare("UPDATE subscriptions SET next_slot = ? WHERE id = ?"),
      reschedule: db.prepare("UPDATE subscriptions SET timezone = ?, next_slot = ? WHERE id = ?"),
      // CROSS JOIN keeps deliveries the outer loop: the rows come off deliveries_open in
      // sending order and the LIMIT stops the scan, with no sort of every open row.
      open: db.prepare(
        `SELECT ${SUBSCRIPTION_COLUMNS}, d.slot, d.status, d.attempts
         FROM deliveries d CROSS JOIN subscriptions s ON s.id = d.subscription_id
         WHERE d.status IN ('pending', 'sending') AND d.not_before <= ? AND s.platform = ? AND s.active = 1
         ORDER BY d.not_before, d.slot, d.subscription_id LIMIT ?`,
      ),
      markSending: db.prepare(
        "UPDATE deliveries SET status = 'sending', attempts = attempts + 1 WHERE subscription_id = ? AND slot = ?",
      ),
      markSent: db.prepare(
        "UPDATE deliveries SET status = 'sent', item_position = ?, sent_at = ?, last_error = NULL WHERE subscription_id = ? AND slot = ?",
      ),
      advance: db.prepare("UPDATE subscriptions SET cursor = ?, last_result = ? WHERE id = ?"),
      retry: db.prepare(
        "UPDATE deliveries SET status = 'pending', not_before = ?, last_error = ? WHERE subscription_id = ? AND slot = ?",
      ),
      fail: db.prepare(
        "UPDATE deliveries SET status = 'failed', last_error = ? WHERE subscription_id = ? AND slot = ?",
      ),
      result: db.prepare("UPDATE subscriptions SET last_result = ? WHERE id = ?"),
      deactivate: db.prepare(
        "UPDATE subscriptions SET active = 0, inactive_reason = ?, last_result = ? WHERE id = ?",
      ),
      moveChat: db.prepare("UPDATE subscriptions SET chat_id = ? WHERE platform = ? AND chat_id = ?"),
      counts: db.prepare("SELECT status, count(*) AS n FROM deliveries GROUP BY status"),
      deliveriesOf: db.prepare(
        "SELECT slot, status, attempts, last_error, item_position FROM deliveries WHERE subscription_id = ? ORDER BY slot",
      ),
    };
  }

  create(
    input: ChatTarget & {
      kind: string;
      cron: string;
      timezone: string;
      nextSlot: number;
      createdBy: string;
      now: number;
    },
  ): Subscription {
    const info = this.s.insert.run({ ...input, createdAt: input.now });
    return this.get(Number(info.lastInsertRowid)) as Subscription;
  }

  get(id: number): Subscription | null {
    const row = this.s.get.get(id);
    return row === undefined ? null : toSubscription(row);
  }

  forChat(platform: string, chatId: string): Subscription[] {
    return this.s.forChat.all(platform, chatId).map(toSubscription);
  }

  remove(id: number): void {
    this.s.remove.run(id);
  }

  reschedule(id: number, timezone: string, nextSlot: number): void {
    this.s.reschedule.run(timezone, nextSlot, id);
  }

  /** Active subscriptions due at or before `now`, soonest first. */
  due(now: number, limit: number): Subscription[] {
    return this.s.due.all(now, limit).map(toSubscription);
  }

  /** Records slots and moves each subscription to its next slot, all in one transaction. */
  plan(slots: PlannedSlot[], now: number): void {
    this.db.transaction(() => {
      for (const p of slots) {
        this.s.insertDelivery.run(p.subscriptionId, p.slot, p.status, now, p.note);
        this.s.setNextSlot.run(p.nextSlot, p.subscriptionId);
        // A skipped slot is news for whoever lists the chat's subscriptions.
        if (p.status === "skipped" && p.note) this.s.result.run(p.note, p.subscriptionId);
      }
    })();
  }

  /** A platform's deliveries to make now: pending ones, and ones left 'sending' by a crash. */
  open(now: number, platform: string, limit: number): OpenDelivery[] {
    return this.s.open
      .all(now, platform, limit)
      .map((row) => ({ subscription: toSubscription(row), ...deliveryRow.parse(row) }));
  }

  /** Marks a delivery as being sent, before the message goes out. */
  markSending(subscriptionId: number, slot: number): void {
    this.s.markSending.run(subscriptionId, slot);
  }

  /** Records a sent delivery and moves the subscription's cursor past the item sent. */
  markSent(
    subscriptionId: number,
    slot: number,
    itemPosition: number,
    nextCursor: number,
    now: number,
    result: string,
  ): void {
    this.db.transaction(() => {
      this.s.markSent.run(itemPosition, now, subscriptionId, slot);
      this.s.advance.run(nextCursor, result, subscriptionId);
    })();
  }

  retryLater(subscriptionId: number, slot: number, notBefore: number, error: string): void {
    this.db.transaction(() => {
      this.s.retry.run(notBefore, error, subscriptionId, slot);
      this.s.result.run(`重试中: ${error}`, subscriptionId);
    })();
  }

  markFailed(subscriptionId: number, slot: number, error: string): void {
    this.db.transaction(() => {
      this.s.fail.run(error, subscriptionId, slot);
      this.s.result.run(`失败: ${error}`, subscriptionId);
    })();
  }

  /** Stops a subscription whose chat is gone or closed to the bot; it stays listed with the reason. */
  deactivate(subscriptionId: number, reason: string): void {
    this.s.deactivate.run(reason, `已停用: ${reason}`, subscriptionId);
  }

  /** Moves a chat's subscriptions to its new id (a Telegram group upgraded to a supergroup). */
  moveChat(platform: string, fromChatId: string, toChatId: string): void {
    this.s.moveChat.run(toChatId, platform, fromChatId);
  }

  /** How many deliveries are in each status, for metrics. */
  deliveryCounts(): Record<DeliveryStatus, number> {
    const counts: Record<DeliveryStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0 };
    for (const row of this.s.counts.all()) {
      const r = z
        .object({ status: z.enum(["pending", "sending", "sent", "failed", "skipped"]), n: z.number() })
        .parse(row);
      counts[r.status] = r.n;
    }
    return counts;
  }

  /** Every delivery of one subscription, oldest first (for tests and diagnostics). */
  deliveries(subscriptionId: number): DeliveryRecord[] {
    return this.s.deliveriesOf.all(subscriptionId).map((row) => {
      const r = z
        .object({
          slot: z.number(),
          status: z.enum(["pending", "sending", "sent", "failed", "skipped"]),
          attempts: z.number(),
          last_error: z.string().nullable(),
          item_position: z.number().nullable(),
        })
        .parse(row);
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
