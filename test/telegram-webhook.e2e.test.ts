/**
 * Telegram webhook mode end to end: the bot sets its webhook on the fake Bot API, which
 * POSTs each update to the bot's server on 127.0.0.1 with the secret token, as Telegram
 * does. A request without the secret gets 401 and no answer. Switching back to long
 * polling removes the webhook. The last test runs the real process (`npm start`) with the
 * webhook settings.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegram } from "../src/adapters/telegram/index.ts";
import type { App } from "../src/app.ts";
import { type FakeChat, FakeTelegramApi, type FakeUser, type RecordedCall } from "./fakes/telegram-api.ts";
import { makeTestApp, SEED_REPORTS } from "./helpers/app.ts";

const ROOT = join(import.meta.dirname, "..");
const SECRET = "webhook-secret-0123456789abcdef";
const HOOK_PATH = "/telegram/hook";

let nextUser = 8100;
function newChat(): { user: FakeUser; chat: FakeChat } {
  const id = nextUser++;
  const user: FakeUser = { id, is_bot: false, first_name: `用户${id}`, language_code: "zh-hans" };
  return { user, chat: { id, type: "private", first_name: user.first_name } };
}

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

function sentTo(chat: FakeChat): (call: RecordedCall) => boolean {
  return (c) => c.method === "sendMessage" && c.status === 200 && c.payload.chat_id === chat.id;
}

let fake: FakeTelegramApi;
let app: App;
let cleanup: () => void;
let port: number;
let bot: Awaited<ReturnType<typeof startTelegram>>;
let hookUrl: string;

beforeAll(async () => {
  fake = await FakeTelegramApi.start();
  ({ app, cleanup } = await makeTestApp());
  port = await freePort();
  hookUrl = `http://127.0.0.1:${port}${HOOK_PATH}`;
  bot = await startTelegram(app, {
    token: fake.token,
    apiRoot: fake.apiRoot,
    webhook: { url: hookUrl, secret: SECRET, host: "127.0.0.1", port, path: HOOK_PATH },
  });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  cleanup?.();
});

describe("telegram webhook mode", () => {
  it("sets the webhook with its secret and the updates it handles, and never polls", () => {
    expect(fake.callsTo("setWebhook")).toHaveLength(1);
    expect(fake.webhookSet).toEqual({
      url: hookUrl,
      secret: SECRET,
      allowedUpdates: ["message", "channel_post", "callback_query", "inline_query"],
    });
    expect(fake.callsTo("getUpdates")).toEqual([]);
    expect(bot.label).toBe(`telegram (@${fake.me.username}, webhook)`);
    expect(bot.connected()).toBe(true);
  });

  it("answers an update Telegram posts to the webhook", async () => {
    const { user, chat } = newChat();
    const { updateId } = fake.sendText(chat, user, "/stat 法律援助");
    const reply = await fake.waitFor(sentTo(chat));
    expect(String(reply.payload.text)).toContain("1114件");
    await fake.waitFor(() => fake.webhookDeliveries.some((d) => d.updateId === updateId && d.status === 200));
  });

  it("refuses a request without the right secret with 401, and does not answer it", async () => {
    const { user, chat } = newChat();
    const forged = (text: string, update_id: number) =>
      JSON.stringify({
        update_id,
        message: { message_id: 1, date: 0, chat, from: user, text },
      });
    const wrongSecret: Record<string, string>[] = [
      {
        "content-type": "application/json",
        "x-telegram-bot-api-secret-token": "wrong-secret-0123456789abcdef",
      },
      { "content-type": "application/json" },
    ];
    for (const headers of wrongSecret) {
      const response = await fetch(hookUrl, { method: "POST", headers, body: forged("/stat 公证", 990_001) });
      expect(response.status).toBe(401);
    }
    expect((await fetch(hookUrl)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/elsewhere`, { method: "POST" })).status).toBe(404);
    // A real update in the same chat after them: once it is answered, the forged ones would have been.
    fake.sendText(chat, user, "/stat 调解");
    const reply = await fake.waitFor(sentTo(chat));
    expect(String(reply.payload.text)).toContain("3298件");
    expect(fake.calls.filter(sentTo(chat))).toHaveLength(1);
  });

  it("removes the webhook when the bot is started with long polling again", async () => {
    await bot.stop();
    expect(bot.connected()).toBe(false);
    const polling = await startTelegram(app, { token: fake.token, apiRoot: fake.apiRoot });
    try {
      expect(fake.callsTo("deleteWebhook").length).toBeGreaterThan(0);
      expect(fake.webhookSet).toBeNull();
      const { user, chat } = newChat();
      fake.sendText(chat, user, "/stat 法律援助");
      expect(String((await fake.waitFor(sentTo(chat))).payload.text)).toContain("1114件");
      expect(fake.callsTo("getUpdates").filter((c) => c.status === 200).length).toBeGreaterThan(0);
    } finally {
      await polling.stop();
    }
  });
});

describe("npm start with TELEGRAM_WEBHOOK_URL", () => {
  it("serves the webhook behind a proxy, and stops cleanly on SIGTERM", async () => {
    const api = await FakeTelegramApi.start();
    const dir = mkdtempSync(join(tmpdir(), "report-bot-webhook-"));
    const hookPort = await freePort();
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        REPORTS_DIR: SEED_REPORTS,
        DATABASE_PATH: join(dir, "bot.sqlite"),
        LOG_LEVEL: "debug",
        TELEGRAM_BOT_TOKEN: api.token,
        TELEGRAM_API_ROOT: api.apiRoot,
        TELEGRAM_WEBHOOK_URL: `https://bot.example.org${HOOK_PATH}`,
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        TELEGRAM_WEBHOOK_PORT: String(hookPort),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    try {
      const set = await api.waitFor((c) => c.method === "setWebhook", 30_000);
      expect(set.payload.url).toBe(`https://bot.example.org${HOOK_PATH}`);
      // The proxy in front forwards https://bot.example.org/telegram/hook to the bot's port.
      const { user, chat } = newChat();
      const update = {
        update_id: 1,
        message: { message_id: 1, date: 0, chat, from: user, text: "/stat 法律援助" },
      };
      const response = await fetch(`http://127.0.0.1:${hookPort}${HOOK_PATH}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
        body: JSON.stringify(update),
      });
      expect(response.status).toBe(200);
      expect(String((await api.waitFor(sentTo(chat))).payload.text)).toContain("1114件");
      expect(output).toContain('"mode":"webhook"');
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(output).not.toContain(SECRET);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);
});
