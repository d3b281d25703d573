/**
 * A second process polling the same token: Telegram answers our getUpdates with 409
 * Conflict while it polls. The bot keeps polling with back-off, logs one line, shows the
 * conflict in /healthz, and answers again by itself once the other process has stopped.
 */
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegram } from "../src/adapters/telegram/index.ts";
import type { App } from "../src/app.ts";
import { startHealthServer } from "../src/health.ts";
import { type FakeChat, FakeTelegramApi, type FakeUser } from "./fakes/telegram-api.ts";
import { makeTestApp } from "./helpers/app.ts";
import { capturingLogger, type LogLine } from "./helpers/log.ts";

const user: FakeUser = { id: 7101, is_bot: false, first_name: "用户", language_code: "zh-hans" };
const chat: FakeChat = { id: user.id, type: "private", first_name: user.first_name };
const BACKOFF = { firstMs: 50, maxMs: 400 };

let fake: FakeTelegramApi;
let app: App;
let cleanup: () => void;
let bot: Awaited<ReturnType<typeof startTelegram>>;
let health: Awaited<ReturnType<typeof startHealthServer>>;
let lines: LogLine[];
/** When each getUpdates arrived at the fake (performance.now()). */
const polls: { at: number; status: number }[] = [];

beforeAll(async () => {
  fake = await FakeTelegramApi.start();
  ({ app, cleanup } = await makeTestApp());
  ({ log: app.log, lines } = capturingLogger("debug"));
  fake.observe((call, at) => {
    if (call.method === "getUpdates") polls.push({ at, status: call.status });
  });
  bot = await startTelegram(app, { token: fake.token, apiRoot: fake.apiRoot, conflictBackoff: BACKOFF });
  health = await startHealthServer(app, 0, "127.0.0.1", { telegram: bot });
});

afterAll(async () => {
  await new Promise((resolve) => health?.close(resolve));
  await bot?.stop();
  await fake?.close();
  cleanup?.();
});

async function healthz(): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`http://127.0.0.1:${(health.address() as AddressInfo).port}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function answered(text: string): Promise<string> {
  const sent = fake.calls.length;
  fake.sendText(chat, user, text);
  const reply = await fake.waitFor(
    (c) => fake.calls.indexOf(c) >= sent && c.method === "sendMessage" && c.payload.chat_id === chat.id,
  );
  return String(reply.payload.text);
}

describe("another process polling the token", () => {
  it("is waited out with back-off, logged once, shown in /healthz, and polling resumes by itself", async () => {
    expect(await answered("/stat 法律援助")).toContain("1114件");
    expect((await healthz()).status).toBe(200);

    const otherStops = fake.otherPollerStarts();
    const conflicts = await fake.waitForCount((c) => c.method === "getUpdates" && c.status === 409, 6);
    expect(conflicts.length).toBeGreaterThanOrEqual(6);
    const { status, body } = await healthz();
    expect(status).toBe(503);
    expect(body).toMatchObject({
      ok: false,
      status: "down: telegram: another process is polling this token",
      adapters: { telegram: false },
    });
    // Polled again and again, less and less often: the waits double up to the cap.
    const refused = polls.filter((p) => p.status === 409).map((p) => p.at);
    const gaps = refused.slice(1).map((at, i) => at - (refused[i] ?? at));
    expect(gaps.at(-1)).toBeGreaterThanOrEqual(BACKOFF.maxMs * 0.9);
    expect(gaps[0]).toBeLessThan(BACKOFF.maxMs);

    otherStops();
    expect(await answered("/stat 调解")).toContain("3298件");
    expect((await healthz()).status).toBe(200);
    expect(bot.connected()).toBe(true);

    const said = lines.map((l) => l.msg);
    expect(said.filter((m) => m.includes("another process is polling this token"))).toHaveLength(1);
    expect(said).toContain("telegram polling resumed: the other process stopped");
    expect(said.filter((m) => m === "telegram refused a call")).toEqual([]);
    expect(said).not.toContain("telegram polling stopped");
  });
});
