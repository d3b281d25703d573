/**
 * The real process, stopped with SIGTERM in the middle of a reminder broadcast to 1,000
 * Telegram chats (the fake Bot API on 127.0.0.1), then started again on the same database:
 * every chat gets its reminder exactly once, and both runs exit 0.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/log.ts";
import { FakeTelegramApi, type RecordedCall, TEST_TOKEN } from "./fakes/telegram-api.ts";
import { SEED_REPORTS } from "./helpers/app.ts";

const ROOT = join(import.meta.dirname, "..");
const CHATS = 1000;

let fake: FakeTelegramApi;
let dir: string;
const env = () => ({
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "",
  REPORTS_DIR: join(dir, "reports"),
  DATABASE_PATH: join(dir, "bot.sqlite"),
  TELEGRAM_BOT_TOKEN: TEST_TOKEN,
  TELEGRAM_API_ROOT: fake.apiRoot,
  TELEGRAM_BROADCAST_PER_S: "200",
  LOG_LEVEL: "info",
});

beforeAll(async () => {
  fake = await FakeTelegramApi.start();
  dir = mkdtempSync(join(tmpdir(), "report-bot-sigterm-"));
  cpSync(SEED_REPORTS, join(dir, "reports"), { recursive: true });
});
afterAll(async () => {
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the command of `npm start` with the test's environment; resolves once it logged "ready". */
async function startBot(): Promise<{
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: ROOT, env: env() });
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
  return { child, output: () => output, exited };
}

const isReminder = (c: RecordedCall) =>
  c.method === "sendMessage" && c.status === 200 && String(c.payload.text).includes("工作安排 第");

describe("SIGTERM in the middle of a broadcast", () => {
  it("loses no reminder and sends none twice across the restart", async () => {
    // 1,000 chats subscribed to a daily reminder a few seconds from now (UTC).
    const slot = new Date(Date.now() + 4_000);
    const cron = `${slot.getUTCSeconds()} ${slot.getUTCMinutes()} ${slot.getUTCHours()} * * *`;
    const config = loadConfig({ REPORTS_DIR: join(dir, "reports"), DATABASE_PATH: join(dir, "bot.sqlite") });
    const setup = await createApp(config, createLogger("silent"));
    await setup.loaded();
    for (let i = 0; i < CHATS; i++) {
      setup.subscriptions.subscribe(
        { platform: "telegram", chatId: String(800_000 + i), threadId: null },
        { kind: "cron", cron },
        "UTC",
        "admin",
      );
    }
    setup.close();

    const first = await startBot();
    await fake.waitForCount(isReminder, 300, 30_000);
    first.child.kill("SIGTERM");
    expect(await first.exited, first.output()).toBe(0);
    const beforeRestart = fake.calls.filter(isReminder).length;
    expect(beforeRestart).toBeLessThan(CHATS);
    expect(first.output()).toContain('"msg":"stopped"');

    const second = await startBot();
    await fake.waitForCount(isReminder, CHATS, 30_000);
    second.child.kill("SIGTERM");
    expect(await second.exited, second.output()).toBe(0);

    const perChat = new Map<string, number>();
    for (const call of fake.calls.filter(isReminder)) {
      const id = String(call.payload.chat_id);
      perChat.set(id, (perChat.get(id) ?? 0) + 1);
    }
    expect(perChat.size).toBe(CHATS);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
  }, 90_000);
});
