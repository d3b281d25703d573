/**
 * The real Telegram adapter (grammY, runner, auto-retry) against a fake Bot API on
 * 127.0.0.1: updates go in as Telegram would send them, and the calls the bot makes are
 * checked. Every test uses its own chats and users, so the tests do not wait on each other.
 */
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTelegram } from "../src/adapters/telegram/index.ts";
import type { Answer } from "../src/answer/answer.ts";
import { answer as buildAnswer } from "../src/answer/build.ts";
import type { App } from "../src/app.ts";
import type { Invocation } from "../src/command/types.ts";
import {
  checkTelegramHtml,
  type FakeChat,
  FakeTelegramApi,
  type FakeUser,
  type RecordedCall,
  TEST_TOKEN,
  visibleText,
} from "./fakes/telegram-api.ts";
import { makeTestApp } from "./helpers/app.ts";

const APOLOGY = "抱歉, 处理这条消息时出了错, 已记录。";

let nextId = 5000;
function newUser(languageCode = "zh-hans"): FakeUser {
  const id = nextId++;
  return { id, is_bot: false, first_name: `用户${id}`, language_code: languageCode };
}
function privateChat(user: FakeUser): FakeChat {
  return { id: user.id, type: "private", first_name: user.first_name };
}
function newGroup(): FakeChat {
  return { id: -1_000_000_000_000 - nextId++, type: "supergroup", title: "测试群" };
}

function textOf(call: RecordedCall): string {
  return String(call.payload.text);
}
function sentTo(chat: FakeChat): (call: RecordedCall) => boolean {
  return (c) => c.method === "sendMessage" && c.status === 200 && c.payload.chat_id === chat.id;
}
function repliesTo(chat: FakeChat, messageId: number): (call: RecordedCall) => boolean {
  return (c) =>
    sentTo(chat)(c) &&
    (c.payload.reply_parameters as { message_id?: number } | undefined)?.message_id === messageId;
}
interface Button {
  text: string;
  callback_data: string;
}
function buttonsOf(call: RecordedCall): Button[] {
  const markup = call.payload.reply_markup as { inline_keyboard?: Button[][] } | undefined;
  return markup?.inline_keyboard?.flat() ?? [];
}
function baseFor(chat: FakeChat, user: FakeUser): Omit<Invocation, "command" | "args"> {
  return {
    chat: { platform: "telegram", id: String(chat.id), kind: "private" },
    userId: String(user.id),
    locale: "zh",
    isChatAdmin: true,
  };
}

let fake: FakeTelegramApi;
let app: App;
let cleanup: () => void;
let bot: { stop(): Promise<void>; username: string };
const logLines: string[] = [];
const consoleError = vi.spyOn(console, "error");
const consoleLog = vi.spyOn(console, "log");

beforeAll(async () => {
  fake = await FakeTelegramApi.start();
  ({ app, cleanup } = await makeTestApp());
  // A plain logger that masks nothing: whatever the adapter logs is seen as written.
  app.log = pino({ level: "debug", base: undefined }, { write: (line: string) => void logLines.push(line) });
  bot = await startTelegram(app, { token: TEST_TOKEN, apiRoot: fake.apiRoot });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  cleanup?.();
  consoleError.mockRestore();
  consoleLog.mockRestore();
});

describe("telegram adapter, end to end", () => {
  it("connects with getMe and registers the registry's commands in zh and en", () => {
    expect(bot.username).toBe(fake.me.username);
    const menus = fake.callsTo("setMyCommands");
    const byLanguage = new Map(
      menus.map((c) => [String(c.payload.language_code ?? "default"), c.payload.commands] as const),
    );
    const zh = app.registry.commands.map((c) => ({ command: c.name, description: c.description.zh }));
    const en = app.registry.commands.map((c) => ({ command: c.name, description: c.description.en }));
    expect(menus).toHaveLength(3);
    expect(byLanguage.get("default")).toEqual(zh);
    expect(byLanguage.get("zh")).toEqual(zh);
    expect(byLanguage.get("en")).toEqual(en);
    expect(zh.map((c) => c.command)).toContain("stat");
  });

  it("answers /stat 法律援助 in a private chat with valid HTML that agrees with the JSON answer", async () => {
    const user = newUser();
    const chat = privateChat(user);
    fake.sendText(chat, user, "/stat 法律援助");
    const reply = await fake.waitFor(sentTo(chat));
    const html = textOf(reply);
    expect(reply.payload.parse_mode).toBe("HTML");
    expect(checkTelegramHtml(html)).toBeNull();
    expect(html).toMatch(/<b>[^<]*1114件<\/b>/);

    const json = await app.dispatcher.handle({ ...baseFor(chat, user), command: "stat", args: "法律援助" });
    expect(json.figures.length).toBeGreaterThan(0);
    const shown = visibleText(html);
    for (const f of json.figures) {
      expect(shown).toContain(`${f.label}: `);
      expect(shown).toContain(f.raw);
    }
  });

  it("answers /stat@<username> in a group and ignores commands for other bots", async () => {
    const user = newUser("en-US");
    const group = newGroup();
    const handle = vi.spyOn(app.dispatcher, "handle");
    try {
      const other = fake.sendText(group, user, "/stat@OtherBot 法律援助");
      const foreign = fake.sendText(group, user, "/frobnicate");
      const ours = fake.sendText(group, user, `/stat@${bot.username.toUpperCase()} 法律援助`);
      const reply = await fake.waitFor(repliesTo(group, ours.messageId));
      expect(textOf(reply)).toContain("1114件");
      // One chat's updates are handled in order: had the first two been answered, it would show by now.
      expect(fake.calls.filter(repliesTo(group, other.messageId))).toEqual([]);
      expect(fake.calls.filter(repliesTo(group, foreign.messageId))).toEqual([]);
      expect(fake.calls.filter(sentTo(group))).toHaveLength(1);

      const invocation = handle.mock.calls.map(([i]) => i).find((i) => i.chat.id === String(group.id));
      expect(invocation).toEqual({
        command: "stat",
        args: "法律援助",
        chat: { platform: "telegram", id: String(group.id), kind: "group" },
        userId: String(user.id),
        locale: "en",
        // A group member's rights are asked of Telegram only when a command needs them.
        isChatAdmin: false,
        checkAdmin: expect.any(Function),
      });
    } finally {
      handle.mockRestore();
    }
  });

  it("answers commands posted in a channel, as an admin", async () => {
    const channel: FakeChat = { id: -1_001_234_567_890, type: "channel", title: "报告频道" };
    const handle = vi.spyOn(app.dispatcher, "handle");
    try {
      fake.postToChannel(channel, "/stat 法律援助");
      const reply = await fake.waitFor(sentTo(channel));
      expect(textOf(reply)).toContain("1114件");
      const invocation = handle.mock.calls.map(([i]) => i).find((i) => i.chat.id === String(channel.id));
      expect(invocation?.chat.kind).toBe("channel");
      expect(invocation?.isChatAdmin).toBe(true);
    } finally {
      handle.mockRestore();
    }
  });

  it("treats plain text in a private chat as a question", async () => {
    const user = newUser();
    const chat = privateChat(user);
    fake.sendText(chat, user, "法律援助");
    const reply = await fake.waitFor(sentTo(chat));
    expect(textOf(reply)).toContain("1114件");
  });

  it("splits a long answer into several messages under 4096 characters", async () => {
    const user = newUser();
    const chat = privateChat(user);
    const items = Array.from({ length: 400 }, (_, i) => `第${i + 1}项: <规划> & 落实 ${"内容".repeat(8)}`);
    const long = buildAnswer("toc", {
      title: "很长的回答",
      blocks: [{ kind: "list", ordered: false, items }],
    });
    const handle = vi.spyOn(app.dispatcher, "handle").mockResolvedValueOnce(long);
    try {
      fake.sendText(chat, user, "/toc");
      await fake.waitFor((c) => sentTo(chat)(c) && visibleText(textOf(c)).includes(`• ${items.at(-1)}`));
      const messages = fake.calls.filter(sentTo(chat));
      expect(messages.length).toBeGreaterThanOrEqual(2);
      for (const m of messages) {
        expect(textOf(m).length).toBeLessThanOrEqual(4096);
        expect(checkTelegramHtml(textOf(m))).toBeNull();
      }
      expect(visibleText(textOf(messages[0] as RecordedCall))).toMatch(/^很长的回答\n/);
      // Nothing lost, nothing doubled.
      const shown = messages.map((m) => visibleText(textOf(m)));
      for (const item of items) expect(shown.filter((text) => text.includes(`• ${item}`))).toHaveLength(1);
    } finally {
      handle.mockRestore();
    }
  });

  describe("paging by button", () => {
    /** A keyword whose /stat answer has more than one page, found in the report itself. */
    async function manyMatches(chat: FakeChat, user: FakeUser): Promise<{ keyword: string; answer: Answer }> {
      for (const keyword of ["案件", "件", "万元", "人次", "项"]) {
        const answer = await app.dispatcher.handle({
          ...baseFor(chat, user),
          command: "stat",
          args: keyword,
        });
        if ((answer.paging?.pages ?? 0) >= 2) return { keyword, answer };
      }
      throw new Error("no keyword with more than one page of figures");
    }

    async function pressMore(typed: string, chat: FakeChat, user: FakeUser) {
      fake.sendText(chat, user, typed);
      const first = await fake.waitFor(sentTo(chat));
      const more = buttonsOf(first).find((b) => b.text.includes("更多"));
      expect(more, "a 更多 button under the first page").toBeDefined();
      const sent = first.result as { message_id: number };
      const queryId = fake.pressButton(chat, user, sent.message_id, more?.callback_data ?? "");
      const edit = await fake.waitFor((c) => c.method === "editMessageText" && c.payload.chat_id === chat.id);
      const ack = await fake.waitFor(
        (c) => c.method === "answerCallbackQuery" && c.payload.callback_query_id === queryId,
      );
      return { first, more, sent, edit, ack };
    }

    it("edits the message in place with page 2 and answers the callback query", async () => {
      const user = newUser();
      const chat = privateChat(user);
      const { keyword, answer } = await manyMatches(chat, user);
      const { more, sent, edit, ack } = await pressMore(`/stat ${keyword}`, chat, user);
      expect(more?.callback_data).toBe(`c:${answer.paging?.next?.command}`);
      expect(ack.status).toBe(200);
      expect(edit.status).toBe(200);
      expect(edit.payload.message_id).toBe(sent.message_id);
      const html = textOf(edit);
      expect(checkTelegramHtml(html)).toBeNull();
      expect(visibleText(html)).toContain(`第2/${answer.paging?.pages}页`);
      expect(buttonsOf(edit).some((b) => b.text.includes("上一页"))).toBe(true);

      const page2 = await app.dispatcher.handle({
        ...baseFor(chat, user),
        command: "stat",
        args: `${keyword} page:2`,
      });
      expect(page2.figures.length).toBeGreaterThan(0);
      const shown = visibleText(html);
      for (const f of page2.figures) {
        expect(shown).toContain(`${f.label}: `);
        expect(shown).toContain(f.raw);
      }
    });

    it("keeps a command line over 64 bytes behind a short key", async () => {
      const user = newUser();
      const chat = privateChat(user);
      const { keyword, answer } = await manyMatches(chat, user);
      // The same keyword again and again: the same figures, but a next-page line over 64 bytes.
      const typed = `/stat ${Array.from({ length: 20 }, () => keyword).join(" ")}`;
      const { more, edit } = await pressMore(typed, chat, user);
      expect(more?.callback_data).toMatch(/^k:/);
      expect(Buffer.byteLength(more?.callback_data ?? "", "utf8")).toBeLessThanOrEqual(64);
      expect(visibleText(textOf(edit))).toContain(`第2/${answer.paging?.pages}页`);
    });

    it("answers a press on an expired button with a short text", async () => {
      const user = newUser();
      const chat = privateChat(user);
      const queryId = fake.pressButton(chat, user, 1, "k:000000zz");
      const ack = await fake.waitFor(
        (c) => c.method === "answerCallbackQuery" && c.payload.callback_query_id === queryId,
      );
      expect(String(ack.payload.text)).toContain("过期");
      expect(fake.calls.some((c) => c.method === "editMessageText" && c.payload.chat_id === chat.id)).toBe(
        false,
      );
    });
  });

  it("answers inline queries with the matching figures as articles", async () => {
    const user = newUser();
    const queryId = fake.inlineQuery(user, "法律援助");
    const call = await fake.waitFor(
      (c) => c.method === "answerInlineQuery" && c.payload.inline_query_id === queryId,
    );
    expect(call.status).toBe(200);
    const results = call.payload.results as {
      type: string;
      title: string;
      description: string;
      input_message_content: { message_text: string; parse_mode: string };
    }[];
    const legalAid = results.find((r) => r.title.includes("1114件"));
    expect(legalAid?.type).toBe("article");
    expect(legalAid?.description).toMatch(/^\d/);
    expect(legalAid?.input_message_content.parse_mode).toBe("HTML");
    expect(legalAid?.input_message_content.message_text).toMatch(/<b>[^<]*1114件<\/b>/);
    for (const r of results) expect(checkTelegramHtml(r.input_message_content.message_text)).toBeNull();

    const emptyId = fake.inlineQuery(user, "  ");
    const empty = await fake.waitFor(
      (c) => c.method === "answerInlineQuery" && c.payload.inline_query_id === emptyId,
    );
    expect(empty.payload.results).toEqual([]);
    expect((empty.payload.button as { text?: string } | undefined)?.text).toBeTruthy();
  });

  it("answers an unknown command politely, naming /help", async () => {
    const user = newUser();
    const chat = privateChat(user);
    fake.sendText(chat, user, "/frobnicate");
    const reply = await fake.waitFor(sentTo(chat));
    expect(textOf(reply)).toContain("/help");
    expect(textOf(reply)).toContain("frobnicate");
  });

  it("escapes HTML and & in the user's own words", async () => {
    const user = newUser();
    const chat = privateChat(user);
    fake.sendText(chat, user, "/stat <b>粗体</b> & 不存在的词");
    const reply = await fake.waitFor(sentTo(chat));
    const html = textOf(reply);
    expect(checkTelegramHtml(html)).toBeNull();
    expect(html).toContain("&lt;b&gt;粗体&lt;/b&gt; &amp; 不存在的词");
    expect(visibleText(html)).toContain("<b>粗体</b> & 不存在的词");
  });

  it("waits out a 429 with retry_after and still delivers the answer", async () => {
    const user = newUser();
    const chat = privateChat(user);
    fake.failNext("sendMessage", 1);
    fake.sendText(chat, user, "/stat 法律援助");
    const attempts = await fake.waitForCount(
      (c) => c.method === "sendMessage" && c.payload.chat_id === chat.id,
      2,
    );
    expect(attempts.map((a) => a.status)).toEqual([429, 200]);
    expect(textOf(attempts[1] as RecordedCall)).toContain("1114件");
  });

  it("apologises when handling throws, logs it without the token, and keeps serving", async () => {
    const user = newUser();
    const chat = privateChat(user);
    const leak = new Error(`boom: request to ${fake.apiRoot}/bot${TEST_TOKEN}/getChat failed`);
    const handle = vi.spyOn(app.dispatcher, "handle").mockRejectedValueOnce(leak);
    try {
      const failed = fake.sendText(chat, user, "/stat 法律援助");
      fake.sendText(chat, user, "/stat 法律援助");
      const replies = await fake.waitForCount(sentTo(chat), 2);
      expect(textOf(replies[0] as RecordedCall)).toBe(APOLOGY);
      expect(textOf(replies[1] as RecordedCall)).toContain("1114件");
      const logged = logLines
        .map((l) => JSON.parse(l) as { msg: string; update_id?: number; err?: string })
        .find((l) => l.msg === "telegram update failed" && l.update_id === failed.updateId);
      expect(logged?.err).toContain("boom");
      expect(logged?.err).not.toContain(TEST_TOKEN);
    } finally {
      handle.mockRestore();
    }
  });

  it("survives a failed request (HttpError) and logs it without the token", async () => {
    const user = newUser();
    const chat = privateChat(user);
    fake.dropNext("sendMessage");
    const { updateId } = fake.sendText(chat, user, "/stat 法律援助");
    const apology = await fake.waitFor(sentTo(chat));
    expect(textOf(apology)).toBe(APOLOGY);
    const logged = logLines
      .map((l) => JSON.parse(l) as { msg: string; update_id?: number; err?: string })
      .find((l) => l.msg === "telegram update failed" && l.update_id === updateId);
    expect(logged?.err).toContain("HttpError");
    expect(logged?.err).toContain("sendMessage");
    expect(logged?.err).not.toContain(TEST_TOKEN);
  });

  it("rate-limits a user: one polite reply, then silence, while others are served", async () => {
    const spammer = newUser();
    const other = newUser();
    const group = newGroup();
    const sent = Array.from({ length: 22 }, () => fake.sendText(group, spammer, "/stat 法律援助"));
    const last = fake.sendText(group, other, "/stat 法律援助");
    await fake.waitFor(repliesTo(group, last.messageId));
    const replies = fake.calls.filter(sentTo(group));
    const answered = sent.filter((m) => replies.some(repliesTo(group, m.messageId)));
    expect(answered).toHaveLength(20);
    const polite = replies.filter((r) => textOf(r).includes("太频繁"));
    expect(polite).toHaveLength(1);
    expect(replies).toHaveLength(22);
  });

  it("answers one chat in order while other chats go ahead", async () => {
    const user = newUser();
    const chat = privateChat(user);
    const otherUser = newUser();
    const otherChat = privateChat(otherUser);
    const original = app.dispatcher.handle.bind(app.dispatcher);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let held = false;
    const handle = vi.spyOn(app.dispatcher, "handle").mockImplementation(async (invocation) => {
      // The first command of the first chat is slow.
      if (!held && invocation.chat.id === String(chat.id)) {
        held = true;
        await gate;
      }
      return original(invocation);
    });
    try {
      fake.sendText(chat, user, "/stat 法律援助");
      fake.sendText(chat, user, "/frobnicate");
      fake.sendText(otherChat, otherUser, "/frobnicate");
      // The other chat is answered while the first chat's first update is still held.
      await fake.waitFor(sentTo(otherChat));
      expect(fake.calls.filter(sentTo(chat))).toEqual([]);
      release();
      const replies = await fake.waitForCount(sentTo(chat), 2);
      expect(textOf(replies[0] as RecordedCall)).toContain("1114件");
      expect(textOf(replies[1] as RecordedCall)).toContain("/help");
    } finally {
      handle.mockRestore();
    }
  });

  it("never writes the token to the log or the console", () => {
    expect(logLines.length).toBeGreaterThan(0);
    const secret = TEST_TOKEN.split(":")[1] ?? TEST_TOKEN;
    for (const line of logLines) expect(line).not.toContain(secret);
    const printed = [...consoleError.mock.calls, ...consoleLog.mock.calls].flat().map(String);
    for (const text of printed) expect(text).not.toContain(secret);
  });
});

describe("command menu on restart", () => {
  it("is sent again only when it changed", async () => {
    const api = await FakeTelegramApi.start();
    const { app: quiet, cleanup: done } = await makeTestApp();
    try {
      for (let run = 0; run < 2; run++) {
        const handle = await startTelegram(quiet, { token: TEST_TOKEN, apiRoot: api.apiRoot });
        await handle.stop();
      }
      expect(api.callsTo("getMyCommands")).toHaveLength(6);
      expect(api.callsTo("setMyCommands")).toHaveLength(3);
    } finally {
      await api.close();
      done();
    }
  });
});
