/**
 * Charts on Discord, end to end: the real discord.js client against the fake Discord. A
 * chart is a PNG attachment (multipart, with the JSON in payload_json) that the embed shows
 * as its image; the /section "图表" button turns the message into the chart, and the way
 * back takes the attachment off again.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIInteractionResponseCallbackData,
  InteractionResponseType,
} from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app.ts";
import { PAGE_WIDTH } from "../src/chart/layout.ts";
import { PIXEL_RATIO } from "../src/chart/render.ts";
import type { FakeDiscord, RestCall } from "./fakes/discord-server.ts";
import { makeTestApp } from "./helpers/app.ts";
import { startOnFakeDiscord } from "./helpers/discord.ts";
import { decodePng } from "./helpers/png.ts";

let fake: FakeDiscord;
let app: App;
let cleanup: () => void;
let stopDiscord: () => Promise<void>;

beforeAll(async () => {
  ({ app, cleanup } = await makeTestApp());
  ({ fake, stop: stopDiscord } = await startOnFakeDiscord(app));
});

afterAll(async () => {
  await stopDiscord?.();
  cleanup?.();
});

/** The interaction's response call and the message it carries (a reply, type 4, or an update, type 7). */
async function responseTo(
  interactionId: string,
  type: InteractionResponseType,
): Promise<{ call: RestCall; data: APIInteractionResponseCallbackData }> {
  const response = await fake.response(interactionId);
  expect(response.type).toBe(type);
  const call = fake.calls.find(
    (c) => c.method === "POST" && c.path.startsWith(`/interactions/${interactionId}/`),
  );
  if (!call || !("data" in response) || !response.data) throw new Error("no message in the response");
  return { call, data: response.data as APIInteractionResponseCallbackData };
}

function buttonsOf(data: APIInteractionResponseCallbackData): APIButtonComponentWithCustomId[] {
  const rows = (data.components ?? []) as APIActionRowComponent<APIButtonComponentWithCustomId>[];
  return rows.flatMap((row) => row.components);
}

/** The embed shows attachment://chart.png, and the one attachment (id 0, files[0]) is that PNG. */
function expectChart(call: RestCall, data: APIInteractionResponseCallbackData): void {
  expect(data.embeds?.[0]?.image?.url).toBe("attachment://chart.png");
  expect(data.attachments?.map((a) => a.id)).toEqual(["0"]);
  expect(call.files.map((f) => [f.field, f.filename])).toEqual([["files[0]", "chart.png"]]);
  const png = decodePng(call.files[0]?.data ?? Buffer.alloc(0));
  expect(png.width).toBe(PAGE_WIDTH * PIXEL_RATIO);
}

describe("charts on discord", () => {
  it("answers /chart keywords:政务服务 with the PNG attached and shown in the embed", async () => {
    const id = fake.injectCommand("chart", { keywords: "政务服务" });
    const { call, data } = await responseTo(id, InteractionResponseType.ChannelMessageWithSource);
    expectChart(call, data);
    expect(data.embeds?.[0]?.title).toBe("“政务服务”相关数字 · 图表 (6项)");
    expect(JSON.stringify(data.embeds)).toContain("742项");
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });

  it("turns the /section 1.7 message into its chart with 图表, and back without the attachment", async () => {
    const sectionId = fake.injectCommand("section", { ref: "1.7" });
    const section = await responseTo(sectionId, InteractionResponseType.ChannelMessageWithSource);
    expect(section.call.files).toEqual([]);
    const chartButton = buttonsOf(section.data).find((b) => b.label === "图表");
    if (!chartButton) throw new Error("no 图表 button on /section 1.7");

    const chart = await responseTo(
      fake.injectButton(chartButton.custom_id),
      InteractionResponseType.UpdateMessage,
    );
    expectChart(chart.call, chart.data);
    expect(chart.data.embeds?.[0]?.title).toMatch(/^1\.7 .*图表/);

    const back = buttonsOf(chart.data).find((b) => b.label === "↑ 1.7");
    if (!back) throw new Error("no way back to 1.7 on the chart");
    const again = await responseTo(fake.injectButton(back.custom_id), InteractionResponseType.UpdateMessage);
    expect(again.data.embeds?.[0]?.image).toBeUndefined();
    expect(again.data.attachments).toEqual([]);
    expect(again.call.files).toEqual([]);
  });
});
