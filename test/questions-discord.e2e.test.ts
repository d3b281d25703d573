/**
 * Questions in plain words through the real Discord adapter and the loopback fake Discord:
 * the /ask slash command (registered from the command registry, 问 in Chinese), a message
 * that mentions the bot and any direct message, answered with a reply; a server message that
 * does not mention it is not read.
 */
import { type APIInteractionResponse, InteractionResponseType } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app.ts";
import type { FakeDiscord } from "./fakes/discord-server.ts";
import { makeTestApp } from "./helpers/app.ts";
import { startOnFakeDiscord } from "./helpers/discord.ts";

let fake: FakeDiscord;
let app: App;
let cleanup: () => void;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ app, cleanup } = await makeTestApp());
  ({ fake, stop } = await startOnFakeDiscord(app));
});

afterAll(async () => {
  await stop?.();
  cleanup?.();
});

/** A message the bot posted in reply to the message `id`. */
interface Reply {
  embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
  message_reference?: { message_id?: string };
  allowed_mentions?: unknown;
}

function replyTo(id: string, channelId = fake.channelId): Promise<Reply> {
  return fake.waitFor(`a reply to message ${id}`, () => {
    const call = fake
      .channelMessages(channelId)
      .find((c) => (c.body as Reply | undefined)?.message_reference?.message_id === id);
    return call?.body as Reply | undefined;
  });
}

describe("questions on Discord", () => {
  it("registers /ask with one text option, named 问 in Chinese", () => {
    const put = fake.callsTo("PUT", /\/commands$/).at(-1)?.body as
      | {
          name: string;
          name_localizations?: Record<string, string>;
          options?: { name: string; type: number }[];
        }[]
      | undefined;
    const ask = put?.find((c) => c.name === "ask");
    expect(ask?.name_localizations?.["zh-CN"]).toBe("问");
    expect(ask?.options?.[0]).toMatchObject({ name: "question", type: 3, required: true });
  });

  it("answers /ask question:… with how it was read, the figure and the command that gives the same", async () => {
    const id = fake.injectCommand("ask", { question: "法律援助案件有多少件?" });
    const response = (await fake.response(id)) as APIInteractionResponse;
    expect(response.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    const embed = JSON.stringify(
      response.type === InteractionResponseType.ChannelMessageWithSource ? response.data.embeds : null,
    );
    expect(embed).toContain("按“法律援助案件”查找数字");
    expect(embed).toContain("1114件");
    expect(embed).toContain("/stat 法律援助案件");
  });

  it("answers a message that mentions the bot with a reply, pinging no one", async () => {
    const id = fake.injectMessage(`<@${fake.botUser.id}> 调解成功率是多少?`, { mentionBot: true });
    const reply = await replyTo(id);
    const embed = JSON.stringify(reply.embeds);
    expect(embed).toContain("99 %");
    expect(embed).toContain("调解 成功率");
    expect(reply.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("does not read a message that does not mention it", async () => {
    const ignored = fake.injectMessage("法律援助案件有多少件?");
    const asked = fake.injectMessage(`<@!${fake.botUser.id}> 存在哪些问题`, { mentionBot: true });
    expect(JSON.stringify((await replyTo(asked)).embeds)).toContain("队伍素质");
    const replies = fake.channelMessages(fake.channelId).map((c) => c.body as Reply);
    expect(replies.some((r) => r.message_reference?.message_id === ignored)).toBe(false);
  });

  it("ignores messages of bots, itself included", async () => {
    const bot = { ...fake.newUser("another-bot"), bot: true };
    const fromBot = fake.injectMessage(`<@${fake.botUser.id}> 法律援助`, { mentionBot: true, user: bot });
    const asked = fake.injectMessage(`<@${fake.botUser.id}> 公证案件有多少件`, { mentionBot: true });
    await replyTo(asked);
    const replies = fake.channelMessages(fake.channelId).map((c) => c.body as Reply);
    expect(replies.some((r) => r.message_reference?.message_id === fromBot)).toBe(false);
  });

  it("answers any text in a direct message, as a private chat", async () => {
    const id = fake.injectMessage("公证案件有多少件?", { dm: true });
    const reply = await replyTo(id, fake.dmChannelId);
    expect(JSON.stringify(reply.embeds)).toContain("2149件");
  });
});
