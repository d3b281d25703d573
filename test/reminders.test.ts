import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Answer } from "../src/answer/answer.ts";
import type { App } from "../src/app.ts";
import type { ChatTarget } from "../src/chat.ts";
import type { Invocation } from "../src/command/types.ts";
import { createLogger } from "../src/log.ts";
import { DeliveryLoop } from "../src/reminders/delivery.ts";
import type { Messenger, SendOutcome } from "../src/reminders/messenger.ts";
import { DEFAULT_REMINDER_OPTIONS, type ReminderOptions } from "../src/reminders/options.ts";
import { nextRuns, parseSchedule } from "../src/reminders/schedule.ts";
import { Subscriptions } from "../src/reminders/subscriptions.ts";
import { openStore, type Store } from "../src/store/index.ts";
import { makeTestApp } from "./helpers/app.ts";
import { FakeClock } from "./helpers/fake-clock.ts";

/**
 * A messenger that records every attempt (with the fake clock's time) and what went out,
 * and answers with scripted outcomes, then with `otherwise`.
 */
class RecordingMessenger implements Messenger {
  readonly platform = "telegram";
  readonly sent: { chatId: string; title: string }[] = [];
  readonly attempts: number[] = [];
  readonly script: SendOutcome[] = [];
  otherwise: SendOutcome = { kind: "sent" };
  clock: FakeClock | null = null;
  constructor(readonly limits = { perSecond: 1000, perChatPerMinute: 1000 }) {}
  async send(target: ChatTarget, answer: Answer): Promise<SendOutcome> {
    this.attempts.push(this.clock?.now() ?? 0);
    const outcome = this.script.shift() ?? this.otherwise;
    if (outcome.kind === "sent") this.sent.push({ chatId: target.chatId, title: answer.title });
    return outcome;
  }
}

const MONDAY_0859_SHANGHAI = Date.parse("2026-11-30T00:59:00Z");

let cleanup = () => {};
afterEach(() => cleanup());

/** Subscriptions and a delivery loop on a fresh app, a fake clock and a recording messenger. */
async function setup(
  options: Partial<ReminderOptions> = {},
  limits = { perSecond: 1000, perChatPerMinute: 1000 },
  start = MONDAY_0859_SHANGHAI,
) {
  const made = await makeTestApp();
  cleanup = made.cleanup;
  const clock = new FakeClock(start);
  const all = { ...DEFAULT_REMINDER_OPTIONS, ...options };
  const log = createLogger("silent");
  const subscriptions = new Subscriptions(made.app.store, made.app.knowledge, log, all, clock.now);
  const service = new DeliveryLoop(made.app.store, made.app.knowledge, log, all, clock.now);
  const messenger = new RecordingMessenger(limits);
  messenger.clock = clock;
  service.attach(messenger);
  const subscribe = (chatId: string, words: string[] = []) => {
    const schedule = parseSchedule(words);
    if ("error" in schedule) throw new Error(schedule.error);
    return subscriptions.subscribe(
      { platform: "telegram", chatId, threadId: null },
      schedule,
      "Asia/Shanghai",
      "admin",
    ).subscription;
  };
  return { ...made, store: made.app.store, clock, subscriptions, service, messenger, subscribe };
}

describe("reminders on a fake clock", () => {
  it("sends the next plan item at each slot, in rotation, and starts again after the last", async () => {
    const { clock, service, messenger, subscribe } = await setup();
    subscribe("-100");
    await service.tick();
    expect(messenger.sent).toEqual([]);
    for (let week = 0; week < 9; week++) {
      clock.set(MONDAY_0859_SHANGHAI + 60_000 + week * 7 * 86_400_000);
      await service.tick();
      await service.tick(); // a second pass in the same minute sends nothing more
    }
    expect(messenger.sent.map((s) => s.title)).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `2022年度工作安排 第${n}/8项`),
      "2022年度工作安排 第1/8项",
    ]);
  });

  it("waits out a 429 and then delivers once", async () => {
    const { clock, service, messenger, store, subscribe } = await setup();
    const sub = subscribe("-100");
    messenger.script.push({ kind: "rate_limited", retryAfterSeconds: 30 });
    clock.set(sub.nextSlot);
    await service.tick();
    expect(messenger.sent).toHaveLength(0);
    clock.advance(10_000);
    await service.tick();
    expect(messenger.sent).toHaveLength(0);
    clock.advance(21_000);
    await service.tick();
    await service.tick();
    expect(messenger.sent).toHaveLength(1);
    expect(store.deliveries.of(sub.id)).toMatchObject([{ status: "sent", attempts: 2 }]);
  });

  it("pauses the whole platform after a 429, not only the chat that was refused", async () => {
    const { clock, service, messenger, subscribe } = await setup();
    const first = subscribe("-100");
    subscribe("-200");
    messenger.script.push({ kind: "rate_limited", retryAfterSeconds: 30 });
    clock.set(first.nextSlot);
    await service.tick();
    // The other chat's reminder was due in the same pass, and waits with it.
    expect(messenger.attempts).toHaveLength(1);
    clock.advance(29_000);
    await service.tick();
    expect(messenger.attempts).toHaveLength(1);
    clock.advance(1_000);
    await service.tick();
    expect(messenger.sent.map((s) => s.chatId).sort()).toEqual(["-100", "-200"]);
  });

  it("backs off exponentially after server errors: 5 s, then 10 s, then 20 s", async () => {
    const { clock, service, messenger, store, subscribe } = await setup();
    const sub = subscribe("-100");
    messenger.script.push(
      { kind: "transient", error: "502 Bad Gateway" },
      { kind: "transient", error: "ECONNRESET" },
      { kind: "transient", error: "503 Service Unavailable" },
    );
    clock.set(sub.nextSlot);
    const start = clock.now();
    // A pass every half second for a minute: each retry goes out at the first pass its wait allows.
    for (let t = 0; t <= 60_000; t += 500) {
      clock.set(start + t);
      await service.tick();
    }
    expect(messenger.attempts.map((at) => at - start)).toEqual([0, 5_000, 15_000, 35_000]);
    expect(messenger.sent).toHaveLength(1);
    expect(store.deliveries.of(sub.id)).toMatchObject([{ status: "sent", attempts: 4 }]);
  });

  it("says in the subscription's last result that it is retrying, and why", async () => {
    const { clock, service, messenger, store, subscribe } = await setup();
    const sub = subscribe("-100");
    messenger.script.push({ kind: "transient", error: "ECONNRESET" });
    clock.set(sub.nextSlot);
    await service.tick();
    expect(store.subscriptions.get(sub.id)?.lastResult).toBe("重试中: ECONNRESET");
  });

  it("gives a delivery up after maxAttempts failures and records it as failed", async () => {
    const { clock, service, messenger, store, subscribe } = await setup({ maxAttempts: 3 });
    const sub = subscribe("-100");
    messenger.otherwise = { kind: "transient", error: "502 Bad Gateway" };
    clock.set(sub.nextSlot);
    for (let pass = 0; pass < 30; pass++) {
      await service.tick();
      clock.advance(60_000);
    }
    expect(messenger.attempts).toHaveLength(3);
    expect(store.deliveries.of(sub.id)).toMatchObject([
      { status: "failed", attempts: 3, lastError: "502 Bad Gateway" },
    ]);
    expect(store.subscriptions.get(sub.id)?.lastResult).toBe("失败: 502 Bad Gateway");
    // The subscription itself goes on: its next slot is due next week.
    expect(store.subscriptions.get(sub.id)?.active).toBe(true);
  });

  it("sends one chat no more reminders a minute than the platform allows a chat", async () => {
    const { clock, service, messenger, subscribe } = await setup(
      {},
      { perSecond: 1000, perChatPerMinute: 2 },
    );
    // Three subscriptions of one chat, due in the same slot, and one of another chat.
    const first = subscribe("-100");
    subscribe("-100");
    subscribe("-100");
    subscribe("-200");
    clock.set(first.nextSlot);
    await service.tick();
    expect(messenger.sent.map((s) => s.chatId).sort()).toEqual(["-100", "-100", "-200"]);
    clock.advance(29_000);
    await service.tick();
    expect(messenger.sent).toHaveLength(3);
    // 2 a minute: one more after 30 s.
    clock.advance(1_000);
    await service.tick();
    expect(messenger.sent.map((s) => s.chatId)).toEqual(["-100", "-100", "-200", "-100"]);
  });

  it("deactivates a subscription whose chat blocked or removed the bot, and lists it so", async () => {
    const { clock, service, subscriptions, messenger, store, subscribe } = await setup();
    const sub = subscribe("-100");
    messenger.script.push({ kind: "gone", error: "403 Forbidden: bot was kicked from the group chat" });
    clock.set(sub.nextSlot);
    await service.tick();
    const after = store.subscriptions.get(sub.id);
    expect(after?.active).toBe(false);
    expect(after?.inactiveReason).toContain("kicked");
    clock.advance(7 * 86_400_000);
    await service.tick();
    expect(messenger.sent).toHaveLength(0);
    expect(subscriptions.forChat({ platform: "telegram", chatId: "-100" })).toHaveLength(1);
  });

  it("follows a group that became a supergroup", async () => {
    const { clock, service, subscriptions, messenger, subscribe } = await setup();
    const sub = subscribe("-100");
    messenger.script.push({ kind: "migrated", newChatId: "-1009999" });
    clock.set(sub.nextSlot);
    await service.tick();
    await service.tick();
    expect(messenger.sent.map((s) => s.chatId)).toEqual(["-1009999"]);
    expect(subscriptions.forChat({ platform: "telegram", chatId: "-1009999" })).toHaveLength(1);
  });

  it("delivers 10,000 subscriptions due in one slot, all of them, at 30 a second", async () => {
    const { clock, service, subscribe, store } = await setup();
    const slow = new RecordingMessenger({ perSecond: 30, perChatPerMinute: 20 });
    service.attach(slow);
    const count = 10_000;
    const first = subscribe("-1000");
    store.transaction(() => {
      for (let i = 1; i < count; i++) subscribe(`-${1000 + i}`);
    });
    clock.set(first.nextSlot);
    let seconds = 0;
    while (slow.sent.length < count && seconds < 2 * (count / 30)) {
      await service.tick();
      seconds++;
      // Never more than the bucket allows: 30 at the start, 30 more each second.
      expect(slow.sent.length).toBeLessThanOrEqual(30 * seconds);
      clock.advance(1000);
    }
    expect(seconds).toBe(Math.ceil(count / 30));
    expect(new Set(slow.sent.map((s) => s.chatId)).size).toBe(count);
    expect(store.deliveries.counts().sent).toBe(count);
  }, 60_000);
});

describe("downtime and restarts", () => {
  it("sends one catch-up reminder for the latest missed slot inside the grace period", async () => {
    const { clock, service, messenger, store, subscribe } = await setup();
    const sub = subscribe("-100", ["daily", "09:00"]);
    // Down for three days; back 2 hours after the latest 09:00.
    clock.set(sub.nextSlot + 2 * 86_400_000 + 2 * 3_600_000);
    await service.tick();
    expect(messenger.sent).toHaveLength(1);
    expect(store.deliveries.of(sub.id)).toHaveLength(1);
    expect(store.deliveries.of(sub.id)[0]?.slot).toBe(sub.nextSlot + 2 * 86_400_000);
  });

  it("skips, and records, a missed slot older than the grace period", async () => {
    const { clock, service, messenger, store, subscribe } = await setup();
    const sub = subscribe("-100");
    clock.set(sub.nextSlot + 13 * 3_600_000);
    await service.tick();
    expect(messenger.sent).toHaveLength(0);
    expect(store.deliveries.of(sub.id)).toMatchObject([{ status: "skipped" }]);
    expect(store.subscriptions.get(sub.id)?.nextSlot).toBe(sub.nextSlot + 7 * 86_400_000);
  });

  it("delivers each slot exactly once to 1,000 chats across a shutdown in mid-broadcast", async () => {
    const { clock, service, messenger, dir, subscribe } = await setup();
    const subs = Array.from({ length: 1000 }, (_, i) => subscribe(`-${5000 + i}`));
    clock.set(subs[0]?.nextSlot ?? 0);
    // Shut down once 400 have gone out, as SIGTERM would.
    let stopped: Promise<void> | null = null;
    const send = messenger.send.bind(messenger);
    messenger.send = async (target, answer) => {
      const outcome = await send(target, answer);
      if (messenger.sent.length === 400) stopped = service.shutdown();
      return outcome;
    };
    await service.tick();
    await stopped;
    expect(messenger.sent).toHaveLength(400);

    // A new process on the same database file.
    const store: Store = openStore({ path: join(dir, "bot.sqlite"), cacheMaxEntries: 100 });
    const { Knowledge } = await import("../src/query/knowledge.ts");
    const restarted = new DeliveryLoop(
      store,
      new Knowledge(store),
      createLogger("silent"),
      DEFAULT_REMINDER_OPTIONS,
      clock.now,
    );
    const after = new RecordingMessenger();
    restarted.attach(after);
    clock.advance(1000);
    await restarted.tick();
    store.close();
    const all = [...messenger.sent, ...after.sent].map((s) => s.chatId);
    expect(all).toHaveLength(1000);
    expect(new Set(all).size).toBe(1000);
  });
});

describe("schedules", () => {
  it("fires at 09:00 Berlin time on both sides of a daylight-saving change", () => {
    const runs = nextRuns("0 9 * * 1", "Europe/Berlin", Date.parse("2027-03-20T00:00:00Z"), 2);
    // 22 March (CET, UTC+1) then 29 March (CEST, UTC+2), the day after the clocks went forward.
    expect(runs.map((t) => new Date(t).toISOString())).toEqual([
      "2027-03-22T08:00:00.000Z",
      "2027-03-29T07:00:00.000Z",
    ]);
  });

  it("reads the schedule forms and refuses the rest", () => {
    expect(parseSchedule([])).toEqual({ kind: "weekly", cron: "0 9 * * 1" });
    expect(parseSchedule(["daily", "08:30"])).toEqual({ kind: "daily", cron: "30 8 * * *" });
    expect(parseSchedule(["monthly"])).toEqual({ kind: "monthly", cron: "0 9 1 * *" });
    expect(parseSchedule(["cron", "*/10 * * * * *"])).toEqual({ kind: "cron", cron: "*/10 * * * * *" });
    expect(parseSchedule(["daily", "25:00"])).toHaveProperty("error");
    expect(parseSchedule(["cron", "0 9 * *"])).toHaveProperty("error");
    expect(parseSchedule(["hourly"])).toHaveProperty("error");
  });
});

describe("the subscription commands", () => {
  const invocation = (
    app: App,
    command: string,
    args: string,
    over: Partial<Invocation> = {},
  ): Promise<Answer> =>
    app.dispatcher.handle({
      command,
      args,
      chat: { platform: "telegram", id: "-42", kind: "group" },
      userId: "7",
      locale: "zh",
      isChatAdmin: true,
      ...over,
    });

  it("subscribes as admin, confirming three send times, and refuses a non-admin", async () => {
    const { app } = await setup();
    const ok = await invocation(app, "subscribe", "weekly 09:00");
    expect(ok.ok).toBe(true);
    expect(ok.text.match(/\d{4}-\d{2}-\d{2} 09:00 \(周一\)/g)).toHaveLength(3);
    const refused = await invocation(app, "subscribe", "daily", { isChatAdmin: false });
    expect(refused.error?.code).toBe("forbidden");
    expect((await invocation(app, "subscriptions", "", { isChatAdmin: false })).text).toContain("#1");
  });

  it("refuses a schedule more frequent than the minimum interval", async () => {
    const { app } = await setup();
    const a = await invocation(app, "subscribe", "cron */5 * * * *");
    expect(a.ok).toBe(false);
    expect(a.text).toContain("太频繁");
  });

  it("previews the next reminder and unsubscribes", async () => {
    const { app } = await setup();
    await invocation(app, "subscribe", "");
    expect((await invocation(app, "plan", "next")).text).toContain("第1/8项");
    expect((await invocation(app, "unsubscribe", "")).text).toContain("已取消订阅 #1");
    expect((await invocation(app, "subscriptions", "")).text).toContain("没有订阅");
  });
});
