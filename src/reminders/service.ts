import type { Answer } from "../answer/answer.ts";
import { type ChatTarget, chatKeyOf } from "../chat.ts";
import type { Logger } from "../log.ts";
import type { Knowledge } from "../query/knowledge.ts";
import type { OpenDelivery, PlannedSlot, Store, Subscription } from "../store/index.ts";
import { SendLimiter } from "./limiter.ts";
import type { Messenger } from "./messenger.ts";
import { itemAt, reminderAnswer } from "./reminder-text.ts";
import { DEFAULT_TIMEZONE, latestRun, nextRuns, type Schedule, shortestGapSeconds } from "./schedule.ts";

export type { Subscription } from "../store/index.ts";

export interface ReminderOptions {
  /** Schedules firing more often than this are refused. */
  minIntervalSeconds: number;
  /** A slot missed by less than this is still sent once on start-up; older ones are skipped. */
  graceSeconds: number;
  /** Attempts before a delivery is given up as failed. */
  maxAttempts: number;
  /** First retry delay after a transient failure; doubles on each attempt. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** The zone of a chat that has not set one. */
  defaultTimezone: string;
}

export const DEFAULT_REMINDER_OPTIONS: ReminderOptions = {
  minIntervalSeconds: 3600,
  graceSeconds: 12 * 3600,
  maxAttempts: 10,
  backoffBaseMs: 5_000,
  backoffMaxMs: 10 * 60_000,
  defaultTimezone: DEFAULT_TIMEZONE,
};

const PLAN_BATCH = 2_000;
const SEND_BATCH = 500;

/**
 * Work-plan reminders: subscribing, planning each due slot as a delivery row, and sending
 * those rows through the platforms' messengers within their rate limits. Every decision
 * is recorded in SQLite before and after a send, so a restart neither repeats a sent slot
 * nor drops an unsent one. Time comes from `now`, so a fake clock drives it in tests.
 */
export class ReminderService {
  private readonly messengers = new Map<string, { messenger: Messenger; limiter: SendLimiter }>();
  private running: Promise<void> | null = null;
  private stopping = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly knowledge: Knowledge,
    private readonly log: Logger,
    private readonly options: ReminderOptions = DEFAULT_REMINDER_OPTIONS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Lets reminders for a platform go out through its adapter. */
  attach(messenger: Messenger): void {
    this.messengers.set(messenger.platform, { messenger, limiter: new SendLimiter(messenger.limits) });
  }

  /** Checks how often a schedule fires; an error message when it is too often. */
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

  forChat(platform: string, chatId: string): Subscription[] {
    return this.store.subscriptions.forChat(platform, chatId);
  }

  unsubscribe(subscription: Subscription): void {
    this.store.subscriptions.remove(subscription.id);
    this.log.info({ subscription: subscription.id }, "unsubscribed");
  }

  /** The chat's time zone: its own setting, else the default. */
  timezoneOf(platform: string, chatId: string): string {
    return this.store.chats.timezoneOf(chatKeyOf({ platform, chatId })) ?? this.options.defaultTimezone;
  }

  /** Sets the chat's zone and moves its subscriptions to it, keeping their local times. */
  setTimezone(platform: string, chatId: string, timezone: string): void {
    this.store.chats.setTimezone(chatKeyOf({ platform, chatId }), timezone);
    for (const sub of this.forChat(platform, chatId)) {
      const nextSlot = nextRuns(sub.cron, timezone, this.now(), 1)[0] ?? Number.MAX_SAFE_INTEGER;
      this.store.subscriptions.reschedule(sub.id, timezone, nextSlot);
    }
  }

  /** The next run times of a subscription, from now. */
  upcoming(subscription: Subscription, n: number): number[] {
    return nextRuns(subscription.cron, subscription.timezone, this.now(), n);
  }

  /** The reminder a subscription would send next, or null when its report has no plan. */
  preview(subscription: Subscription): Answer | null {
    const report = this.knowledge.current(chatKeyOf(subscription));
    const at = report ? itemAt(report, subscription.cursor) : null;
    return report && at ? reminderAnswer(report, at.position, subscription.id) : null;
  }

  /** One pass: records the slots that came due, then sends what may be sent now. */
  tick(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    this.running ??= this.runTick().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Runs a pass every `intervalMs` until shutdown; a failed pass is logged and the next one runs. */
  start(intervalMs = 1000): void {
    this.timer = setInterval(() => {
      this.tick().catch((error: unknown) => this.log.error({ err: error }, "reminder pass failed"));
    }, intervalMs);
  }

  /**
   * Stops sending: the pass in progress finishes the message it is sending, records it,
   * and starts no other; what is left stays pending for the next start.
   */
  async shutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async runTick(): Promise<void> {
    this.planDueSlots();
    await this.deliver();
  }

  /**
   * For each due subscription, records the latest slot that has come (one catch-up after
   * downtime, not one per missed slot), skipped when it is older than the grace period.
   */
  planDueSlots(): void {
    const now = this.now();
    // Many subscriptions share a schedule: work out each (pattern, zone) once per pass.
    const times = new Map<string, { latest: number | null; next: number }>();
    const timesOf = (s: Subscription) => {
      const key = `${s.cron}|${s.timezone}`;
      let t = times.get(key);
      if (!t) {
        t = {
          latest: latestRun(s.cron, s.timezone, now),
          next: nextRuns(s.cron, s.timezone, now, 1)[0] ?? Number.MAX_SAFE_INTEGER,
        };
        times.set(key, t);
      }
      return t;
    };
    for (
      let due = this.store.subscriptions.due(now, PLAN_BATCH);
      due.length > 0;
      due = this.store.subscriptions.due(now, PLAN_BATCH)
    ) {
      const planned: PlannedSlot[] = due.map((s) => {
        const { latest, next: nextSlot } = timesOf(s);
        const slot = latest ?? s.nextSlot;
        const late = now - slot > this.options.graceSeconds * 1000;
        if (late)
          this.log.warn(
            { subscription: s.id, slot: new Date(slot).toISOString() },
            "missed reminder skipped: older than the grace period",
          );
        else if (slot > s.nextSlot)
          this.log.info(
            { subscription: s.id, missedSince: new Date(s.nextSlot).toISOString() },
            "catching up after downtime: one reminder for the latest slot",
          );
        return {
          subscriptionId: s.id,
          slot,
          nextSlot,
          status: late ? "skipped" : "pending",
          note: late ? "错过太久, 已跳过" : null,
        };
      });
      this.store.subscriptions.plan(planned, now);
    }
  }

  /**
   * Sends open deliveries of each running platform (the rows of a platform that is not
   * running wait for it), reading only as many rows as its rate limit lets out now: a
   * broadcast to 10,000 chats costs a small read per second, not a scan of all of them.
   */
  private async deliver(): Promise<void> {
    for (const [platform, channel] of this.messengers) {
      for (;;) {
        const budget = Math.min(SEND_BATCH, channel.limiter.available(this.now()));
        if (budget < 1) break;
        const batch = this.store.subscriptions.open(this.now(), platform, budget);
        let sent = 0;
        for (const delivery of batch) {
          if (this.stopping) return;
          // A chat over its own per-minute limit waits; its share of the budget goes unused this pass.
          if (!channel.limiter.tryTake(delivery.subscription.chatId, this.now())) continue;
          await this.deliverOne(delivery, channel);
          sent++;
        }
        if (batch.length < budget || sent === 0) break;
      }
    }
  }

  private async deliverOne(
    delivery: OpenDelivery,
    { messenger, limiter }: { messenger: Messenger; limiter: SendLimiter },
  ): Promise<void> {
    const { subscription: sub, slot } = delivery;
    const report = this.knowledge.current(chatKeyOf(sub));
    const at = report ? itemAt(report, sub.cursor) : null;
    if (!report || !at) {
      this.store.subscriptions.markFailed(sub.id, slot, "当前报告没有工作安排");
      return;
    }
    // Recorded before sending: a crash from here to markSent leaves a 'sending' row that is
    // sent again at start-up (at least once), never a silently lost slot.
    this.store.subscriptions.markSending(sub.id, slot);
    let outcome: Awaited<ReturnType<Messenger["send"]>>;
    try {
      outcome = await messenger.send(sub, reminderAnswer(report, at.position, sub.id));
    } catch (error) {
      outcome = { kind: "transient", error: error instanceof Error ? error.message : String(error) };
    }
    const now = this.now();
    const attempts = delivery.attempts + 1;
    switch (outcome.kind) {
      case "sent":
        this.store.subscriptions.markSent(
          sub.id,
          slot,
          at.position,
          at.position + 1,
          now,
          `已发送第${at.position + 1}/${at.total}项`,
        );
        return;
      case "rate_limited": {
        const until = now + outcome.retryAfterSeconds * 1000;
        // Telegram's flood limit is for the bot as a whole: the other chats wait too.
        limiter.pause(until);
        this.store.subscriptions.retryLater(
          sub.id,
          slot,
          until,
          `限流, ${outcome.retryAfterSeconds}秒后重试`,
        );
        return;
      }
      case "migrated":
        this.store.subscriptions.moveChat(sub.platform, sub.chatId, outcome.newChatId);
        this.store.subscriptions.retryLater(sub.id, slot, now, `群组已迁移到 ${outcome.newChatId}`);
        this.log.info({ subscription: sub.id, to: outcome.newChatId }, "chat migrated: subscription moved");
        return;
      case "gone":
        this.store.subscriptions.markFailed(sub.id, slot, outcome.error);
        this.store.subscriptions.deactivate(sub.id, outcome.error);
        this.log.warn(
          { subscription: sub.id, error: outcome.error },
          "subscription deactivated: chat unreachable",
        );
        return;
      case "transient": {
        if (attempts >= this.options.maxAttempts) {
          this.store.subscriptions.markFailed(sub.id, slot, outcome.error);
          this.log.error(
            { subscription: sub.id, error: outcome.error, attempts },
            "reminder failed for good",
          );
          return;
        }
        const wait = Math.min(this.options.backoffBaseMs * 2 ** (attempts - 1), this.options.backoffMaxMs);
        this.store.subscriptions.retryLater(sub.id, slot, now + wait, outcome.error);
        return;
      }
    }
  }
}
