/**
 * Flood limits end to end: the real Telegram and Discord adapters on one App, against the
 * loopback fakes. A flooding user gets their share, one polite notice, then silence, and the
 * others in the chat are answered right after: measured by the order of the replies, never
 * by the clock. The window is an hour, so no token comes back while a test runs.
 */
import { type APIInteractionResponse, type APIUser, InteractionResponseType, MessageFlags } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegram } from "../src/adapters/telegram/index.ts";
import type { App } from "../src/app.ts";
import { STILL_LIMITED } from "../src/command/messages.ts";
import type { FakeDiscord } from "./fakes/discord-server.ts";
import { type FakeChat, FakeTelegramApi, type FakeUser, type RecordedCall } from "./fakes/telegram-api.ts";
import { makeTestApp } from "./helpers/app.ts";
import { startOnFakeDiscord } from "./helpers/discord.ts";

const PER_USER = 5;
const PER_CHAT = 8;
const FLOOD = 1000;

let app: App;
let cleanup: () => void;

beforeAll(async () => {
  ({ app, cleanup } = await makeTestApp({
    RATE_LIMIT_PER_USER: String(PER_USER),
    RATE_LIMIT_PER_CHAT: String(PER_CHAT),
    RATE_LIMIT_WINDOW_S: "3600",
  }));
});
afterAll(() => cleanup?.());

describe("floods on Telegram", () => {
  let fake: FakeTelegramApi;
  let bot: { stop(): Promise<void> };
  let nextId = 7000;
  const newUser = (): FakeUser => ({ id: nextId++, is_bot: false, first_name: "用户", language_code: "zh" });
  const newGroup = (): FakeChat => ({ id: -1_000_000_000_000 - nextId++, type: "supergroup", title: "群" });
  const sentTo = (chat: FakeChat) => (c: RecordedCall) =>
    c.method === "sendMessage" && c.status === 200 && c.payload.chat_id === chat.id;
  const repliedTo = (c: RecordedCall | undefined) =>
    (c?.payload.reply_parameters as { message_id?: number } | undefined)?.message_id;
  const textOf = (c: RecordedCall | undefined) => String(c?.payload.text);

  beforeAll(async () => {
    fake = await FakeTelegramApi.start();
    bot = await startTelegram(app, { token: fake.token, apiRoot: fake.apiRoot });
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it("answers a user's 1,000 commands with their share and one notice, and the next user right after", async () => {
    const group = newGroup();
    const spammer = newUser();
    const other = newUser();
    const last = newUser();
    const flood = Array.from({ length: FLOOD / 2 }, () => fake.sendText(group, spammer, "/stat 法律援助"));
    const asked = fake.sendText(group, other, "/stat 法律援助");
    flood.push(...Array.from({ length: FLOOD / 2 }, () => fake.sendText(group, spammer, "/stat 公证")));
    // One chat's updates are handled in order: once the last one is answered, all are done.
    const closing = fake.sendText(group, last, "/stat 法律援助");
    await fake.waitFor((c) => sentTo(group)(c) && repliedTo(c) === closing.messageId, 60_000);

    const replies = fake.calls.filter(sentTo(group));
    expect(replies).toHaveLength(PER_USER + 3);
    const served = flood.slice(0, PER_USER).map((m) => m.messageId);
    expect(replies.slice(0, PER_USER).map(repliedTo)).toEqual(served);
    for (const reply of replies.slice(0, PER_USER)) expect(textOf(reply)).toContain("1114件");
    // The one notice, polite and saying when to try again; then nothing more for the spammer.
    expect(textOf(replies[PER_USER])).toBe("消息太频繁了 (每人每60分钟最多5条), 请12分钟后再试。");
    // The other user waited for no more than the spammer's share and the notice.
    expect(repliedTo(replies[PER_USER + 1])).toBe(asked.messageId);
    expect(textOf(replies[PER_USER + 1])).toContain("1114件");
    expect(repliedTo(replies[PER_USER + 2])).toBe(closing.messageId);
  }, 90_000);

  it("limits a whole chat: one notice for the chat, then silence, while other chats are served", async () => {
    const group = newGroup();
    const users = Array.from({ length: PER_CHAT + 4 }, newUser);
    for (const user of users) fake.sendText(group, user, "/stat 法律援助");
    const elsewhere = newGroup();
    const outsider = newUser();
    const closing = fake.sendText(elsewhere, outsider, "/stat 法律援助");
    await fake.waitFor((c) => sentTo(elsewhere)(c) && repliedTo(c) === closing.messageId);
    // One chat's updates are handled in order, a button press too (an expired one is answered
    // before any limit is asked): once it is answered, every command before it was handled.
    const press = fake.pressButton(group, users[0] as FakeUser, 1, "k:expired");
    await fake.waitFor((c) => c.method === "answerCallbackQuery" && c.payload.callback_query_id === press);

    const replies = fake.calls.filter(sentTo(group));
    expect(replies).toHaveLength(PER_CHAT + 1);
    expect(replies.slice(0, PER_CHAT).every((r) => textOf(r).includes("1114件"))).toBe(true);
    expect(textOf(replies[PER_CHAT])).toMatch(/^这个聊天里的命令太多了 \(每60分钟最多8条\)/);
  });
});

describe("floods on Discord", () => {
  let fake: FakeDiscord;
  let stopDiscord: () => Promise<void>;

  beforeAll(async () => {
    ({ fake, stop: stopDiscord } = await startOnFakeDiscord(app));
  });
  afterAll(() => stopDiscord?.());

  const ephemeralText = (response: APIInteractionResponse): string | null => {
    if (response.type !== InteractionResponseType.ChannelMessageWithSource) return null;
    const flags = response.data.flags ?? 0;
    return (flags & MessageFlags.Ephemeral) !== 0 ? (response.data.content ?? "") : null;
  };
  const isAnswer = (response: APIInteractionResponse) =>
    response.type === InteractionResponseType.ChannelMessageWithSource &&
    JSON.stringify(response.data.embeds).includes("1114件");

  it("gives a flooding user their share, one polite notice, then short private replies; others are served", async () => {
    const spammer: APIUser = fake.newUser("spammer");
    const other: APIUser = fake.newUser("other");
    const flood = Array.from({ length: 40 }, () =>
      fake.injectCommand("stat", { keywords: "法律援助" }, { user: spammer }),
    );
    const button = fake.injectButton("c:/stat 法律援助 page:2", { user: spammer });
    const typing = fake.injectAutocomplete("stat", "keywords", "法律", { user: spammer });
    const asked = fake.injectCommand("stat", { keywords: "法律援助" }, { user: other });
    const othersTyping = fake.injectAutocomplete("stat", "keywords", "法律", { user: other });

    const responses: APIInteractionResponse[] = [];
    for (const id of flood) responses.push(await fake.response(id));
    expect(responses.slice(0, PER_USER).every(isAnswer)).toBe(true);
    const refused = responses.slice(PER_USER).map(ephemeralText);
    for (const response of responses.slice(PER_USER)) {
      if (response.type !== InteractionResponseType.ChannelMessageWithSource) throw new Error("not a reply");
      expect(response.data.allowed_mentions).toEqual({ parse: [] });
    }
    expect(refused[0]).toBe("消息太频繁了 (每人每60分钟最多5条), 请12分钟后再试。");
    expect(refused.slice(1)).toEqual(Array(40 - PER_USER - 1).fill(STILL_LIMITED.zh));
    // A press is acknowledged without a word; typing offers nothing.
    expect((await fake.response(button)).type).toBe(InteractionResponseType.DeferredMessageUpdate);
    expect(await fake.response(typing)).toEqual({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: [] },
    });
    // The other user in the same channel is answered as if nothing had happened.
    expect(isAnswer(await fake.response(asked))).toBe(true);
    const choices = await fake.response(othersTyping);
    expect(JSON.stringify(choices)).toContain("法律援助");
  });
});
