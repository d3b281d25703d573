import type Database from "better-sqlite3";
import { z } from "zod";
import type { ChatTarget } from "../chat.ts";

/** One chat's reminder schedule, with its place in the plan and how its last delivery went. */
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
  /** How the last delivery went, as the reminders worded it for /subscriptions. */
  lastResult: string | null;
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

const scheduleRow = z.object({ cron: z.string(), timezone: z.string() });

/** A subscription from a row that holds SUBSCRIPTION_COLUMNS (alone, or joined to its deliveries). */
export function toSubscription(row: unknown): Subscription {
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

/** The columns of a subscription, from the table aliased `s`. */
export const SUBSCRIPTION_COLUMNS =
  "s.id, s.platform, s.chat_id, s.thread_id, s.kind, s.cron, s.timezone, s.cursor, s.next_slot, s.active, s.inactive_reason, s.last_result";

/** What a new subscription is made of. */
export interface NewSubscription extends ChatTarget {
  kind: string;
  cron: string;
  timezone: string;
  nextSlot: number;
  createdBy: string;
  now: number;
}

/** Chats' reminder schedules in SQLite (their deliveries are in DeliveryRepository). */
export class SubscriptionRepository {
  private readonly s;

  constructor(db: Database.Database) {
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
      setNextSlot: db.prepare("UPDATE subscriptions SET next_slot = ? WHERE id = ?"),
      schedules: db.prepare("SELECT DISTINCT cron, timezone FROM subscriptions WHERE active = 1"),
      pullForward: db.prepare(
        "UPDATE subscriptions SET next_slot = ? WHERE active = 1 AND cron = ? AND timezone = ? AND next_slot > ?",
      ),
      reschedule: db.prepare("UPDATE subscriptions SET timezone = ?, next_slot = ? WHERE id = ?"),
      advance: db.prepare("UPDATE subscriptions SET cursor = ?, last_result = ? WHERE id = ?"),
      result: db.prepare("UPDATE subscriptions SET last_result = ? WHERE id = ?"),
      deactivate: db.prepare(
        "UPDATE subscriptions SET active = 0, inactive_reason = ?, last_result = ? WHERE id = ?",
      ),
      moveChat: db.prepare("UPDATE subscriptions SET chat_id = ? WHERE platform = ? AND chat_id = ?"),
    };
  }

  create(input: NewSubscription): Subscription {
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

  /** Moves a subscription to another zone, due next at `nextSlot`. */
  reschedule(id: number, timezone: string, nextSlot: number): void {
    this.s.reschedule.run(timezone, nextSlot, id);
  }

  /** Active subscriptions due at or before `now`, soonest first. */
  due(now: number, limit: number): Subscription[] {
    return this.s.due.all(now, limit).map(toSubscription);
  }

  setNextSlot(id: number, nextSlot: number): void {
    this.s.setNextSlot.run(nextSlot, id);
  }

  /** The schedules (pattern and zone) of the active subscriptions, each once. */
  schedules(): { cron: string; timezone: string }[] {
    return this.s.schedules.all().map((row) => scheduleRow.parse(row));
  }

  /**
   * Brings the subscriptions of one schedule that are due later than `nextSlot` forward to
   * it (a next slot worked out while the clock was ahead); returns how many moved.
   */
  pullForward(cron: string, timezone: string, nextSlot: number): number {
    return this.s.pullForward.run(nextSlot, cron, timezone, nextSlot).changes;
  }

  /** Moves the cursor past the item sent, with the result to show. */
  advance(id: number, cursor: number, result: string): void {
    this.s.advance.run(cursor, result, id);
  }

  setResult(id: number, result: string): void {
    this.s.result.run(result, id);
  }

  /** Stops a subscription whose chat is gone or closed to the bot; it stays listed with the reason. */
  deactivate(id: number, reason: string, result: string): void {
    this.s.deactivate.run(reason, result, id);
  }

  /** Moves a chat's subscriptions to its new id (a Telegram group upgraded to a supergroup). */
  moveChat(platform: string, fromChatId: string, toChatId: string): void {
    this.s.moveChat.run(toChatId, platform, fromChatId);
  }
}
