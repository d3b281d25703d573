/**
 * Work-plan reminders end to end on Discord: the real discord.js client and the Discord
 * messenger against the fake Discord (REST + gateway on 127.0.0.1), the reminder service on
 * a fake clock that the test moves and ticks by hand.
 */
import {
  type APIEmbed,
  type APIInteractionResponse,
  InteractionResponseType,
  MessageFlags,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
} from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app.ts";
import type { FakeDiscord, InteractionSetup } from "./fakes/discord-server.ts";
import { makeTestApp } from "./helpers/app.ts";
import { startOnFakeDiscord } from "./helpers/discord.ts";
import { FakeClock } from "./helpers/fake-clock.ts";

const ADMIN: InteractionSetup = { permissions: PermissionFlagsBits.ManageChannels };

/** The text of a reply to a slash command, and whether only the asker sees it. */
function replyOf(response: APIInteractionResponse): { text: string; ephemeral: boolean } {
  if (response.type !== InteractionResponseType.ChannelMessageWithSource) {
    throw new Error(`expected a message, got response type ${response.type}`);
  }
  return {
    text: JSON.stringify(response.data.embeds ?? response.data.content),
    ephemeral: ((response.data.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
  };
}

describe("reminders on Discord", () => {
  const clock = new FakeClock(Date.parse("2027-03-22T06:00:00Z"));
  let fake: FakeDiscord;
  let app: App;
  let cleanup: () => void;
  let stopDiscord: () => Promise<void>;

  beforeAll(async () => {
    ({ app, cleanup } = await makeTestApp({ REMINDER_MIN_INTERVAL_S: "60" }, undefined, clock.now));
    const started = await startOnFakeDiscord(app);
    ({ fake, stop: stopDiscord } = started);
    app.delivery.attach(started.bot.messenger);
  });

  afterAll(async () => {
    await app?.delivery.shutdown();
    await stopDiscord?.();
    cleanup?.();
  });

  const command = async (name: string, options: Record<string, string>, setup: InteractionSetup = {}) =>
    replyOf(await fake.response(fake.injectCommand(name, options, setup)));
  const embedsTo = (channelId: string): APIEmbed[] =>
    fake.channelMessages(channelId).flatMap((c) => (c.body as { embeds?: APIEmbed[] }).embeds ?? []);

  it("registers /subscribe and /unsubscribe for channel managers by default, /timezone for all", () => {
    const put = fake.callsTo("PUT", /\/commands$/).at(-1)?.body as {
      name: string;
      default_member_permissions: string | null;
    }[];
    const permissions = Object.fromEntries(put.map((c) => [c.name, c.default_member_permissions]));
    expect(permissions.subscribe).toBe(String(PermissionFlagsBits.ManageChannels));
    expect(permissions.unsubscribe).toBe(String(PermissionFlagsBits.ManageChannels));
    expect(permissions.timezone).toBeNull();
    expect(permissions.subscriptions).toBeNull();
  });

  it("autocompletes time zone names", async () => {
    const id = fake.injectAutocomplete("timezone", "zone", "berl");
    const response = await fake.response(id);
    if (response.type !== InteractionResponseType.ApplicationCommandAutocompleteResult)
      throw new Error("no choices");
    expect(response.data.choices?.map((c) => c.value)).toContain("Europe/Berlin");
  });

  it("refuses a member without Manage Channels, privately; subscribes a manager", async () => {
    const refused = await command("subscribe", { schedule: "daily", time: "09:00" });
    expect(refused.ephemeral).toBe(true);
    expect(refused.text).toContain("管理员");
    expect(app.subscriptions.forChat({ platform: "discord", chatId: fake.channelId })).toEqual([]);

    expect((await command("timezone", { zone: "Europe/Berlin" })).text).toContain("管理员");
    expect((await command("timezone", { zone: "Europe/Berlin" }, ADMIN)).text).toContain("Europe/Berlin");
    const confirmed = await command("subscribe", { schedule: "daily", time: "09:00" }, ADMIN);
    expect(confirmed.ephemeral).toBe(false);
    expect(confirmed.text).toContain("已订阅");
    expect(confirmed.text).toContain("Europe/Berlin");
    expect(app.subscriptions.forChat({ platform: "discord", chatId: fake.channelId })).toHaveLength(1);
  });

  it("posts the reminders to the channel at 09:00 Berlin time on both sides of the DST change", async () => {
    // 09:00 in Berlin is 08:00 UTC in winter time and 07:00 UTC from Sunday 28 March 2027.
    clock.set(Date.parse("2027-03-27T08:00:05Z"));
    await app.delivery.tick();
    clock.set(Date.parse("2027-03-28T07:00:05Z"));
    await app.delivery.tick();
    const titles = embedsTo(fake.channelId).map((e) => e.title ?? "");
    expect(titles).toHaveLength(2);
    expect(titles[0]).toContain("2022年度工作安排 第1/8项");
    expect(titles[1]).toContain("2022年度工作安排 第2/8项");
    const body = fake.channelMessages(fake.channelId)[0]?.body as { allowed_mentions?: unknown };
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it("takes a cron pattern given alone as the cron option, in a DM", async () => {
    const reply = await command("subscribe", { cron: "0 30 8 * * 1-5" }, { dm: true });
    expect(reply.text).toContain("已订阅");
    expect(app.subscriptions.forChat({ platform: "discord", chatId: fake.dmChannelId })[0]?.cron).toBe(
      "0 30 8 * * 1-5",
    );
  });

  it("posts a thread's reminders into the thread", async () => {
    await command("subscribe", { schedule: "daily", time: "10:00" }, { ...ADMIN, thread: true });
    expect(app.subscriptions.forChat({ platform: "discord", chatId: fake.threadId })).toHaveLength(1);
    clock.set(Date.parse("2027-03-29T02:00:05Z")); // 10:00 in Shanghai, the thread's zone
    await app.delivery.tick();
    expect(embedsTo(fake.threadId).map((e) => e.title)).toEqual([expect.stringContaining("第1/8项")]);
  });

  it("deactivates a subscription whose channel is gone, and lists it as stopped", async () => {
    fake.closeChannel(fake.threadId, 404, RESTJSONErrorCodes.UnknownChannel, "Unknown Channel");
    clock.advance(86_400_000);
    await app.delivery.tick();
    const [sub] = app.subscriptions.forChat({ platform: "discord", chatId: fake.threadId });
    expect(sub?.active).toBe(false);
    expect(sub?.inactiveReason).toContain(String(RESTJSONErrorCodes.UnknownChannel));
    // The channel's own subscription goes on.
    expect(app.subscriptions.forChat({ platform: "discord", chatId: fake.channelId })[0]?.active).toBe(true);
  });
});
