/**
 * The Discord adapter end to end: the real discord.js client, started with startDiscord on a
 * test app, against the fake Discord in test/fakes (REST + gateway on 127.0.0.1). Assertions
 * are on what the bot sent; every wait is for a recorded call, never for a time.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  GatewayIntentBits,
  GatewayOpcodes,
  InteractionResponseType,
  MessageFlags,
  PermissionFlagsBits,
} from "discord.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildSlashCommands, startDiscord } from "../src/adapters/discord/index.ts";
import { renderEmbed } from "../src/adapters/discord/render.ts";
import type { App } from "../src/app.ts";
import { APOLOGY, BUTTON_EXPIRED } from "../src/command/messages.ts";
import { DISCORD_TEST_TOKEN, FakeDiscord, type InteractionSetup } from "./fakes/discord-server.ts";
import { makeTestApp } from "./helpers/app.ts";
import { startOnFakeDiscord } from "./helpers/discord.ts";

/** The message of a reply (type 4) or an update (type 7). */
function messageOf(
  response: APIInteractionResponse,
  type: InteractionResponseType,
): APIInteractionResponseCallbackData {
  expect(response.type).toBe(type);
  if (response.type === InteractionResponseType.ChannelMessageWithSource) return response.data;
  if (response.type === InteractionResponseType.UpdateMessage && response.data) return response.data;
  throw new Error(`no message in response of type ${response.type}`);
}

function buttonsOf(data: APIInteractionResponseCallbackData): APIButtonComponentWithCustomId[] {
  const rows = (data.components ?? []) as APIActionRowComponent<APIButtonComponentWithCustomId>[];
  return rows.flatMap((row) => row.components);
}

const isEphemeral = (data: APIInteractionResponseCallbackData) =>
  ((data.flags ?? 0) & MessageFlags.Ephemeral) !== 0;

describe("discord adapter, end to end", () => {
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

  it("logs in with the token, the gateway from GET /gateway/bot, no privileged intent", () => {
    expect(fake.callsTo("GET", /^\/gateway\/bot$/)[0]?.authorization).toBe(`Bot ${DISCORD_TEST_TOKEN}`);
    const identify = fake.received.find((p) => p.op === GatewayOpcodes.Identify);
    // Guilds, GuildMessages for the messages that mention the bot and DirectMessages for
    // private chats; not MessageContent.
    const intents =
      GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.DirectMessages;
    expect(identify?.d).toMatchObject({ token: DISCORD_TEST_TOKEN, intents });
  });

  it("answers /stat keywords:法律援助 with an embed holding 1114件, mentions off", async () => {
    const id = fake.injectCommand("stat", { keywords: "法律援助" });
    const data = messageOf(await fake.response(id), InteractionResponseType.ChannelMessageWithSource);
    expect(JSON.stringify(data.embeds)).toContain("1114件");
    expect(data.embeds?.[0]?.footer?.text).toContain("忠县人民政府2021年法治政府建设年度报告");
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(isEphemeral(data)).toBe(false);
  });

  it("answers /section ref:七 with the section's embed and its navigation buttons", async () => {
    const id = fake.injectCommand("section", { ref: "七" });
    const data = messageOf(await fake.response(id), InteractionResponseType.ChannelMessageWithSource);
    // Whatever the registry holds, the bot sends exactly the rendering of the dispatcher's answer.
    const expected = await app.dispatcher.handle({
      command: "section",
      args: { ref: "七" },
      chat: { platform: "discord", id: fake.channelId, kind: "group" },
      userId: fake.user.id,
      locale: "zh",
      isChatAdmin: false,
    });
    expect(data.embeds).toEqual([renderEmbed(expected)]);
    if (app.registry.find("section")) {
      expect(data.embeds?.[0]?.title).toContain("加强基层治理");
      expect(buttonsOf(data).map((b) => b.custom_id)).toContain("c:/section 1.8");
    }
  });

  it("offers at most 25 autocomplete choices for 法律, legal aid among them", async () => {
    const id = fake.injectAutocomplete("stat", "keywords", "法律");
    const response = await fake.response(id);
    if (response.type !== InteractionResponseType.ApplicationCommandAutocompleteResult) {
      throw new Error(`expected autocomplete choices, got response type ${response.type}`);
    }
    const choices = response.data.choices ?? [];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.some((c) => String(c.value).includes("法律援助"))).toBe(true);
  });

  it("pages with a button: the press updates the message to page 2", async () => {
    const first = messageOf(
      await fake.response(fake.injectCommand("stat", { keywords: "件" })),
      InteractionResponseType.ChannelMessageWithSource,
    );
    expect(first.embeds?.[0]?.footer?.text).toContain("第1/");
    const next = buttonsOf(first).find((b) => b.label === "更多 ›");
    if (!next) throw new Error("no next-page button");
    expect(next.custom_id.length).toBeLessThanOrEqual(100);

    const second = messageOf(
      await fake.response(fake.injectButton(next.custom_id)),
      InteractionResponseType.UpdateMessage,
    );
    expect(second.embeds?.[0]?.footer?.text).toContain("第2/");
    expect(second.embeds?.[0]?.fields?.[0]?.name).toMatch(/^11\. /);
    expect(buttonsOf(second)[0]?.label).toBe("‹ 上一页");
    expect(second.allowed_mentions).toEqual({ parse: [] });
  });

  it("keeps @everyone in user text from pinging anyone", async () => {
    const id = fake.injectCommand("stat", { keywords: "@everyone 法律援助" });
    const data = messageOf(await fake.response(id), InteractionResponseType.ChannelMessageWithSource);
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });

  it("shows refusals of the user's input to the user alone", async () => {
    const tooLong = messageOf(
      await fake.response(fake.injectCommand("stat", { keywords: "法".repeat(150) })),
      InteractionResponseType.ChannelMessageWithSource,
    );
    expect(isEphemeral(tooLong)).toBe(true);
    const unknown = messageOf(
      await fake.response(fake.injectCommand("nosuchcommand", {})),
      InteractionResponseType.ChannelMessageWithSource,
    );
    expect(isEphemeral(unknown)).toBe(true);
    expect(unknown.allowed_mentions).toEqual({ parse: [] });
  });

  it("lets only members who manage the channel change its settings; anyone in a DM", async () => {
    // Switching the chat's report is for its admins: the refusal says so.
    const switchReport = async (setup: InteractionSetup) => {
      const id = fake.injectCommand("report", { id: "zhongxian-2021" }, setup);
      const data = messageOf(await fake.response(id), InteractionResponseType.ChannelMessageWithSource);
      return JSON.stringify(data.embeds);
    };
    expect(await switchReport({ permissions: 0n })).toContain("管理员");
    expect(await switchReport({ permissions: PermissionFlagsBits.ManageChannels })).not.toContain("管理员");
    expect(await switchReport({ dm: true, locale: "en-US" })).not.toContain("管理员");
  });

  it("tells the presser of a forgotten button to send the command again", async () => {
    const data = messageOf(
      await fake.response(fake.injectButton("k:0000000")),
      InteractionResponseType.ChannelMessageWithSource,
    );
    expect(data.content).toBe(BUTTON_EXPIRED.zh);
    expect(isEphemeral(data)).toBe(true);
  });

  /** Waits until the bot has sent one more gateway payload with one of these opcodes. */
  async function another(...ops: GatewayOpcodes[]): Promise<void> {
    const count = () => fake.received.filter((p) => ops.includes(p.op)).length;
    const before = count();
    await fake.waitFor(`gateway op ${ops.join("/")}`, () => (count() > before ? true : undefined));
  }

  it("resumes after the gateway closes with 4000 and keeps answering", async () => {
    const resumed = another(GatewayOpcodes.Resume);
    fake.dropConnection("close");
    await resumed;
    const id = fake.injectCommand("stat", { keywords: "法律援助" });
    const data = messageOf(await fake.response(id), InteractionResponseType.ChannelMessageWithSource);
    expect(JSON.stringify(data.embeds)).toContain("1114件");
  });

  it("reconnects after the connection is cut without a close frame and keeps answering", async () => {
    // A cut looks like a network failure: discord.js resumes, or identifies anew if it saw a reset.
    const back = another(GatewayOpcodes.Resume, GatewayOpcodes.Identify);
    fake.dropConnection("terminate");
    await back;
    const id = fake.injectCommand("stat", { keywords: "法律援助" });
    const data = messageOf(await fake.response(id), InteractionResponseType.ChannelMessageWithSource);
    expect(JSON.stringify(data.embeds)).toContain("1114件");
  });

  it("apologises when handling throws, logs it without the token, and answers the next one", async () => {
    const handle = vi
      .spyOn(app.dispatcher, "handle")
      .mockRejectedValueOnce(new Error(`boom with ${DISCORD_TEST_TOKEN}`));
    const logged = vi.spyOn(app.log, "error");
    try {
      const failed = messageOf(
        await fake.response(fake.injectCommand("stat", { keywords: "法律援助" })),
        InteractionResponseType.ChannelMessageWithSource,
      );
      expect(failed.content).toBe(APOLOGY.zh);
      expect(isEphemeral(failed)).toBe(true);
      const log = JSON.stringify(logged.mock.calls);
      expect(log).toContain("boom with <token>");
      expect(log).not.toContain(DISCORD_TEST_TOKEN);

      const next = messageOf(
        await fake.response(fake.injectCommand("stat", { keywords: "法律援助" })),
        InteractionResponseType.ChannelMessageWithSource,
      );
      expect(JSON.stringify(next.embeds)).toContain("1114件");
    } finally {
      handle.mockRestore();
      logged.mockRestore();
    }
  });
});

describe("discord command registration", () => {
  let fake: FakeDiscord;
  let app: App;
  let cleanup: () => void;

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    ({ app, cleanup } = await makeTestApp());
  });

  afterAll(async () => {
    await fake?.stop();
    cleanup?.();
  });

  const puts = (path: RegExp) => fake.callsTo("PUT", path);

  it("registers the commands built from the registry, and does not write them again unchanged", async () => {
    const options = { token: DISCORD_TEST_TOKEN, applicationId: fake.applicationId, apiRoot: fake.apiRoot };
    await (await startDiscord(app, options)).stop();
    const global = new RegExp(`^/applications/${fake.applicationId}/commands$`);
    expect(puts(global)).toHaveLength(1);
    expect(puts(global)[0]?.body).toEqual(buildSlashCommands(app.registry.commands));
    expect(fake.callsTo("GET", global)[0]?.query.get("with_localizations")).toBe("true");

    await (await startDiscord(app, options)).stop();
    expect(fake.callsTo("GET", global)).toHaveLength(2);
    expect(puts(global)).toHaveLength(1);
  });

  it("registers to one server when a guild id is given", async () => {
    const options = {
      token: DISCORD_TEST_TOKEN,
      applicationId: fake.applicationId,
      guildId: fake.guildId,
      apiRoot: fake.apiRoot,
    };
    await (await startDiscord(app, options)).stop();
    const guild = new RegExp(`^/applications/${fake.applicationId}/guilds/${fake.guildId}/commands$`);
    expect(puts(guild)).toHaveLength(1);
    expect(puts(guild)[0]?.body).toEqual(buildSlashCommands(app.registry.commands));
  });
});
