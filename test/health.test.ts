/**
 * /healthz and /metrics on a real App with both adapters connected to the loopback fakes:
 * healthy while the adapters are connected and the database answers, 503 once one is not.
 */
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscord } from "../src/adapters/discord/index.ts";
import { startTelegram } from "../src/adapters/telegram/index.ts";
import type { App } from "../src/app.ts";
import { startHealthServer } from "../src/health.ts";
import { DISCORD_TEST_TOKEN, FakeDiscord } from "./fakes/discord-server.ts";
import { FakeTelegramApi } from "./fakes/telegram-api.ts";
import { makeTestApp } from "./helpers/app.ts";

let app: App;
let cleanup: () => void;
let telegramFake: FakeTelegramApi;
let discordFake: FakeDiscord;
let telegram: Awaited<ReturnType<typeof startTelegram>>;
let discord: Awaited<ReturnType<typeof startDiscord>>;
let server: Awaited<ReturnType<typeof startHealthServer>>;
let base: string;

beforeAll(async () => {
  ({ app, cleanup } = await makeTestApp());
  telegramFake = await FakeTelegramApi.start();
  discordFake = await FakeDiscord.start();
  telegram = await startTelegram(app, { token: telegramFake.token, apiRoot: telegramFake.apiRoot });
  discord = await startDiscord(app, {
    token: DISCORD_TEST_TOKEN,
    applicationId: discordFake.applicationId,
    apiRoot: discordFake.apiRoot,
  });
  server = await startHealthServer(app, 0, "127.0.0.1", { telegram, discord });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await telegram?.stop();
  await discord?.stop();
  await telegramFake?.close();
  await discordFake?.stop();
  cleanup?.();
});

describe("the health server", () => {
  it("listens on loopback and serves nothing but /healthz and /metrics", async () => {
    expect((server.address() as AddressInfo).address).toBe("127.0.0.1");
    expect((await fetch(`${base}/`)).status).toBe(404);
  });

  it("counts answers and cache hits in /metrics", async () => {
    const invocation = {
      chat: { platform: "telegram" as const, id: "1", kind: "private" as const },
      userId: "1",
      locale: "zh" as const,
      isChatAdmin: true,
    };
    for (let i = 0; i < 2; i++) await app.dispatcher.handle({ ...invocation, command: "toc", args: "" });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^reportbot_answers_total\{command="toc"\} 2$/m);
    expect(metrics).toMatch(/^reportbot_cache_hits_total [1-9]\d*$/m);
    expect(metrics).toMatch(/^reportbot_cache_hit_ratio 0\.\d+$/m);
  });

  it("is healthy while both adapters are connected and the database answers", async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      status: "ok",
      database: true,
      writes: "ok",
      adapters: { telegram: true, discord: true },
      deliversReminders: false,
    });
  });

  it("says whether this process holds the reminder lease, once its delivery loop has run", async () => {
    app.delivery.attach(telegram.messenger);
    await app.delivery.tick();
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({
      ok: true,
      deliversReminders: true,
    });
    expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/^reportbot_reminder_lease 1$/m);
  });

  it("says 503, naming the adapter, once one is no longer connected", async () => {
    await discord.stop();
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      ok: false,
      status: "down: discord: not connected",
      database: true,
      writes: "ok",
      adapters: { telegram: true, discord: false },
      deliversReminders: true,
    });
    await telegram.stop();
    expect(((await (await fetch(`${base}/healthz`)).json()) as { adapters: unknown }).adapters).toEqual({
      telegram: false,
      discord: false,
    });
  });
});
