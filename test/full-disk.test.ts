/**
 * A database that cannot take writes. A full disk is simulated with DATABASE_MAX_MB (SQLite's
 * max_page_count): a write that needs a new page fails with SQLITE_FULL, as on a full disk.
 * A write that fits in a page already there still succeeds, so each test writes until the
 * store reports the disk full. The real thing (a small tmpfs, a real process) is in
 * full-disk.process.test.ts.
 */
import { cpSync, mkdtempSync, rmSync, statSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import type { Answer } from "../src/answer/answer.ts";
import { type App, createApp } from "../src/app.ts";
import type { ChatTarget } from "../src/chat.ts";
import type { Invocation } from "../src/command/types.ts";
import { loadConfig } from "../src/config.ts";
import { startHealthServer } from "../src/health.ts";
import { createLogger, type Logger } from "../src/log.ts";
import { DeliveryLoop } from "../src/reminders/delivery.ts";
import type { Messenger, SendOutcome } from "../src/reminders/messenger.ts";
import { DEFAULT_REMINDER_OPTIONS } from "../src/reminders/options.ts";
import { DeliveryRepository } from "../src/store/deliveries.ts";
import { SEED_REPORTS } from "./helpers/app.ts";
import { FakeClock } from "./helpers/fake-clock.ts";
import { capturingLogger, type LogLine } from "./helpers/log.ts";

let dir: string;
let env: Record<string, string>;
const opened: App[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "report-bot-full-"));
  cpSync(SEED_REPORTS, join(dir, "reports"), { recursive: true });
  env = { REPORTS_DIR: join(dir, "reports"), DATABASE_PATH: join(dir, "bot.sqlite") };
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const app of opened.splice(0)) app.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(extra: Record<string, string> = {}, log = createLogger("silent")): Promise<App> {
  const app = await createApp(loadConfig({ ...env, ...extra }), log);
  await app.loaded();
  opened.push(app);
  return app;
}

const ask = (app: App, line: string, base: Omit<Invocation, "command" | "args"> = CONSOLE_CHAT) =>
  app.dispatcher.handleLine(line, base);

/**
 * The bot on a database built with the seed report (and whatever `prepare` stores while
 * there is room), then allowed to grow by `roomKb` only; questions are asked until the
 * response cache can no longer be written.
 */
async function fullApp(
  roomKb = 64,
  prepare: (app: App) => void = () => {},
): Promise<{ app: App; log: Logger; lines: LogLine[] }> {
  const first = await open();
  prepare(first);
  first.close();
  opened.pop();
  const size = statSync(env.DATABASE_PATH ?? "").size;
  const { log, lines } = capturingLogger();
  const app = await open({ DATABASE_MAX_MB: String((size + roomKb * 1024) / 2 ** 20) }, log);
  for (let i = 0; app.store.health.fault === null; i++) {
    if (i > 2000) throw new Error("the database never filled up");
    expect((await ask(app, `/search 填满${i}`)).ok).toBe(false); // "not found" answers are cached too
    // Written one at a time (not in the cache's batches), so the file fills to its last page.
    app.store.cache.flush();
  }
  return { app, log, lines };
}

const messages = (lines: LogLine[], pattern: RegExp) => lines.filter((l) => pattern.test(l.msg));

describe("a full disk", () => {
  it("still answers /stat, uncached, and logs the skipped cache writes once", async () => {
    const { app, lines } = await fullApp();
    expect(app.store.health.fault).toMatchObject({ kind: "full", code: "SQLITE_FULL" });
    for (let i = 0; i < 2; i++) {
      const answer = await ask(app, "/stat 法律援助");
      expect(answer.ok).toBe(true);
      expect(answer.text).toContain("1114件");
    }
    vi.useFakeTimers({ toFake: ["Date"] });
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(6_000); // past the pause after a failure: each of these tries to write
      await ask(app, `/search 又一个${i}`);
    }
    const skipped = messages(lines, /^response cache skipped: database or disk is full \(SQLITE_FULL\)/);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.level).toBe(40);
  });

  it("refuses a new subscription with a clear reply, and the log names the cause", async () => {
    const { app, lines } = await fullApp();
    // A subscription that fits in a page already there is still saved; the next page is refused.
    let answer = await ask(app, "/subscribe daily 09:00", {
      ...CONSOLE_CHAT,
      chat: { ...CONSOLE_CHAT.chat },
    });
    for (let chat = 0; answer.ok; chat++) {
      if (chat > 5000) throw new Error("every subscription was saved");
      answer = await ask(app, "/subscribe daily 09:00", {
        ...CONSOLE_CHAT,
        chat: { ...CONSOLE_CHAT.chat, id: `chat-${chat}` },
      });
    }
    expect(answer.error?.code).toBe("not_saved");
    expect(answer.text).toContain("存储空间已满, 订阅未保存");
    const refused = messages(lines, /^subscriptions not saved: database or disk is full \(SQLITE_FULL\)$/);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ level: 50, code: "SQLITE_FULL", during: "subscriptions" });
  });

  it("says 'degraded: disk full' in /healthz, still 200, and recovers when writes work again", async () => {
    const { app, lines } = await fullApp();
    const server = await startHealthServer(app, 0, "127.0.0.1", {});
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
      const degraded = await fetch(url);
      expect(degraded.status).toBe(200);
      expect(await degraded.json()).toMatchObject({
        ok: true,
        status: "degraded: disk full",
        database: true,
        writes: "disk full",
      });
      // Emptying the cache frees its pages: the next answer is written, and the state clears.
      app.store.cache.clear();
      await ask(app, "/stat 调解");
      expect(await (await fetch(url)).json()).toMatchObject({ ok: true, status: "ok", writes: "ok" });
      expect(messages(lines, /^database writes work again$/)).toHaveLength(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("after a failed cache write", () => {
  it("answers are not written for 5 s (on a locked file each try would wait out the busy timeout), then tried again", async () => {
    const { app } = await fullApp();
    vi.useFakeTimers({ toFake: ["Date"] });
    // Room again: another connection deletes cached answers, freeing their pages. New answers
    // are written at the next flush.
    const other = new Database(env.DATABASE_PATH ?? "");
    expect(other.prepare("DELETE FROM response_cache").run().changes).toBeGreaterThan(0);
    other.close();

    vi.advanceTimersByTime(4_000);
    await ask(app, "/stat 调解");
    app.store.cache.flush();
    expect(app.store.health.fault).not.toBeNull(); // not tried: still the old failure
    expect(app.store.cache.size()).toBe(0);

    vi.advanceTimersByTime(2_000);
    await ask(app, "/stat 公证");
    app.store.cache.flush();
    expect(app.store.health.fault).toBeNull();
    expect(app.store.cache.size()).toBe(1);
  });
});

describe("a database another process holds locked", () => {
  it("starts on what is stored, never serves the old answers it could not clear, and its timers do not throw", async () => {
    const first = await open();
    expect((await ask(first, "/stat 法律援助")).cached).toBe(false);
    first.close();
    opened.pop();
    // An answer a previous version of the bot kept: a start must not serve it.
    const other = new Database(env.DATABASE_PATH ?? "");
    const stale = JSON.stringify({ ok: true, title: "旧的答案", text: "旧的答案", cached: true });
    expect(other.prepare("UPDATE response_cache SET answer = ?").run(stale).changes).toBe(1);

    other.exec("BEGIN IMMEDIATE"); // the write lock, held past the bot's 5 s busy timeout
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const { log, lines } = capturingLogger();
    const app = await open({}, log);
    expect(messages(lines, /^response cache skipped: .*\(SQLITE_BUSY\)/)).toHaveLength(1);
    other.exec("COMMIT");

    const answer = await ask(app, "/stat 法律援助");
    expect(answer.text).toContain("1114件");
    expect(answer.text).not.toContain("旧的答案");
    expect((await ask(app, "/stat 法律援助")).cached).toBe(true); // a hit, counted for the next flush

    other.exec("BEGIN IMMEDIATE");
    expect(() => vi.advanceTimersByTime(5_000)).not.toThrow(); // the flush meets the lock
    other.exec("COMMIT");
    other.close();
    expect((await ask(app, "/stat 法律援助")).text).toContain("1114件");
  }, 40_000);
});

describe("reminders on a full disk", () => {
  /** Reminders to a platform without limits worth the name. */
  class CountingMessenger implements Messenger {
    readonly platform = "telegram";
    readonly limits = { perSecond: 100_000, perChatPerMinute: 100 };
    readonly sent: string[] = [];
    async send(target: ChatTarget, _answer: Answer): Promise<SendOutcome> {
      this.sent.push(target.chatId);
      return { kind: "sent" };
    }
  }

  it("logs the refused write once, keeps trying each pass without a word, and sends once writes work again", async () => {
    // 500 chats subscribed while there was room: recording their slot takes new pages.
    const chats = 500;
    let slot = 0;
    const { app, log, lines } = await fullApp(64, (room) => {
      room.store.transaction(() => {
        for (let i = 0; i < chats; i++) {
          const { subscription } = room.subscriptions.subscribe(
            { platform: "telegram", chatId: String(-1000 - i), threadId: null },
            { kind: "cron", cron: "0 0 9 * * *" },
            "UTC",
            "admin",
          );
          slot = subscription.nextSlot;
        }
      });
    });
    const clock = new FakeClock(slot + 1_000);
    const loop = new DeliveryLoop(app.store, app.knowledge, log, DEFAULT_REMINDER_OPTIONS, clock.now);
    const messenger = new CountingMessenger();
    loop.attach(messenger);
    // A pass a second, as main.ts runs them.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    loop.start(1_000);
    const seconds = async (n: number) => {
      for (let i = 0; i < n; i++) {
        clock.advance(1_000);
        await vi.advanceTimersByTimeAsync(1_000);
      }
    };
    await seconds(30);
    expect(messenger.sent).toEqual([]);
    expect(app.store.health.fault).toMatchObject({ kind: "full", during: "reminders" });
    const refused = messages(lines, /^reminders not saved: database or disk is full \(SQLITE_FULL\)$/);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ level: 50, code: "SQLITE_FULL", during: "reminders" });
    expect(messages(lines, /reminder pass failed/)).toEqual([]);

    // Room again: the slot, half a minute late and well inside the grace period, goes to every chat once.
    const other = new Database(env.DATABASE_PATH ?? "");
    other.prepare("DELETE FROM response_cache").run();
    other.close();
    await seconds(2);
    await loop.shutdown();
    expect(messenger.sent).toHaveLength(chats);
    expect(new Set(messenger.sent).size).toBe(chats);
    expect(messages(lines, /^database writes work again$/)).toHaveLength(1);
    expect(app.store.health.fault).toBeNull();
  }, 40_000);

  it("records a sent reminder whose outcome the disk refused before anything else, and does not send it again", async () => {
    const app = await open();
    const { subscription } = app.subscriptions.subscribe(
      { platform: "telegram", chatId: "-100", threadId: null },
      { kind: "cron", cron: "0 0 9 * * *" },
      "UTC",
      "admin",
    );
    // The disk fills while the message is on its way: recording it as sent is refused once.
    vi.spyOn(DeliveryRepository.prototype, "markSent").mockImplementationOnce(() => {
      throw new Database.SqliteError("database or disk is full", "SQLITE_FULL");
    });
    const clock = new FakeClock(subscription.nextSlot + 1_000);
    const { log, lines } = capturingLogger();
    const loop = new DeliveryLoop(app.store, app.knowledge, log, DEFAULT_REMINDER_OPTIONS, clock.now);
    const messenger = new CountingMessenger();
    loop.attach(messenger);
    await loop.tick();
    expect(messenger.sent).toEqual(["-100"]);
    expect(app.store.deliveries.of(subscription.id)).toMatchObject([{ status: "sending" }]);
    // Long after the claim would have expired, with room again.
    clock.advance(10 * 60_000);
    await loop.tick();
    expect(messenger.sent).toEqual(["-100"]);
    expect(app.store.deliveries.of(subscription.id)).toMatchObject([{ status: "sent", attempts: 1 }]);
    expect(messages(lines, /sending again/)).toEqual([]);
  });
});
