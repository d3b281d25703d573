/**
 * Two processes on one database file, as two delivery loops with connections of their own
 * and one fake clock: only the holder of the lease delivers, another takes over when the
 * lease lapses, and a reminder in flight is not sent again while its claim runs.
 */
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Answer } from "../src/answer/answer.ts";
import type { ChatTarget } from "../src/chat.ts";
import { healthReport } from "../src/health.ts";
import { Knowledge } from "../src/query/knowledge.ts";
import { DeliveryLoop } from "../src/reminders/delivery.ts";
import type { Messenger, SendOutcome } from "../src/reminders/messenger.ts";
import { DEFAULT_REMINDER_OPTIONS } from "../src/reminders/options.ts";
import { Subscriptions } from "../src/reminders/subscriptions.ts";
import { openStore, type Store } from "../src/store/index.ts";
import { makeTestApp } from "./helpers/app.ts";
import { FakeClock } from "./helpers/fake-clock.ts";
import { capturingLogger, type LogLine } from "./helpers/log.ts";

/** Every message any process handed to the platform, in order: what the chats got. */
type Platform = { chatId: string; by: string }[];

/**
 * A messenger whose sends can be held in flight: the platform has the message as soon as
 * the send starts (as Telegram has it once the request arrived), the sender learns so
 * when the test lets the send finish.
 */
class SlowMessenger implements Messenger {
  readonly platform = "telegram";
  readonly limits = { perSecond: 1000, perChatPerMinute: 1000 };
  hold = false;
  private readonly waiting: (() => void)[] = [];
  constructor(
    private readonly name: string,
    private readonly delivered: Platform,
  ) {}
  async send(target: ChatTarget, _answer: Answer): Promise<SendOutcome> {
    this.delivered.push({ chatId: target.chatId, by: this.name });
    if (this.hold) await new Promise<void>((resolve) => this.waiting.push(resolve));
    return { kind: "sent" };
  }
  get inFlight(): number {
    return this.waiting.length;
  }
  finishOne(): void {
    this.waiting.shift()?.();
  }
}

const T0 = Date.parse("2026-11-30T00:00:00Z");
const LEASE_MS = DEFAULT_REMINDER_OPTIONS.leaseSeconds * 1000;
/** The claim on a send in flight: the lease's time and a margin of 5 s. */
const CLAIM_MS = LEASE_MS + 5_000;

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

/** A process: its own connection to the file, its own loop, log and messenger. */
function instance(name: string, dir: string, clock: FakeClock, delivered: Platform) {
  const store: Store = openStore({ path: join(dir, "bot.sqlite"), cacheMaxEntries: 100 });
  const { log, lines } = capturingLogger();
  const loop = new DeliveryLoop(store, new Knowledge(store), log, DEFAULT_REMINDER_OPTIONS, clock.now, name);
  const messenger = new SlowMessenger(name, delivered);
  loop.attach(messenger);
  cleanups.push(() => store.close());
  return { name, store, loop, messenger, lines };
}

async function setup() {
  const made = await makeTestApp();
  cleanups.push(made.cleanup);
  const clock = new FakeClock(T0 - 60_000);
  const delivered: Platform = [];
  const subscriptions = new Subscriptions(
    made.app.store,
    made.app.knowledge,
    capturingLogger().log,
    DEFAULT_REMINDER_OPTIONS,
    clock.now,
  );
  /** Subscribes a chat to a cron schedule in UTC (seconds first). */
  const subscribe = (chatId: string, cron: string) =>
    subscriptions.subscribe(
      { platform: "telegram", chatId, threadId: null },
      { kind: "cron", cron },
      "UTC",
      "admin",
    ).subscription;
  const a = instance("A", made.dir, clock, delivered);
  const b = instance("B", made.dir, clock, delivered);
  return { app: made.app, clock, delivered, subscribe, a, b };
}

const said = (lines: LogLine[], text: string) => lines.filter((l) => l.msg.includes(text));
const to = (delivered: Platform, chatId: string) => delivered.filter((d) => d.chatId === chatId);
/** Lets the event loop run the passes in flight up to their next held send. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("one deliverer at a time", () => {
  it("only the lease holder sends: every slot goes out once while both run, however slow the sends", async () => {
    const { clock, delivered, subscribe, a, b } = await setup();
    const chats = ["-1", "-2", "-3"];
    for (const chat of chats) subscribe(chat, "0 0 0 * * *"); // daily at 00:00 UTC
    for (let day = 0; day < 3; day++) {
      clock.set(T0 + day * 86_400_000 + 1_000);
      a.messenger.hold = true;
      const passA = a.loop.tick();
      await settle();
      expect(a.messenger.inFlight).toBe(1);
      // B passes every second while A's sends are slow: the pending rows are A's to send.
      for (let i = 0; i < chats.length; i++) {
        await b.loop.tick();
        a.messenger.finishOne();
        await settle();
        clock.advance(1_000);
      }
      await passA;
    }
    expect(delivered.map((d) => d.by)).toEqual(Array(9).fill("A"));
    for (const chat of chats) expect(to(delivered, chat)).toHaveLength(3);
    expect(said(b.lines, "another process delivers reminders: standing by")).toHaveLength(1);
    expect(said(b.lines, "reminder lease taken")).toEqual([]);
  });

  it("another process takes over once the lease has lapsed, not before", async () => {
    const { app, clock, delivered, subscribe, a, b } = await setup();
    subscribe("-1", "0 0 0 * * *");
    subscribe("-2", "10 0 0 * * *"); // ten seconds later
    clock.set(T0);
    await a.loop.tick();
    expect(to(delivered, "-1")).toHaveLength(1);
    // A stops without a word (kill -9): it neither renews nor releases its lease.
    clock.set(T0 + 10_000);
    await b.loop.tick();
    clock.set(T0 + LEASE_MS - 1);
    await b.loop.tick();
    expect(to(delivered, "-2")).toEqual([]);
    expect(healthReport({ ...app, delivery: b.loop }, {}).deliversReminders).toBe(false);
    expect(healthReport({ ...app, delivery: a.loop }, {}).deliversReminders).toBe(true);
    clock.set(T0 + LEASE_MS + 1);
    await b.loop.tick();
    expect(to(delivered, "-2")).toEqual([{ chatId: "-2", by: "B" }]);
    expect(said(b.lines, "reminder lease taken over")).toHaveLength(1);
    expect(healthReport({ ...app, delivery: b.loop }, {}).deliversReminders).toBe(true);
    expect(a.loop.holdsLease()).toBe(false);
  });

  it("does not send a reminder in flight again while its claim runs; after, once, and the late outcome is not recorded over it", async () => {
    const { clock, delivered, subscribe, a, b } = await setup();
    const sub = subscribe("-1", "0 0 0 * * *");
    clock.set(T0);
    a.messenger.hold = true;
    void a.loop.tick();
    await settle();
    expect(a.messenger.inFlight).toBe(1);
    // A stalls with the send in flight; its lease lapses and B takes over.
    clock.set(T0 + LEASE_MS + 1);
    await b.loop.tick();
    expect(b.loop.holdsLease()).toBe(true);
    expect(to(delivered, "-1")).toHaveLength(1);
    clock.set(T0 + CLAIM_MS - 1);
    await b.loop.tick();
    expect(to(delivered, "-1")).toHaveLength(1);
    // The claim has expired: a live A would have given its send up by now.
    clock.set(T0 + CLAIM_MS + 1);
    b.messenger.hold = true;
    const passB = b.loop.tick();
    await settle();
    expect(to(delivered, "-1")).toEqual([
      { chatId: "-1", by: "A" },
      { chatId: "-1", by: "B" },
    ]);
    expect(said(b.lines, "sending again a reminder whose sender stopped before recording it")).toHaveLength(
      1,
    );
    // A wakes up and learns its send went through: the delivery is B's now, and so is its record.
    a.messenger.finishOne();
    await settle();
    expect(said(a.lines, "outcome of a reminder not recorded: its claim had expired")).toHaveLength(1);
    expect(b.store.deliveries.of(sub.id)).toMatchObject([{ status: "sending", attempts: 2 }]);
    b.messenger.finishOne();
    await passB;
    expect(b.store.deliveries.of(sub.id)).toMatchObject([{ status: "sent", attempts: 2 }]);
    clock.advance(60_000);
    await b.loop.tick();
    expect(to(delivered, "-1")).toHaveLength(2);
  });

  it("at the shutdown deadline leaves the send in flight claimed and gives the lease up at once", async () => {
    const { clock, delivered, subscribe, a, b } = await setup();
    subscribe("-1", "0 0 0 * * *");
    subscribe("-2", "0 0 0 * * *");
    clock.set(T0);
    a.messenger.hold = true;
    void a.loop.tick();
    await settle();
    const first = delivered[0]?.chatId;
    void a.loop.shutdown(); // waits for the send in flight, which hangs
    a.loop.abandon(); // the deadline
    expect(said(a.lines, "still being sent at the shutdown deadline")).toHaveLength(1);
    clock.set(T0 + 1_000);
    await b.loop.tick();
    // B delivers at once, all but the reminder A may still have sent.
    expect(delivered.map((d) => d.by)).toEqual(["A", "B"]);
    expect(delivered[1]?.chatId).not.toBe(first);
    clock.set(T0 + CLAIM_MS + 1);
    await b.loop.tick();
    expect(delivered.map((d) => [d.chatId, d.by])).toEqual([
      [first, "A"],
      [delivered[1]?.chatId, "B"],
      [first, "B"],
    ]);
  });

  it("gives the lease up on a clean shutdown: the other process delivers at its next pass", async () => {
    const { clock, delivered, subscribe, a, b } = await setup();
    subscribe("-1", "0 0 0 * * *");
    subscribe("-2", "1 0 0 * * *");
    clock.set(T0);
    await a.loop.tick();
    await b.loop.tick();
    await a.loop.shutdown();
    expect(said(a.lines, "reminder lease released")).toHaveLength(1);
    clock.set(T0 + 1_000);
    await b.loop.tick();
    expect(delivered).toEqual([
      { chatId: "-1", by: "A" },
      { chatId: "-2", by: "B" },
    ]);
  });
});
