import { startDiscord } from "../../src/adapters/discord/index.ts";
import type { App } from "../../src/app.ts";
import { DISCORD_TEST_TOKEN, FakeDiscord } from "../fakes/discord-server.ts";

/** A fresh fake Discord on 127.0.0.1 and the real Discord adapter of `app`, logged in to it. */
export async function startOnFakeDiscord(app: App): Promise<{
  fake: FakeDiscord;
  bot: Awaited<ReturnType<typeof startDiscord>>;
  /** Stops the adapter, then the fake. */
  stop(): Promise<void>;
}> {
  const fake = await FakeDiscord.start();
  try {
    const bot = await startDiscord(app, {
      token: DISCORD_TEST_TOKEN,
      applicationId: fake.applicationId,
      apiRoot: fake.apiRoot,
    });
    return {
      fake,
      bot,
      stop: async () => {
        await bot.stop();
        await fake.stop();
      },
    };
  } catch (error) {
    await fake.stop();
    throw error;
  }
}
