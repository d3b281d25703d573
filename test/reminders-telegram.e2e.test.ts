/**
 * Work-plan reminders end to end on Telegram: the real grammY adapter and the real Telegram
 * messenger against the fake Bot API on 127.0.0.1, the reminder service on a fake clock that
 * the test moves and ticks by hand. Commands go in as chat messages; reminders are read off
 * the sendMessage calls the fake recorded.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startTelegram } from "../src/adapters/telegram/index.ts";
import { type App, createApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/log.ts";
import {
  type FakeChat,
  FakeTelegramApi,
  type FakeUser,
  type RecordedCall,
  TEST_TOKEN,
  visibleText,
} from "./fakes/telegram-api.ts";
import { makeTestApp } from "./helpers/app.ts";
import { FakeClock } from "./helpers/fake-clock.ts";

/** Monday 30 November 2026, 08:59 in Shanghai. */
const MONDAY_0859_SHANGHAI = Date.parse("2026-11-30T00:59:00Z");
const NINE_THIRTY_SECONDS = Date.parse("2026-11-30T01:00:30Z");
const DAY = 86_400_000;

let nextId = 70_000;
function newUser(): FakeUser {
  const id = nextId++;
  return { id, is_bot: false, first_name: `用户${id}`, language_code: "zh-hans" };
}
function newGroup(): FakeChat {
  return { id: -1_000_000_000_000 - nextId++, type: "supergroup", title: "县司法局" };
}

function to(chatId: number | string): (call: RecordedCall) => boolean {
  return (c) => c.method === "sendMessage" && String(c.payload.chat_id) === String(chatId);
}
function delivered(fake: FakeTelegramApi, chatId: number | string): string[] {
  return fake.calls
    .filter((c) => to(chatId)(c) && c.status === 200)
    .map((c) => visibleText(String(c.payload.text)));
}
function reminders(fake: FakeTelegramApi, chatId: number | string): string[] {
  return delivered(fake, chatId).filter((text) => text.includes("工作安排 第"));
}

const teardowns: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const teardown of teardowns.splice(0).reverse()) await teardown();
});

async function startBot(fake: FakeTelegramApi, app: App, broadcastPerSecond?: number) {
  const bot = await startTelegram(app, {
    token: TEST_TOKEN,
    apiRoot: fake.apiRoot,
    ...(broadcastPerSecond ? { broadcastPerSecond } : {}),
  });
  app.delivery.attach(bot.messenger);
  return bot;
}

/**
 * A fake Bot API, an app on its own database with the reminders on a fake clock (Monday
 * 08:59 in Shanghai), and the Telegram adapter with its messenger attached.
 */
async function setup(broadcastPerSecond?: number) {
  const clock = new FakeClock(MONDAY_0859_SHANGHAI);
  const fake = await FakeTelegramApi.start();
  const { app, dir } = await makeTestApp({ REMINDER_MIN_INTERVAL_S: "60" }, undefined, clock.now);
  const bot = await startBot(fake, app, broadcastPerSecond);
  let running = true;
  /** Stops the adapter and closes the database, as a process ends. */
  const stop = async () => {
    if (!running) return;
    running = false;
    await app.delivery.shutdown();
    await bot.stop();
    app.close();
  };
  teardowns.push(async () => {
    await stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });
  /** A user writes in a chat; resolves with the text of the bot's next message there. */
  const say = async (chat: FakeChat, user: FakeUser, text: string) => {
    const before = fake.calls.length;
    fake.sendText(chat, user, text);
    const reply = await fake.waitFor((c) => fake.calls.indexOf(c) >= before && to(chat.id)(c));
    return visibleText(String(reply.payload.text));
  };
  return { fake, app, clock, dir, say, stop, tick: () => app.delivery.tick() };
}

describe("reminders on Telegram", () => {
  it("refuses a group member, subscribes an admin, and sends the plan items in rotation", async () => {
    const { fake, app, clock, say, tick } = await setup();
    const group = newGroup();
    const member = newUser();
    const admin = newUser();
    fake.setMemberStatus(group, admin, "administrator");

    expect(await say(group, member, "/subscribe daily 09:00")).toContain("只有本群或频道的管理员");
    expect(app.subscriptions.forChat({ platform: "telegram", chatId: String(group.id) })).toEqual([]);

    const confirmation = await say(group, admin, "/subscribe daily 09:00");
    expect(confirmation).toContain("已订阅");
    expect(confirmation).toContain("2026-11-30 09:00");
    expect(confirmation).toContain("2026-12-01 09:00");
    expect(confirmation).toContain("2026-12-02 09:00");
    const [sub] = app.subscriptions.forChat({ platform: "telegram", chatId: String(group.id) });
    expect(sub?.cron).toBe("0 9 * * *");

    clock.set(NINE_THIRTY_SECONDS);
    await tick();
    clock.advance(DAY);
    await tick();
    await tick(); // nothing more in the same slot
    const sent = reminders(fake, group.id);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toContain("2022年度工作安排 第1/8项");
    expect(sent[0]).toContain(`/unsubscribe ${sub?.id}`);
    expect(sent[1]).toContain("2022年度工作安排 第2/8项");

    // Anyone may list; only admins may unsubscribe.
    const listed = await say(group, member, "/subscriptions");
    expect(listed).toContain(`#${sub?.id}`);
    expect(listed).toContain("已发送第2/8项");
    expect(await say(group, member, `/unsubscribe ${sub?.id}`)).toContain("管理员");
    expect(await say(group, admin, `/unsubscribe ${sub?.id}`)).not.toContain("管理员");
    expect(app.subscriptions.forChat({ platform: "telegram", chatId: String(group.id) })).toEqual([]);
    clock.advance(DAY);
    await tick();
    expect(reminders(fake, group.id)).toHaveLength(2);
  });

  it("takes an anonymous group admin and a channel post as admins, asking Telegram nothing", async () => {
    const { fake, app, say } = await setup();
    const group = newGroup();
    const before = fake.callsTo("getChatMember").length;
    fake.pushUpdate({
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: group,
        sender_chat: group,
        from: { id: 1087968824, is_bot: true, first_name: "Group", username: "GroupAnonymousBot" },
        text: "/subscribe weekly 10:00",
      },
    });
    await fake.waitFor((c) => to(group.id)(c) && visibleText(String(c.payload.text)).includes("已订阅"));
    const channel: FakeChat = { id: -1_000_000_000_000 - nextId++, type: "channel", title: "普法频道" };
    fake.postToChannel(channel, "/subscribe monthly");
    await fake.waitFor((c) => to(channel.id)(c) && visibleText(String(c.payload.text)).includes("已订阅"));
    expect(fake.callsTo("getChatMember").length).toBe(before);
    expect(app.subscriptions.forChat({ platform: "telegram", chatId: String(channel.id) })[0]?.kind).toBe(
      "monthly",
    );
    // A member of an ordinary group is looked up.
    await say(newGroup(), newUser(), "/subscribe");
    expect(fake.callsTo("getChatMember").length).toBe(before + 1);
  });

  it("sends reminders of a forum topic's subscription into that topic", async () => {
    const { fake, clock, tick } = await setup();
    const forum = newGroup();
    const admin = newUser();
    fake.setMemberStatus(forum, admin, "creator");
    fake.pushUpdate({
      message: {
        message_id: 7,
        message_thread_id: 42,
        is_topic_message: true,
        date: Math.floor(Date.now() / 1000),
        chat: { ...forum, is_forum: true },
        from: admin,
        text: "/subscribe daily 09:00",
      },
    });
    await fake.waitFor((c) => to(forum.id)(c) && visibleText(String(c.payload.text)).includes("已订阅"));
    clock.set(NINE_THIRTY_SECONDS);
    await tick();
    const reminder = fake.calls.find((c) => to(forum.id)(c) && String(c.payload.text).includes("第1/8项"));
    expect(reminder?.payload.message_thread_id).toBe(42);
  });

  it("waits out a 429 for its retry_after, then delivers the reminder once", async () => {
    const { fake, app, clock, say, tick } = await setup();
    const user = newUser();
    const chat: FakeChat = { id: user.id, type: "private", first_name: user.first_name };
    await say(chat, user, "/subscribe daily 09:00");
    fake.failNext("sendMessage", 7);
    clock.set(NINE_THIRTY_SECONDS);
    await tick();
    expect(fake.calls.filter((c) => to(chat.id)(c) && c.status === 429)).toHaveLength(1);
    expect(reminders(fake, chat.id)).toEqual([]);
    clock.advance(3_000);
    await tick(); // still inside retry_after: nothing is tried
    expect(fake.calls.filter((c) => to(chat.id)(c) && c.status === 429)).toHaveLength(1);
    clock.advance(5_000);
    await tick();
    await tick();
    expect(reminders(fake, chat.id)).toHaveLength(1);
    expect(
      app.subscriptions.forChat({ platform: "telegram", chatId: String(chat.id) })[0]?.lastResult,
    ).toContain("已发送第1/8项");
  });

  it("deactivates the subscription of a chat that blocked the bot, and lists it as stopped", async () => {
    const { fake, app, clock, say, tick } = await setup();
    const user = newUser();
    const chat: FakeChat = { id: user.id, type: "private", first_name: user.first_name };
    await say(chat, user, "/subscribe daily 09:00");
    const gone = newGroup();
    const admin = newUser();
    fake.setMemberStatus(gone, admin, "administrator");
    await say(gone, admin, "/subscribe daily 09:00");
    fake.closeChat(chat.id, 403, "Forbidden: bot was blocked by the user");
    fake.closeChat(gone.id, 400, "Bad Request: chat not found");
    clock.set(NINE_THIRTY_SECONDS);
    await tick();
    for (const id of [chat.id, gone.id]) {
      const [sub] = app.subscriptions.forChat({ platform: "telegram", chatId: String(id) });
      expect(sub?.active).toBe(false);
    }
    // Nothing more is tried there, and the list says why it stopped.
    clock.advance(DAY);
    await tick();
    expect(fake.calls.filter((c) => to(chat.id)(c) && c.status === 403)).toHaveLength(1);
    const listed = await app.dispatcher.handle({
      command: "subscriptions",
      args: "",
      chat: { platform: "telegram", id: String(chat.id), kind: "private" },
      userId: String(user.id),
      locale: "zh",
      isChatAdmin: true,
    });
    expect(listed.text).toContain("已停用");
    expect(listed.text).toContain("blocked");
  });

  it("follows a group upgraded to a supergroup to its new chat id", async () => {
    const { fake, app, clock, say, tick } = await setup();
    const group: FakeChat = { id: -nextId++, type: "group", title: "旧群" };
    const admin = newUser();
    fake.setMemberStatus(group, admin, "administrator");
    await say(group, admin, "/subscribe daily 09:00");
    const supergroupId = -1_000_000_000_000 - nextId++;
    fake.closeChat(group.id, 400, "Bad Request: group chat was upgraded to a supergroup chat", {
      migrate_to_chat_id: supergroupId,
    });
    clock.set(NINE_THIRTY_SECONDS);
    await tick();
    await tick();
    expect(reminders(fake, supergroupId)).toHaveLength(1);
    expect(reminders(fake, supergroupId)[0]).toContain("第1/8项");
    expect(app.subscriptions.forChat({ platform: "telegram", chatId: String(group.id) })).toEqual([]);
    expect(app.subscriptions.forChat({ platform: "telegram", chatId: String(supergroupId) })).toHaveLength(1);
  });

  it("after downtime over several slots sends one catch-up reminder, inside the grace period only", async () => {
    const { fake, app, clock, say, tick } = await setup();
    const user = newUser();
    await say({ id: user.id, type: "private" }, user, "/subscribe daily 09:00");
    // Down from before Monday's 09:00 until Thursday 12:00 in Shanghai: four slots missed, the
    // latest 3 h ago, inside the 12 h grace period. One reminder, the next item, not four.
    clock.set(Date.parse("2026-12-03T04:00:00Z"));
    await tick();
    await tick();
    expect(reminders(fake, user.id)).toHaveLength(1);
    expect(reminders(fake, user.id)[0]).toContain("第1/8项");
    // Down again until Friday 22:00: Friday's slot was 13 h ago, too old to be worth sending.
    clock.set(Date.parse("2026-12-04T14:00:00Z"));
    await tick();
    expect(reminders(fake, user.id)).toHaveLength(1);
    expect(
      app.subscriptions.forChat({ platform: "telegram", chatId: String(user.id) })[0]?.lastResult,
    ).toContain("跳过");
    // The next slot is sent as usual, with the next item.
    clock.set(Date.parse("2026-12-05T01:00:10Z"));
    await tick();
    expect(reminders(fake, user.id)[1]).toContain("第2/8项");
  });

  it("delivers each slot exactly once to 1,000 chats across a restart in mid-broadcast", async () => {
    const { fake, app, clock, dir, stop } = await setup(1000);
    const chats = Array.from({ length: 1000 }, (_, i) => String(900_000 + i));
    for (const chatId of chats) {
      app.subscriptions.subscribe(
        { platform: "telegram", chatId, threadId: null },
        { kind: "daily", cron: "0 9 * * *" },
        "Asia/Shanghai",
        "admin",
      );
    }
    clock.set(NINE_THIRTY_SECONDS);
    const isSent = (c: RecordedCall) => c.method === "sendMessage" && c.status === 200;
    const broadcast = app.delivery.tick();
    await fake.waitForCount(isSent, 300);
    // SIGTERM in mid-broadcast: the message in flight is finished and recorded, no other starts.
    await stop();
    await broadcast;
    const beforeRestart = fake.calls.filter(isSent).length;
    expect(beforeRestart).toBeGreaterThanOrEqual(300);
    expect(beforeRestart).toBeLessThan(1000);

    // A new process on the same database file, a minute later.
    clock.advance(60_000);
    const config = loadConfig({
      REPORTS_DIR: join(dir, "reports"),
      DATABASE_PATH: join(dir, "bot.sqlite"),
    });
    const restarted = await createApp(config, createLogger("silent"), clock.now);
    await restarted.loaded();
    const bot = await startBot(fake, restarted, 1000);
    teardowns.push(async () => {
      await bot.stop();
      restarted.close();
    });
    await restarted.delivery.tick();
    await restarted.delivery.tick();

    const perChat = new Map<string, number>();
    for (const call of fake.calls.filter(isSent)) {
      const id = String(call.payload.chat_id);
      perChat.set(id, (perChat.get(id) ?? 0) + 1);
    }
    expect(chats.filter((id) => perChat.get(id) !== 1)).toEqual([]);
    expect(restarted.store.deliveries.counts()).toMatchObject({ sent: 1000 });
  });
});
