/**
 * Reminders when the wall clock steps back (NTP correcting a clock that ran ahead, a VM
 * restored from a snapshot), on a fake clock: the schedule is worked out again from each
 * rule, with one log line, and a broadcast under way goes on at its pace.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Answer } from "../src/answer/answer.ts";
import type { ChatTarget } from "../src/chat.ts";
import { DeliveryLoop } from "../src/reminders/delivery.ts";
import type { Messenger, SendLimits, SendOutcome } from "../src/reminders/messenger.ts";
import { DEFAULT_REMINDER_OPTIONS } from "../src/reminders/options.ts";
import { parseSchedule } from "../src/reminders/schedule.ts";
import { Subscriptions } from "../src/reminders/subscriptions.ts";
import { makeTestApp } from "./helpers/app.ts";
import { FakeClock } from "./helpers/fake-clock.ts";
import { capturingLogger } from "./helpers/log.ts";

class RecordingMessenger implements Messenger {
  readonly platform = "telegram";
  readonly sent: { chatId: string; title: string; at: number }[] = [];
  /** Outcomes to answer with first, in order. */
  readonly script: SendOutcome[] = [];
  constructor(
    readonly limits: SendLimits,
    private readonly clock: FakeClock,
  ) {}
  async send(target: ChatTarget, answer: Answer): Promise<SendOutcome> {
    const outcome = this.script.shift() ?? { kind: "sent" };
    if (outcome.kind === "sent")
      this.sent.push({ chatId: target.chatId, title: answer.title, at: this.clock.now() });
    return outcome;
  }
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 30 November 2026, 09:00 in Shanghai. */
const MONDAY_0900 = Date.parse("2026-11-30T01:00:00Z");

let cleanup = () => {};
afterEach(() => cleanup());

async function setup(limits: SendLimits = { perSecond: 1000, perChatPerMinute: 1000 }) {
  const made = await makeTestApp();
  cleanup = made.cleanup;
  const clock = new FakeClock(MONDAY_0900 - 60_000);
  const { log, lines } = capturingLogger();
  const subscriptions = new Subscriptions(
    made.app.store,
    made.app.knowledge,
    log,
    DEFAULT_REMINDER_OPTIONS,
    clock.now,
  );
  const loop = new DeliveryLoop(made.app.store, made.app.knowledge, log, DEFAULT_REMINDER_OPTIONS, clock.now);
  const messenger = new RecordingMessenger(limits, clock);
  loop.attach(messenger);
  const subscribe = (chatId: string, words: string[]) => {
    const schedule = parseSchedule(words);
    if ("error" in schedule) throw new Error(schedule.error);
    return subscriptions.subscribe(
      { platform: "telegram", chatId, threadId: null },
      schedule,
      "Asia/Shanghai",
      "admin",
    ).subscription;
  };
  const stepLines = () => lines.filter((l) => l.msg.startsWith("clock stepped back"));
  return { store: made.app.store, clock, loop, messenger, subscribe, stepLines };
}

describe("a clock that steps back", () => {
  it("works the next slots out again from the rule, so none between the two times is skipped, with one log line", async () => {
    const { store, clock, loop, messenger, subscribe, stepLines } = await setup();
    const sub = subscribe("-100", ["daily", "09:00"]);
    clock.set(MONDAY_0900 + 30_000);
    await loop.tick();
    // The clock runs two days ahead (a bad time source): Wednesday's slot goes out early…
    clock.set(MONDAY_0900 + 2 * DAY + HOUR);
    await loop.tick();
    expect(store.subscriptions.get(sub.id)?.nextSlot).toBe(MONDAY_0900 + 3 * DAY);
    // …and is corrected back to Monday 10:00.
    clock.set(MONDAY_0900 + HOUR);
    await loop.tick();
    expect(stepLines()).toHaveLength(1);
    expect(stepLines()[0]).toMatchObject({
      level: 40,
      from: new Date(MONDAY_0900 + 2 * DAY + HOUR).toISOString(),
      to: new Date(MONDAY_0900 + HOUR).toISOString(),
      replanned: 1,
    });
    expect(store.subscriptions.get(sub.id)?.nextSlot).toBe(MONDAY_0900 + DAY);
    for (let day = 1; day <= 3; day++) {
      clock.set(MONDAY_0900 + day * DAY + 30_000);
      await loop.tick();
      await loop.tick();
    }
    // Tuesday's reminder is sent; Wednesday's went out already (each slot once); Thursday's follows.
    expect(messenger.sent.map((s) => [new Date(s.at).toISOString().slice(0, 10), s.title])).toEqual([
      ["2026-11-30", "2022年度工作安排 第1/8项"],
      ["2026-12-02", "2022年度工作安排 第2/8项"],
      ["2026-12-01", "2022年度工作安排 第3/8项"],
      ["2026-12-03", "2022年度工作安排 第4/8项"],
    ]);
    expect(stepLines()).toHaveLength(1);
  });

  it("lets a broadcast under way go on at its pace, not wait for the clock to come back", async () => {
    const { clock, loop, messenger, subscribe, stepLines } = await setup({
      perSecond: 10,
      perChatPerMinute: 20,
    });
    for (let i = 0; i < 60; i++) subscribe(`-${1000 + i}`, ["daily", "09:00"]);
    clock.set(MONDAY_0900 + 500);
    await loop.tick();
    expect(messenger.sent).toHaveLength(10);
    clock.set(MONDAY_0900 - HOUR + 1_500);
    // Ten a second from the step on (the second in which it stepped is not refilled).
    for (let pass = 0; pass < 6; pass++) {
      await loop.tick();
      clock.advance(1_000);
    }
    expect(messenger.sent).toHaveLength(60);
    expect(new Set(messenger.sent.map((s) => s.chatId)).size).toBe(60);
    expect(stepLines()).toHaveLength(1);
    expect(stepLines()[0]).toMatchObject({ deliveriesMoved: 50 });
  });

  it("keeps a pause the platform asked for to the wait it had left", async () => {
    const { clock, loop, messenger, subscribe } = await setup();
    subscribe("-100", ["daily", "09:00"]);
    messenger.script.push({ kind: "rate_limited", retryAfterSeconds: 30 });
    clock.set(MONDAY_0900 + 1_000);
    await loop.tick();
    expect(messenger.sent).toEqual([]);
    // Passes a second apart; at the next one the clock is an hour back: 30 s of the pause are left.
    clock.set(MONDAY_0900 - HOUR + 2_000);
    await loop.tick();
    clock.advance(29_000);
    await loop.tick();
    expect(messenger.sent).toEqual([]);
    clock.advance(2_000);
    await loop.tick();
    expect(messenger.sent).toHaveLength(1);
  });
});
