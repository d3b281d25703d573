/**
 * Two real processes (the command of `npm start`) on one database file and one token,
 * against the fake Bot API answering each reminder slowly: while both run only the holder
 * of the reminder lease delivers, and when it is killed (SIGKILL, between two slots) the
 * other takes over once the lease lapses; every slot reaches every chat exactly once. A
 * send still in flight at the shutdown deadline is left as a crash leaves it: claimed,
 * and sent again once the claim expires, the one message that may arrive twice.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/log.ts";
import { FakeTelegramApi, type RecordedCall, TEST_TOKEN } from "./fakes/telegram-api.ts";
import { SEED_REPORTS } from "./helpers/app.ts";

const ROOT = join(import.meta.dirname, "..");
const CHATS = ["-1001", "-1002", "-1003"];
/** Every 6 s: three sends of 600 ms and the takeover (a 2 s lease) fit between two slots. */
const CRON = "*/6 * * * * *";
const SLOT_MS = 6_000;
const LEASE_S = 2;

let fake: FakeTelegramApi;
let dir: string;
const running: ChildProcess[] = [];

beforeEach(async () => {
  fake = await FakeTelegramApi.start();
  dir = mkdtempSync(join(tmpdir(), "report-bot-two-"));
  cpSync(SEED_REPORTS, join(dir, "reports"), { recursive: true });
});
afterEach(async () => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface Instance {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  health: () => Promise<{ ok: boolean; deliversReminders: boolean }>;
}

/** Starts the command of `npm start` with its own health port; resolves once it logged "ready". */
async function start(leaseSeconds = LEASE_S): Promise<Instance> {
  const healthPort = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      REPORTS_DIR: join(dir, "reports"),
      DATABASE_PATH: join(dir, "bot.sqlite"),
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      REMINDER_LEASE_S: String(leaseSeconds),
      HEALTH_PORT: String(healthPort),
      LOG_LEVEL: "info",
    },
  });
  running.push(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (output.includes('"msg":"ready"')) resolve();
    };
    child.stdout?.on("data", check);
    child.stderr?.on("data", check);
    void exited.then((code) =>
      reject(new Error(`the bot exited with ${code} before it was ready:\n${output}`)),
    );
  });
  const health = async () =>
    (await (await fetch(`http://127.0.0.1:${healthPort}/healthz`)).json()) as {
      ok: boolean;
      deliversReminders: boolean;
    };
  return { child, output: () => output, exited, health };
}

const isReminder = (c: RecordedCall) =>
  c.method === "sendMessage" && String(c.payload.text).includes("工作安排 第");
const reminders = () => fake.calls.filter(isReminder);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Subscribes each chat to the schedule (UTC) on the test's database; returns the subscriptions' ids. */
async function subscribe(cron: string): Promise<number[]> {
  const config = loadConfig({ REPORTS_DIR: join(dir, "reports"), DATABASE_PATH: join(dir, "bot.sqlite") });
  const setup = await createApp(config, createLogger("silent"));
  await setup.loaded();
  try {
    return CHATS.map(
      (chatId) =>
        setup.subscriptions.subscribe(
          { platform: "telegram", chatId, threadId: null },
          { kind: "cron", cron },
          "UTC",
          "admin",
        ).subscription.id,
    );
  } finally {
    setup.close();
  }
}

/** Resolves once `n` reminders have arrived and their answers have been read and recorded. */
async function afterReminders(n: number): Promise<void> {
  await fake.waitForCount(isReminder, n, 4 * SLOT_MS);
  await sleep(1_200);
}

describe("two instances on one database", () => {
  it("deliver every reminder slot exactly once, while both run and after the holder is killed", async () => {
    fake.slowSends(600);
    const ids = await subscribe(CRON);

    const first = await start();
    const second = await start();
    // Two slots while both run.
    await afterReminders(2 * CHATS.length);
    const [one, two] = [await first.health(), await second.health()];
    expect([one.deliversReminders, two.deliversReminders].sort()).toEqual([false, true]);
    const [holder, other] = one.deliversReminders ? [first, second] : [second, first];
    expect(other.output()).toContain('"msg":"another process delivers reminders: standing by"');
    expect(other.output()).not.toContain("reminder lease taken");

    // Between two slots, nothing in flight: the holder dies without a word.
    const before = reminders().length;
    expect(before % CHATS.length).toBe(0);
    holder.child.kill("SIGKILL");
    await holder.exited;

    // The other takes over once the lease has lapsed, and goes on: two more slots.
    await afterReminders(before + 2 * CHATS.length);
    expect(other.output()).toContain("reminder lease taken over");
    expect((await other.health()).deliversReminders).toBe(true);
    other.child.kill("SIGTERM");
    expect(await other.exited, other.output()).toBe(0);

    const db = new Database(join(dir, "bot.sqlite"), { readonly: true });
    try {
      for (const [i, chatId] of CHATS.entries()) {
        const rows = db
          .prepare("SELECT slot, status FROM deliveries WHERE subscription_id = ? ORDER BY slot")
          .all(ids[i]) as { slot: number; status: string }[];
        const sent = rows.filter((r) => r.status === "sent").map((r) => r.slot);
        // What the chat got is what was recorded as sent: nothing twice, nothing unrecorded.
        expect(reminders().filter((c) => String(c.payload.chat_id) === chatId)).toHaveLength(sent.length);
        expect(rows.filter((r) => r.status !== "sent" && r.status !== "pending")).toEqual([]);
        // And no slot was left out, across the takeover.
        expect(sent.length).toBeGreaterThanOrEqual(4);
        expect(sent.slice(1).map((slot, k) => slot - (sent[k] as number))).toEqual(
          Array(sent.length - 1).fill(SLOT_MS),
        );
      }
    } finally {
      db.close();
    }
  }, 120_000);

  it("leave a send still in flight at the shutdown deadline to its claim, and go on with the rest at once", async () => {
    // One slot for the three chats, a few seconds after both have started.
    const slot = new Date(Date.now() + 10_000);
    await subscribe(`${slot.getUTCSeconds()} ${slot.getUTCMinutes()} ${slot.getUTCHours()} * * *`);
    // A 20 s lease: a send is given up after 20 s, past the 9 s deadline, and its claim runs
    // 25 s; renewed at least every 6.7 s, the lease outlasts the deadline.
    // The holder's first reminder hangs at the Bot API; the sends after it are quick.
    fake.slowSends(30_000);
    const arrived = new Map<RecordedCall, number>();
    fake.observe((call) => arrived.set(call, Date.now()));
    const first = await start(20);
    const second = await start(20);
    const [hung] = await fake.waitForCount(isReminder, 1, 30_000);
    fake.slowSends(0);
    const [holder, other] = (await first.health()).deliversReminders ? [first, second] : [second, first];
    holder.child.kill("SIGTERM");
    expect(await holder.exited).toBe(1);
    const exitedAt = Date.now();
    expect(exitedAt - (arrived.get(hung as RecordedCall) ?? 0)).toBeLessThan(11_000);
    expect(holder.output()).toContain("still being sent at the shutdown deadline");
    expect(holder.output()).toContain('"msg":"reminder lease released"');

    // The other process sends the two other chats' reminders at once, and the hung one
    // again once its claim has expired.
    await fake.waitForCount(isReminder, CHATS.length + 1, 30_000);
    const calls = reminders();
    const hungChat = String(hung?.payload.chat_id);
    const again = calls.filter((c) => String(c.payload.chat_id) === hungChat);
    const rest = calls.filter((c) => String(c.payload.chat_id) !== hungChat);
    expect(again).toHaveLength(2);
    expect(rest.map((c) => String(c.payload.chat_id)).sort()).toEqual(
      CHATS.filter((c) => c !== hungChat).sort(),
    );
    for (const call of rest) expect((arrived.get(call) ?? 0) - exitedAt).toBeLessThan(3_000);
    const claimKept = (arrived.get(again[1] as RecordedCall) ?? 0) - (arrived.get(hung as RecordedCall) ?? 0);
    expect(claimKept).toBeGreaterThanOrEqual(23_000);
    expect(other.output()).toContain("sending again a reminder whose sender stopped before recording it");
    other.child.kill("SIGTERM");
    expect(await other.exited).toBe(0);
  }, 120_000);
});
