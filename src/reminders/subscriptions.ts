import type { Answer } from "../answer/answer.ts";
import { type ChatTarget, chatKeyOf } from "../chat.ts";
import type { Logger } from "../log.ts";
import type { Knowledge } from "../query/knowledge.ts";
import type { Store, Subscription } from "../store/index.ts";
import type { ReminderOptions } from "./options.ts";
import { itemAt, reminderAnswer } from "./reminder-text.ts";
import { nextRuns, type Schedule, shortestGapSeconds } from "./schedule.ts";

export type { Subscription } from "../store/index.ts";

/** A chat, as its reminders are filed under. */
export type ChatRef = Pick<ChatTarget, "platform" | "chatId">;

/**
 * What commands may do with a chat's reminders: subscribe, list, unsubscribe, set the zone,
 * preview. The delivery loop is not theirs to see.
 */
export interface ChatSubscriptions {
  /** The chat's subscriptions, stopped ones too, oldest first. */
  forChat(chat: ChatRef): Subscription[];
  /** Why a schedule may not be used (it fires too often, or never), or null when it may. */
  checkInterval(schedule: Schedule, timezone: string): string | null;
  /** Subscribes the chat; with the first three send times. */
  subscribe(
    target: ChatTarget,
    schedule: Schedule,
    timezone: string,
    createdBy: string,
  ): { subscription: Subscription; upcoming: number[] };
  unsubscribe(subscription: Subscription): void;
  /** The chat's time zone: its own setting, else the default. */
  timezoneOf(chat: ChatRef): string;
  /** Sets the chat's zone and moves its subscriptions to it, keeping their local times. */
  setTimezone(chat: ChatRef, timezone: string): void;
  /** When the subscription next sends, or null when its schedule never fires again. */
  nextRun(subscription: Subscription): number | null;
  /** The reminder the subscription would send next, or null when its report has no plan. */
  preview(subscription: Subscription): Answer | null;
}

/** Chats' reminder subscriptions, as commands manage them. Time comes from `now`. */
export class Subscriptions implements ChatSubscriptions {
  constructor(
    private readonly store: Pick<Store, "subscriptions" | "chats">,
    private readonly knowledge: Knowledge,
    private readonly log: Logger,
    private readonly options: Pick<ReminderOptions, "minIntervalSeconds" | "defaultTimezone">,
    private readonly now: () => number = Date.now,
  ) {}

  forChat(chat: ChatRef): Subscription[] {
    return this.store.subscriptions.forChat(chat.platform, chat.chatId);
  }

  checkInterval(schedule: Schedule, timezone: string): string | null {
    const gap = shortestGapSeconds(schedule.cron, timezone, this.now());
    if (!Number.isFinite(gap)) return "这个时间表不会再触发。";
    if (gap < this.options.minIntervalSeconds) {
      return `提醒太频繁了: 最短间隔为 ${this.options.minIntervalSeconds} 秒, 这个时间表每 ${gap} 秒一次。`;
    }
    return null;
  }

  subscribe(
    target: ChatTarget,
    schedule: Schedule,
    timezone: string,
    createdBy: string,
  ): { subscription: Subscription; upcoming: number[] } {
    const now = this.now();
    const upcoming = nextRuns(schedule.cron, timezone, now, 3);
    const subscription = this.store.subscriptions.create({
      ...target,
      kind: schedule.kind,
      cron: schedule.cron,
      timezone,
      nextSlot: upcoming[0] ?? Number.MAX_SAFE_INTEGER,
      createdBy,
      now,
    });
    this.log.info(
      { subscription: subscription.id, platform: target.platform, cron: schedule.cron, timezone },
      "subscribed",
    );
    return { subscription, upcoming };
  }

  unsubscribe(subscription: Subscription): void {
    this.store.subscriptions.remove(subscription.id);
    this.log.info({ subscription: subscription.id }, "unsubscribed");
  }

  timezoneOf(chat: ChatRef): string {
    return this.store.chats.timezoneOf(chatKeyOf(chat)) ?? this.options.defaultTimezone;
  }

  setTimezone(chat: ChatRef, timezone: string): void {
    this.store.chats.setTimezone(chatKeyOf(chat), timezone);
    for (const sub of this.forChat(chat)) {
      const nextSlot = nextRuns(sub.cron, timezone, this.now(), 1)[0] ?? Number.MAX_SAFE_INTEGER;
      this.store.subscriptions.reschedule(sub.id, timezone, nextSlot);
    }
  }

  nextRun(subscription: Subscription): number | null {
    return nextRuns(subscription.cron, subscription.timezone, this.now(), 1)[0] ?? null;
  }

  preview(subscription: Subscription): Answer | null {
    const report = this.knowledge.current(chatKeyOf(subscription));
    const at = report ? itemAt(report, subscription.cursor) : null;
    return report && at ? reminderAnswer(report, at.position, subscription.id) : null;
  }
}
