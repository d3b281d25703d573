/**
 * Charts on Telegram, end to end: the real grammY bot against the fake Bot API. A chart
 * goes out as sendPhoto (multipart, a PNG the fake checks) with a short caption, and the
 * text answer follows; the /section "图表" button sends the chart as new messages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegram } from "../src/adapters/telegram/index.ts";
import type { App } from "../src/app.ts";
import { PAGE_WIDTH } from "../src/chart/layout.ts";
import { PIXEL_RATIO } from "../src/chart/render.ts";
import type { UploadedFile } from "./fakes/multipart.ts";
import {
  type FakeChat,
  FakeTelegramApi,
  type FakeUser,
  type RecordedCall,
  TEST_TOKEN,
  visibleText,
} from "./fakes/telegram-api.ts";
import { makeTestApp } from "./helpers/app.ts";
import { decodePng } from "./helpers/png.ts";

let nextId = 7000;
function newUser(): FakeUser {
  const id = nextId++;
  return { id, is_bot: false, first_name: `用户${id}`, language_code: "zh-hans" };
}
function privateChat(user: FakeUser): FakeChat {
  return { id: user.id, type: "private", first_name: user.first_name };
}
const to = (method: string, chat: FakeChat) => (c: RecordedCall) =>
  c.method === method && c.status === 200 && c.payload.chat_id === chat.id;

function photoOf(call: RecordedCall): UploadedFile {
  const photo = call.payload.photo as UploadedFile | undefined;
  if (!photo || !Buffer.isBuffer(photo.data)) throw new Error("sendPhoto carried no file");
  return photo;
}

interface Button {
  text: string;
  callback_data: string;
}

let fake: FakeTelegramApi;
let app: App;
let cleanup: () => void;
let bot: { stop(): Promise<void> };

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

describe("charts on telegram", () => {
  it("sends /chart 政务服务 as a PNG photo with the title as caption, then the text answer", async () => {
    const user = newUser();
    const chat = privateChat(user);
    fake.sendText(chat, user, "/chart 政务服务");
    const photoCall = await fake.waitFor(to("sendPhoto", chat));
    const text = await fake.waitFor(to("sendMessage", chat));
    expect(fake.calls.indexOf(photoCall)).toBeLessThan(fake.calls.indexOf(text));

    expect(photoCall.payload.caption).toBe("“政务服务”相关数字 · 图表 (6项)");
    const file = photoOf(photoCall);
    expect(file.filename).toBe("chart.png");
    const png = decodePng(file.data);
    expect(png.width).toBe(PAGE_WIDTH * PIXEL_RATIO);
    const answer = await app.dispatcher.handleLine("/chart 政务服务", {
      chat: { platform: "telegram", id: String(chat.id), kind: "private" },
      userId: String(user.id),
      locale: "zh",
      isChatAdmin: true,
    });
    expect(png.height).toBe(answer.image?.height);

    // The text answer is still there, with its button back to every figure.
    const shown = visibleText(String(text.payload.text));
    expect(shown).toContain("马上办: 742项");
    const buttons = (text.payload.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toContain("全部数字");
  });

  it("answers the 图表 button under /section 1.7 with a new photo, leaving the section as it was", async () => {
    const user = newUser();
    const chat = privateChat(user);
    fake.sendText(chat, user, "/section 1.7");
    const section = await fake.waitFor(to("sendMessage", chat));
    const buttons = (section.payload.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard.flat();
    const chartButton = buttons.find((b) => b.text === "图表");
    if (!chartButton) throw new Error(`no 图表 button among ${buttons.map((b) => b.text).join(", ")}`);
    const sectionMessage = (section.result as { message_id: number }).message_id;

    fake.pressButton(chat, user, sectionMessage, chartButton.callback_data);
    const photoCall = await fake.waitFor(to("sendPhoto", chat));
    expect(String(photoCall.payload.caption)).toMatch(/^1\.7 .*图表/);
    expect(decodePng(photoOf(photoCall).data).width).toBe(PAGE_WIDTH * PIXEL_RATIO);
    await fake.waitForCount(to("sendMessage", chat), 2);
    expect(fake.calls.filter(to("editMessageText", chat))).toEqual([]);
  });

  it("in a group, the photo replies to the asking message", async () => {
    const user = newUser();
    const group: FakeChat = { id: -1_000_000_007_000 - nextId++, type: "supergroup", title: "测试群" };
    const { messageId } = fake.sendText(group, user, "/chart@ReportTestBot 调解");
    const photoCall = await fake.waitFor(to("sendPhoto", group));
    expect(photoCall.payload.reply_parameters).toMatchObject({ message_id: messageId });
  });
});
