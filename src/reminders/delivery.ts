import { chatKeyOf } from "../chat.ts";
import type { Logger } from "../log.ts";
import type { Knowledge } from "../query/knowledge.ts";
import type { OpenDelivery, PlannedSlot, Store, Subscription } from "../store/index.ts";
import { SendLimiter } from "./limiter.ts";
import type { Messenger, SendOutcome } from "./messenger.ts";
import type { ReminderOptions } from "./options.ts";
import { planSlot, type SlotTimes } from "./plan.ts";
import { itemAt, RESULTS, reminderAnswer } from "./reminder-text.ts";
import { afterSend } from "./retry.ts";
import { latestRun, nextRuns } from "./schedule.ts";

const PLAN_BATCH = 2_000;
const SEND_BATCH = 500;

/** A platform's way out: its messenger and how fast it may send. */
interface Channel {
  messenger: Messenger;
  limiter: SendLimiter;
}

/**
 * The delivery loop of work-plan reminders: each pass records the slots that came due as
 * delivery rows, then sends those rows through the platforms' messengers within their rate
 * limits. Every decision is recorded in SQLite before and after a send, so a restart neither
 * repeats a sent slot nor drops an unsent one. Which slot to record (plan.ts) and what to do
 * after a send (retry.ts) are decided by pure functions; this loop carries them out. Time
 * comes from `now`, so a fake clock drives it in tests.
 */
export class DeliveryLoop {
  private readonly channels = new Map<string, Channel>();
  private running: Promise<void> | null = null;
  private stopping = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Pick<Store, "subscriptions" | "deliveries">,
    private readonly knowledge: Knowledge,
    private readonly log: Logger,
    private readonly options: Pick<
      ReminderOptions,
      "graceSeconds" | "maxAttempts" | "backoffBaseMs" | "backoffMaxMs"
    >,
    private readonly now: () => number = Date.now,
  ) {}

  /** Lets reminders for a platform go out through its adapter. */
  attach(messenger: Messenger): void {
    this.channels.set(messenger.platform, { messenger, limiter: new SendLimiter(messenger.limits) });
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

  /** Records a slot for every subscription that came due (see planSlot). */
  planDueSlots(): void {
    const now = this.now();
    const graceMs = this.options.graceSeconds * 1000;
    // Many subscriptions share a schedule: work out each (pattern, zone) once per pass.
    const times = new Map<string, SlotTimes>();
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
        const plan = planSlot(s, timesOf(s), now, graceMs);
        if (plan.skipped)
          this.log.warn(
            { subscription: s.id, slot: new Date(plan.slot).toISOString() },
            "missed reminder skipped: older than the grace period",
          );
        else if (plan.catchUp)
          this.log.info(
            { subscription: s.id, missedSince: new Date(s.nextSlot).toISOString() },
            "catching up after downtime: one reminder for the latest slot",
          );
        return {
          subscriptionId: s.id,
          slot: plan.slot,
          nextSlot: plan.nextSlot,
          status: plan.skipped ? "skipped" : "pending",
          note: plan.skipped ? RESULTS.skipped : null,
        };
      });
      this.store.deliveries.plan(planned, now);
    }
  }

  /**
   * Sends open deliveries of each running platform (the rows of a platform that is not
   * running wait for it), reading only as many rows as its rate limit lets out now: a
   * broadcast to 10,000 chats costs a small read per second, not a scan of all of them.
   */
  private async deliver(): Promise<void> {
    for (const [platform, channel] of this.channels) {
      for (;;) {
        const budget = Math.min(SEND_BATCH, channel.limiter.available(this.now()));
        if (budget < 1) break;
        const batch = this.store.deliveries.open(this.now(), platform, budget);
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

  private async deliverOne(delivery: OpenDelivery, { messenger, limiter }: Channel): Promise<void> {
    const { subscription: sub, slot } = delivery;
    const { deliveries, subscriptions } = this.store;
    const report = this.knowledge.current(chatKeyOf(sub));
    const at = report ? itemAt(report, sub.cursor) : null;
    if (!report || !at) {
      deliveries.markFailed(sub.id, slot, RESULTS.noPlan, RESULTS.failed(RESULTS.noPlan));
      return;
    }
    // Recorded before sending: a crash from here to markSent leaves a 'sending' row that is
    // sent again at start-up (at least once), never a silently lost slot.
    deliveries.markSending(sub.id, slot);
    let outcome: SendOutcome;
    try {
      outcome = await messenger.send(sub, reminderAnswer(report, at.position, sub.id));
    } catch (error) {
      outcome = { kind: "transient", error: error instanceof Error ? error.message : String(error) };
    }
    const now = this.now();
    const decision = afterSend(outcome, delivery.attempts + 1, now, this.options);
    switch (decision.kind) {
      case "sent":
        deliveries.markSent(sub.id, slot, {
          itemPosition: at.position,
          nextCursor: at.position + 1,
          at: now,
          result: RESULTS.sent(at.position, at.total),
        });
        return;
      case "pause": {
        // Telegram's flood limit is for the bot as a whole: the other chats wait too.
        limiter.pause(decision.until);
        const why = RESULTS.rateLimited(decision.retryAfterSeconds);
        deliveries.retryLater(sub.id, slot, decision.until, why, RESULTS.retrying(why));
        return;
      }
      case "move": {
        subscriptions.moveChat(sub.platform, sub.chatId, decision.newChatId);
        const why = RESULTS.migrated(decision.newChatId);
        deliveries.retryLater(sub.id, slot, now, why, RESULTS.retrying(why));
        this.log.info({ subscription: sub.id, to: decision.newChatId }, "chat migrated: subscription moved");
        return;
      }
      case "deactivate":
        deliveries.markFailed(sub.id, slot, decision.error, RESULTS.failed(decision.error));
        subscriptions.deactivate(sub.id, decision.error, RESULTS.deactivated(decision.error));
        this.log.warn(
          { subscription: sub.id, error: decision.error },
          "subscription deactivated: chat unreachable",
        );
        return;
      case "fail":
        deliveries.markFailed(sub.id, slot, decision.error, RESULTS.failed(decision.error));
        this.log.error(
          { subscription: sub.id, error: decision.error, attempts: decision.attempts },
          "reminder failed for good",
        );
        return;
      case "retry":
        deliveries.retryLater(sub.id, slot, decision.at, decision.error, RESULTS.retrying(decision.error));
        return;
    }
  }
}
