import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TELEGRAM_SEND_LIMITS, telegramMessenger } from "../src/adapters/telegram/messenger.ts";
import { createLogger } from "../src/log.ts";
import { Knowledge } from "../src/query/knowledge.ts";
import { DeliveryLoop } from "../src/reminders/delivery.ts";
import type { SendLimits } from "../src/reminders/messenger.ts";
import { DEFAULT_REMINDER_OPTIONS } from "../src/reminders/options.ts";
import { parseSchedule, type Schedule } from "../src/reminders/schedule.ts";
import { Subscriptions } from "../src/reminders/subscriptions.ts";
import { openStore, type Store } from "../src/store/index.ts";
import { FakeTelegramApi, TEST_TOKEN } from "../test/fakes/telegram-api.ts";
import { benchApp } from "./app.ts";
import { round } from "./stats.ts";

// A Monday 09:00 in Shanghai: every benchmark subscription is due at this slot.
const BEFORE_SLOT = Date.parse("2026-11-30T00:59:00Z");
const AFTER_SLOT = Date.parse("2026-11-30T01:00:00Z");

function weekly(): Schedule {
  const schedule = parseSchedule(["weekly", "09:00"]);
  if ("error" in schedule) throw new Error(schedule.error);
  return schedule;
}

/** Subscribes `count` chats (one subscription each) while the clock reads just before the slot. */
function subscribeChats(subscriptions: Subscriptions, store: Store, count: number, firstChat: number): void {
  const schedule = weekly();
  store.transaction(() => {
    for (let i = 0; i < count; i++)
      subscriptions.subscribe(
        { platform: "telegram", chatId: String(firstChat - i), threadId: null },
        schedule,
        "Asia/Shanghai",
        "bench",
      );
  });
}

/** Time to record one due slot for `count` subscriptions: the database work alone, no sending. */
export function benchPlanning(count: number): { plan_ms: number; count: number } {
  const dir = mkdtempSync(join(tmpdir(), "report-bot-bench-"));
  const store = openStore({ path: join(dir, "bot.sqlite"), cacheMaxEntries: 100 });
  try {
    let now = BEFORE_SLOT;
    const knowledge = new Knowledge(store);
    const log = createLogger("silent");
    const subscriptions = new Subscriptions(store, knowledge, log, DEFAULT_REMINDER_OPTIONS, () => now);
    const delivery = new DeliveryLoop(store, knowledge, log, DEFAULT_REMINDER_OPTIONS, () => now);
    subscribeChats(subscriptions, store, count, -1e12);
    now = AFTER_SLOT;
    const start = performance.now();
    delivery.planDueSlots();
    return { plan_ms: round(performance.now() - start), count };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Reminders delivered a second to the fake Bot API through the Telegram messenger, the
 * service running its passes as the bot does (one a second) or back to back. The clock is
 * the real one, shifted so that the slot of all `count` subscriptions has just come.
 * The send buckets start full, so the first pass sends a second's worth at once: the rate
 * counts the messages after it, from its last message to the last one.
 */
async function deliveryRate(count: number, limits: SendLimits, passEveryMs: number): Promise<number> {
  const fake = await FakeTelegramApi.start();
  const { app, cleanup } = await benchApp();
  let offset = BEFORE_SLOT - Date.now();
  const clock = () => Date.now() + offset;
  const log = createLogger("silent");
  const subscriptions = new Subscriptions(app.store, app.knowledge, log, DEFAULT_REMINDER_OPTIONS, clock);
  const service = new DeliveryLoop(app.store, app.knowledge, log, DEFAULT_REMINDER_OPTIONS, clock);
  try {
    subscribeChats(subscriptions, app.store, count, -1_000_000_000_000);
    service.attach(telegramMessenger({ token: TEST_TOKEN, apiRoot: fake.apiRoot, limits }));
    const sentAt: number[] = [];
    let firstPassSent = 0;
    fake.observe((call) => {
      if (call.method === "sendMessage" && call.status === 200) sentAt.push(performance.now());
    });
    offset = AFTER_SLOT + 1_000 - Date.now();
    for (let pass = 0; sentAt.length < count; pass++) {
      const started = performance.now();
      await service.tick();
      if (pass === 0) firstPassSent = sentAt.length;
      const wait = passEveryMs - (performance.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    // Everything went in the first pass (no limit to speak of): time it from the first message.
    const from = firstPassSent < count ? firstPassSent - 1 : 0;
    const start = sentAt[from] ?? 0;
    const end = sentAt[count - 1] ?? start;
    return (count - 1 - from) / ((end - start) / 1000);
  } finally {
    await service.shutdown();
    cleanup();
    await fake.close();
  }
}

/** Delivery at Telegram's configured rate, and as fast as the delivery loop can go. */
export async function benchDelivery(count: number): Promise<Record<string, number>> {
  const configured = await deliveryRate(count, TELEGRAM_SEND_LIMITS, 1_000);
  const unlimited = await deliveryRate(count, { perSecond: 100_000, perChatPerMinute: 20 }, 0);
  return {
    delivery_count: count,
    delivery_configured_per_s: TELEGRAM_SEND_LIMITS.perSecond,
    delivery_per_s: round(configured),
    delivery_unthrottled_per_s: Math.round(unlimited),
  };
}
