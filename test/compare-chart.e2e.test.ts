/**
 * /compare end to end on real reports (清苑区 2020–2025, 易县 2018–2022): the real grammY
 * bot against the fake Bot API and the real discord.js client against the fake Discord.
 * The line chart goes out as a PNG with the table, and a cell's button opens its report's
 * sentence.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIInteractionResponseCallbackData,
  InteractionResponseType,
} from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegram } from "../src/adapters/telegram/index.ts";
import type { App } from "../src/app.ts";
import { PAGE_WIDTH } from "../src/chart/layout.ts";
import { PIXEL_RATIO } from "../src/chart/render.ts";
import type { FakeDiscord } from "./fakes/discord-server.ts";
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
import { startOnFakeDiscord } from "./helpers/discord.ts";
import { decodePng } from "./helpers/png.ts";

const WORK_REPORTS = join(import.meta.dirname, "fixtures/corpus/work-reports");
const FILES = [
  ...["2020", "2021", "2022", "2023", "2024", "2025"].map((y) => `qingyuan-${y}.txt`),
  ...["2018", "2019", "2020", "2021", "2022"].map((y) => `yixian-${y}.txt`),
];

let app: App;
let cleanup: () => void;
let source: string;
let telegram: FakeTelegramApi;
let bot: { stop(): Promise<void> };
let discord: FakeDiscord;
let stopDiscord: () => Promise<void>;

beforeAll(async () => {
  source = mkdtempSync(join(tmpdir(), "report-bot-compare-e2e-"));
  mkdirSync(join(source, "work-reports"));
  for (const f of FILES) copyFileSync(join(WORK_REPORTS, f), join(source, "work-reports", f));
  ({ app, cleanup } = await makeTestApp({}, source));
  telegram = await FakeTelegramApi.start();
  bot = await startTelegram(app, { token: TEST_TOKEN, apiRoot: telegram.apiRoot });
  ({ fake: discord, stop: stopDiscord } = await startOnFakeDiscord(app));
}, 120_000);

afterAll(async () => {
  await bot?.stop();
  await telegram?.close();
  await stopDiscord?.();
  cleanup?.();
  rmSync(source, { recursive: true, force: true });
});

interface Button {
  text: string;
  callback_data: string;
}

const user: FakeUser = { id: 8801, is_bot: false, first_name: "记者", language_code: "zh-hans" };
const chat: FakeChat = { id: 8801, type: "private", first_name: "记者" };
const to = (method: string) => (c: RecordedCall) =>
  c.method === method && c.status === 200 && c.payload.chat_id === chat.id;

describe("/compare on telegram", () => {
  it("sends the line chart as a photo, then the table with a button for each cell", async () => {
    telegram.sendText(chat, user, "/compare 地区生产总值 清苑区 易县");
    const photo = await telegram.waitFor(to("sendPhoto"));
    const table = await telegram.waitFor(to("sendMessage"));
    expect(photo.payload.caption).toBe("地区生产总值 · 2个地区 · 2018–2025年");
    const file = photo.payload.photo as UploadedFile;
    expect(decodePng(file.data).width).toBe(PAGE_WIDTH * PIXEL_RATIO);

    const shown = visibleText(String(table.payload.text));
    // 预计全区地区生产总值完成141.9亿元，同比增长7.5%
    expect(shown).toContain("2020年: 141.9亿元 · 增长7.5%");
    // 据统计，全县生产总值完成126.9亿元，增长8%
    expect(shown).toContain("2018年: 126.9亿元 · 增长8%");
    const buttons = (table.payload.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard.flat();
    const cell = buttons.find((b) => b.text === "易县 2018");
    if (!cell) throw new Error(`no button for 易县 2018 among ${buttons.map((b) => b.text).join(", ")}`);

    const tableMessage = (table.result as { message_id: number }).message_id;
    telegram.pressButton(chat, user, tableMessage, cell.callback_data);
    // The table's message turns into the cell: its report and its sentences.
    const opened = await telegram.waitFor(to("editMessageText"));
    expect(opened.payload.message_id).toBe(tableMessage);
    const text = visibleText(String(opened.payload.text));
    expect(text).toContain("地区生产总值 · 易县 2018年报告");
    expect(text).toContain("据统计，全县生产总值完成126.9亿元，增长8%");
  });
});

describe("/compare on discord", () => {
  it("answers the slash command with the chart attached and the table in the embed", async () => {
    const id = discord.injectCommand("compare", { words: "一般公共预算收入 清苑区" });
    const response = await discord.response(id);
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    const data = ("data" in response ? response.data : undefined) as APIInteractionResponseCallbackData;
    const call = discord.calls.find((c) => c.method === "POST" && c.path.startsWith(`/interactions/${id}/`));
    expect(data.embeds?.[0]?.title).toBe("一般公共预算收入 · 清苑区 · 2020–2025年");
    expect(data.embeds?.[0]?.image?.url).toBe("attachment://chart.png");
    expect(decodePng(call?.files[0]?.data ?? Buffer.alloc(0)).width).toBe(PAGE_WIDTH * PIXEL_RATIO);
    // 一般公共预算收入完成9.3亿元，同比增长9.1%
    expect(JSON.stringify(data.embeds)).toContain("2022年: 9.3亿元 · 增长9.1%");

    const rows = (data.components ?? []) as APIActionRowComponent<APIButtonComponentWithCustomId>[];
    const cell = rows.flatMap((r) => r.components).find((b) => b.label === "2022");
    if (!cell) throw new Error("no button for 2022");
    const opened = discord.injectButton(cell.custom_id);
    const answer = await discord.response(opened);
    expect(JSON.stringify(answer)).toContain("一般公共预算收入完成9.3亿元，同比增长9.1%");
  });
});
