/**
 * Questions in plain words through the real Telegram adapter and the loopback fake Bot API:
 * in a group the bot answers a message that @mentions it or replies to one of its messages
 * (and nothing else), /ask and /问 anywhere, any text in a private chat, and inline queries.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegram } from "../src/adapters/telegram/index.ts";
import type { App } from "../src/app.ts";
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

let nextId = 7000;
function newUser(): FakeUser {
  const id = nextId++;
  return { id, is_bot: false, first_name: `用户${id}`, language_code: "zh-hans" };
}
function newGroup(): FakeChat {
  return { id: -1_000_000_000_000 - nextId++, type: "supergroup", title: "法治办工作群" };
}

function repliesTo(chat: FakeChat, messageId: number): (call: RecordedCall) => boolean {
  return (c) =>
    c.method === "sendMessage" &&
    c.status === 200 &&
    c.payload.chat_id === chat.id &&
    (c.payload.reply_parameters as { message_id?: number } | undefined)?.message_id === messageId;
}
const shown = (call: RecordedCall) => visibleText(String(call.payload.text));

let fake: FakeTelegramApi;
let app: App;
let cleanup: () => void;
let bot: { stop(): Promise<void>; username: string };

beforeAll(async () => {
  fake = await FakeTelegramApi.start();
  ({ app, cleanup } = await makeTestApp());
  bot = await startTelegram(app, { token: TEST_TOKEN, apiRoot: fake.apiRoot });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  cleanup?.();
});

describe("questions on Telegram", () => {
  it("answers a group message that @mentions the bot, and not the chatter around it", async () => {
    const group = newGroup();
    const user = newUser();
    const chatter = fake.sendText(group, user, "法律援助案件有多少件?");
    const asked = fake.sendText(group, user, `@${bot.username} 法律援助案件有多少件?`);
    const reply = await fake.waitFor(repliesTo(group, asked.messageId));
    expect(checkTelegramHtml(String(reply.payload.text))).toBeNull();
    const text = shown(reply);
    expect(text.split("\n")[0]).toBe("按“法律援助案件”查找数字, 单位“件”优先");
    expect(text).toContain("1114件");
    expect(text).toContain("同样的结果: /stat 法律援助案件");
    // Everything before the mention was handled first (one chat is served in order).
    expect(fake.calls.filter(repliesTo(group, chatter.messageId))).toEqual([]);
  });

  it("answers a reply to one of its messages in a group", async () => {
    const group = newGroup();
    const user = newUser();
    const first = fake.sendText(group, user, `@${bot.username} 公证案件有多少件`);
    const answer = await fake.waitFor(repliesTo(group, first.messageId));
    const botMessage = (answer.result as { message_id: number }).message_id;
    const followUp = fake.sendText(group, user, "明年有什么工作安排?", { messageId: botMessage });
    const reply = await fake.waitFor(repliesTo(group, followUp.messageId));
    expect(shown(reply)).toContain("问的是工作安排");
    expect(shown(reply)).toContain("法治副主任");
    // A reply to another member's message is conversation.
    const aside = fake.sendText(group, user, "存在哪些问题?", { messageId: followUp.messageId, from: user });
    const after = fake.sendText(group, user, `@${bot.username} 存在哪些问题?`);
    await fake.waitFor(repliesTo(group, after.messageId));
    expect(fake.calls.filter(repliesTo(group, aside.messageId))).toEqual([]);
  });

  it("answers /ask and /问 in a group, addressed or not", async () => {
    const group = newGroup();
    const user = newUser();
    const ask = fake.sendText(group, user, "/ask 调解成功率是多少");
    const zh = fake.sendText(group, user, `/问@${bot.username} 欠薪投诉有几起`);
    expect(shown(await fake.waitFor(repliesTo(group, ask.messageId)))).toContain("99 %");
    expect(shown(await fake.waitFor(repliesTo(group, zh.messageId)))).toContain("229件");
  });

  it("answers any text in a private chat, English included", async () => {
    const user = newUser();
    const chat: FakeChat = { id: user.id, type: "private", first_name: user.first_name };
    fake.sendText(chat, user, "How many legal aid cases were handled?");
    const reply = await fake.waitFor(
      (c) => c.method === "sendMessage" && c.status === 200 && c.payload.chat_id === chat.id,
    );
    expect(shown(reply)).toContain("1114件");
  });

  it("turns the page of the last list on 下一页 and page:3 typed alone", async () => {
    const user = newUser();
    const chat: FakeChat = { id: user.id, type: "private", first_name: user.first_name };
    const toChat = (c: RecordedCall) =>
      c.method === "sendMessage" && c.status === 200 && c.payload.chat_id === chat.id;
    fake.sendText(chat, user, "/search 执法");
    await fake.waitFor(toChat);
    fake.sendText(chat, user, "下一页");
    await fake.waitFor((c) => toChat(c) && shown(c).includes("第2/5页"));
    fake.sendText(chat, user, "page:3");
    const third = await fake.waitFor((c) => toChat(c) && shown(c).includes("第3/5页"));
    expect(shown(third)).toContain("提到“执法”的句子");
  });

  it("says when the report has nothing on a question, with topics to ask about", async () => {
    const group = newGroup();
    const user = newUser();
    const asked = fake.sendText(group, user, `@${bot.username} 明天会下雨吗`);
    const reply = await fake.waitFor(repliesTo(group, asked.messageId));
    expect(shown(reply)).toContain("报告中没有相关内容");
    const buttons = (reply.payload.reply_markup as { inline_keyboard?: { text: string }[][] } | undefined)
      ?.inline_keyboard;
    expect(buttons?.flat().length).toBeGreaterThanOrEqual(2);
  });

  it("answers inline queries through the question path", async () => {
    const user = newUser();
    const figuresId = fake.inlineQuery(user, "法律援助案件有多少件");
    const figures = await fake.waitFor(
      (c) => c.method === "answerInlineQuery" && c.payload.inline_query_id === figuresId,
    );
    const articles = figures.payload.results as {
      title: string;
      input_message_content: { message_text: string };
    }[];
    expect(articles[0]?.title).toContain("1114件");

    const planId = fake.inlineQuery(user, "明年有什么工作安排");
    const plan = await fake.waitFor(
      (c) => c.method === "answerInlineQuery" && c.payload.inline_query_id === planId,
    );
    const [article] = plan.payload.results as {
      title: string;
      input_message_content: { message_text: string };
    }[];
    expect(article?.title).toBe("问的是工作安排");
    expect(checkTelegramHtml(article?.input_message_content.message_text ?? "")).toBeNull();
    expect(visibleText(article?.input_message_content.message_text ?? "")).toContain("法治副主任");
  });
});
