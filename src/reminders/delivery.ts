import { chatKeyOf } from "../chat.ts";
import { describeError, type Logger } from "../log.ts";
import type { Knowledge } from "../query/knowledge.ts";
import {
  type OpenDelivery,
  type PlannedSlot,
  StorageWriteError,
  type Store,
  type Subscription,
} from "../store/index.ts";
import { DELIVERY_LEASE, DeliveryLease, type LeaseState, newHolderId } from "./lease.ts";
import { SendLimiter } from "./limiter.ts";
import type { Messenger, SendOutcome } from "./messenger.ts";
import type { ReminderOptions } from "./options.ts";
import { clockStepBack, planSlot, type SlotTimes } from "./plan.ts";
import { itemAt, RESULTS, reminderAnswer } from "./reminder-text.ts";
import { afterSend, type SendDecision } from "./retry.ts";
import { latestRun, nextRuns } from "./schedule.ts";

const PLAN_BATCH = 2_000;
const SEND_BATCH = 500;
/**
 * A claim outlasts the send it covers by this much: a send given up at its timeout still
 * takes a moment to end and be recorded, and no other process may start it again before.
 */
const CLAIM_MARGIN_MS = 5_000;

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
 *
 * Processes sharing the database take turns: only the holder of the delivery lease
 * (lease.ts) plans and sends, and each delivery is claimed before it goes out, for as long
 * as its send may take (the lease's time, after which the send is given up) and a margin.
 * No other process sends it while the claim runs, so the only reminder a process that
 * dies (kill -9, power loss, the shutdown deadline) can leave to be sent twice is the one
 * it had in flight, once its claim has expired.
 */
export class DeliveryLoop {
  private readonly channels = new Map<string, Channel>();
  private readonly lease: DeliveryLease;
  private readonly sendTimeoutMs: number;
  private readonly claimMs: number;
  private running: Promise<void> | null = null;
  private stopping = false;
  /** Set at the shutdown deadline: the send in flight is left to its claim, its outcome not recorded. */
  private abandoned = false;
  private timer: NodeJS.Timeout | null = null;
  /** The send under way and when its claim expires, for the shutdown deadline's log line. */
  private inFlight: { subscription: number; slot: number; claimedUntil: number } | null = null;
  /**
   * An outcome the storage refused to record (a full disk). It is recorded before anything
   * else is sent, so the message that went out is not sent again once its claim expires.
   */
  private unrecorded: (() => void) | null = null;
  /** Whether the last pass met a storage fault; the next pass that writes reports the recovery. */
  private storageFailed = false;
  /** The last error a pass failed with, logged once until a pass works again. */
  private lastFailure: string | null = null;
  private lastPassAt: number | null = null;

  constructor(
    private readonly store: Pick<Store, "subscriptions" | "deliveries" | "leases" | "health">,
    private readonly knowledge: Knowledge,
    private readonly log: Logger,
    private readonly options: Pick<
      ReminderOptions,
      "graceSeconds" | "maxAttempts" | "backoffBaseMs" | "backoffMaxMs" | "leaseSeconds"
    >,
    private readonly now: () => number = Date.now,
    /** This process as a lease holder; tests give two loops on one database names of their own. */
    holder: string = newHolderId(),
  ) {
    const leaseMs = options.leaseSeconds * 1000;
    this.lease = new DeliveryLease(store.leases, holder, leaseMs, log);
    this.sendTimeoutMs = leaseMs;
    this.claimMs = leaseMs + CLAIM_MARGIN_MS;
  }

  /** Lets reminders for a platform go out through its adapter. */
  attach(messenger: Messenger): void {
    this.channels.set(messenger.platform, { messenger, limiter: new SendLimiter(messenger.limits) });
  }

  /** Whether this process holds the delivery lease now (for /healthz). */
  holdsLease(): boolean {
    return this.lease.holds(this.now());
  }

  /**
   * One pass: records the slots that came due, then sends what may be sent now, if this
   * process holds the delivery lease. A pass called while one runs joins it, renewing the
   * lease for it (one send may take a while).
   */
  tick(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    if (this.running) {
      try {
        this.lease.keep(this.now());
      } catch (error) {
        if (error instanceof StorageWriteError) this.storageFailed = true;
        else this.passFailed(error);
      }
      return this.running;
    }
    this.running = this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /**
   * Runs a pass every `intervalMs` until shutdown. Storage faults are logged once by the
   * store's health (and retried each pass without a word); any other failure is logged
   * once until a pass works again.
   */
  start(intervalMs = 1000): void {
    this.timer = setInterval(() => {
      this.tick().then(
        () => this.passWorked(),
        (error: unknown) => this.passFailed(error),
      );
    }, intervalMs);
  }

  /**
   * Stops sending: the pass in progress finishes the message it is sending, records it,
   * and starts no other; the lease is given up so another process delivers at once. What
   * is left stays pending for it, or for the next start.
   */
  async shutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => {});
    this.releaseLease();
  }

  /**
   * The shutdown deadline came with a send still in flight: as after a crash, that one
   * reminder stays claimed until its claim expires and is then sent again by whoever
   * delivers (the chat may get it twice); nothing else is. The lease is given up now, so
   * another process goes on with the other reminders at once.
   */
  abandon(): void {
    this.stopping = true;
    this.abandoned = true;
    if (this.timer) clearInterval(this.timer);
    if (this.inFlight) {
      this.log.warn(
        { ...this.inFlight, claimedUntil: new Date(this.inFlight.claimedUntil).toISOString() },
        "a reminder was still being sent at the shutdown deadline: it is sent again once its claim expires, so the chat may get it twice",
      );
    }
    this.releaseLease();
  }

  private async pass(): Promise<void> {
    try {
      this.unrecorded?.();
      this.unrecorded = null;
      const now = this.now();
      const state = this.lease.keep(now);
      const previousPass = this.lastPassAt;
      this.lastPassAt = now;
      if (state === "elsewhere") return;
      this.followClock(previousPass, now, state);
      this.planDueSlots();
      await this.deliver();
    } catch (error) {
      // A write the storage refused was logged once by the store's health: the pass ends
      // quietly and the next one tries again.
      if (!(error instanceof StorageWriteError)) throw error;
      this.storageFailed = true;
      return;
    }
    if (this.storageFailed) {
      this.storageFailed = false;
      this.store.health.worked();
    }
  }

  private passWorked(): void {
    if (this.lastFailure === null) return;
    this.lastFailure = null;
    this.log.info("reminder passes work again");
  }

  private passFailed(error: unknown): void {
    const text = describeError(error);
    if (text === this.lastFailure) return;
    this.lastFailure = text;
    this.log.error({ err: text }, "reminder pass failed");
  }

  private releaseLease(): void {
    try {
      this.lease.release();
    } catch (error) {
      // It lapses by itself; another process takes over then.
      this.log.warn({ err: describeError(error) }, "reminder lease not released");
    }
  }

  /**
   * A clock that stepped back left next slots worked out while it was ahead: they are
   * worked out again from each schedule's rule, deliveries waiting keep the wait they had
   * left, and so do the send limits. One log line. A process that has just taken the lease
   * does the same for the slots stored while it was not delivering (no line when none moved).
   */
  private followClock(previousPass: number | null, now: number, state: LeaseState): void {
    const back = clockStepBack(previousPass, now);
    if (back > 0) {
      const replanned = this.replan(now);
      const deliveriesMoved = this.store.deliveries.moveEarlier(back, now);
      for (const { limiter } of this.channels.values()) limiter.clockSteppedBack(back);
      this.log.warn(
        {
          from: new Date(now + back).toISOString(),
          to: new Date(now).toISOString(),
          replanned,
          deliveriesMoved,
        },
        "clock stepped back: reminder schedules re-planned from their rules",
      );
    } else if (state === "acquired") {
      const replanned = this.replan(now);
      if (replanned > 0)
        this.log.warn(
          { replanned },
          "clock behind the stored schedule: reminder schedules re-planned from their rules",
        );
    }
  }

  /**
   * Brings every subscription due later than its rule says from `now` to the rule's next
   * run; returns how many moved. A slot already recorded is not sent again (each
   * (subscription, slot) is recorded once); a slot the stored time would have jumped over is.
   */
  private replan(now: number): number {
    let moved = 0;
    for (const { cron, timezone } of this.store.subscriptions.schedules()) {
      const next = nextRuns(cron, timezone, now, 1)[0];
      if (next !== undefined) moved += this.store.subscriptions.pullForward(cron, timezone, next);
    }
    return moved;
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
   * It stops as soon as the lease is another process's.
   */
  private async deliver(): Promise<void> {
    for (const [platform, channel] of this.channels) {
      for (;;) {
        const budget = Math.min(SEND_BATCH, channel.limiter.available(this.now()));
        if (budget < 1) break;
        const batch = this.store.deliveries.open(this.now(), platform, budget);
        let sent = 0;
        for (const delivery of batch) {
          if (this.stopping || this.lease.keep(this.now()) === "elsewhere") return;
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
    const holder = this.lease.holder;
    const claimedAt = this.now();
    const claimedUntil = claimedAt + this.claimMs;
    // Claimed before sending: another process leaves it alone until the claim expires, and
    // a crash from here to the outcome leaves it to be sent again after that (at least
    // once), never silently lost.
    const claim = { holder, lease: DELIVERY_LEASE, now: claimedAt, until: claimedUntil };
    if (!this.store.deliveries.claim(sub.id, slot, claim)) return;
    if (delivery.status === "sending" && delivery.claimedBy !== null)
      this.log.warn(
        { subscription: sub.id, slot: new Date(slot).toISOString(), claimedBy: delivery.claimedBy },
        "sending again a reminder whose sender stopped before recording it: the chat may get it twice",
      );
    const report = this.knowledge.current(chatKeyOf(sub));
    const at = report ? itemAt(report, sub.cursor) : null;
    if (!report || !at) {
      this.record(() => {
        this.store.deliveries.markFailed(sub.id, slot, holder, {
          error: RESULTS.noPlan,
          result: RESULTS.failed(RESULTS.noPlan),
        });
      });
      return;
    }
    this.inFlight = { subscription: sub.id, slot, claimedUntil };
    let outcome: SendOutcome;
    try {
      outcome = await messenger.send(
        sub,
        reminderAnswer(report, at.position, sub.id),
        AbortSignal.timeout(this.sendTimeoutMs),
      );
    } catch (error) {
      outcome = { kind: "transient", error: error instanceof Error ? error.message : String(error) };
    } finally {
      this.inFlight = null;
    }
    // Past the shutdown deadline the store may be closed: the claim stands for what happened.
    if (this.abandoned) return;
    const now = this.now();
    const decision = afterSend(outcome, delivery.attempts + 1, now, this.options);
    // A 429 is for the bot as a whole: the other chats wait too, recorded or not.
    if (decision.kind === "pause") limiter.pause(decision.until);
    this.record(() => this.apply(decision, sub, slot, at, now));
  }

  /**
   * Records an outcome; when the storage refuses (a full disk) it is kept and recorded
   * first thing in the next pass, and the refusal ends this pass.
   */
  private record(write: () => void): void {
    this.unrecorded = write;
    write();
    this.unrecorded = null;
  }

  /** Carries a decision out in the store; logged once it is recorded. */
  private apply(
    decision: SendDecision,
    sub: Subscription,
    slot: number,
    at: { position: number; total: number },
    now: number,
  ): void {
    const { deliveries, subscriptions } = this.store;
    const holder = this.lease.holder;
    const retry = (notBefore: number, error: string) =>
      deliveries.retryLater(sub.id, slot, holder, { notBefore, error, result: RESULTS.retrying(error) });
    const fail = (error: string) =>
      deliveries.markFailed(sub.id, slot, holder, { error, result: RESULTS.failed(error) });
    let recorded: boolean;
    switch (decision.kind) {
      case "sent":
        recorded = deliveries.markSent(sub.id, slot, holder, {
          itemPosition: at.position,
          nextCursor: at.position + 1,
          at: now,
          result: RESULTS.sent(at.position, at.total),
        });
        break;
      case "pause":
        recorded = retry(decision.until, RESULTS.rateLimited(decision.retryAfterSeconds));
        break;
      case "move":
        subscriptions.moveChat(sub.platform, sub.chatId, decision.newChatId);
        recorded = retry(now, RESULTS.migrated(decision.newChatId));
        this.log.info({ subscription: sub.id, to: decision.newChatId }, "chat migrated: subscription moved");
        break;
      case "deactivate":
        recorded = fail(decision.error);
        subscriptions.deactivate(sub.id, decision.error, RESULTS.deactivated(decision.error));
        this.log.warn(
          { subscription: sub.id, error: decision.error },
          "subscription deactivated: chat unreachable",
        );
        break;
      case "fail":
        recorded = fail(decision.error);
        this.log.error(
          { subscription: sub.id, error: decision.error, attempts: decision.attempts },
          "reminder failed for good",
        );
        break;
      case "retry":
        recorded = retry(decision.at, decision.error);
        break;
    }
    if (!recorded)
      this.log.warn(
        { subscription: sub.id, slot: new Date(slot).toISOString(), outcome: decision.kind },
        "outcome of a reminder not recorded: its claim had expired and another process took it over",
      );
  }
}
