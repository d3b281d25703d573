/** The Telegram adapter: long polling with @grammyjs/runner on top of the shared App. */
import { run } from "@grammyjs/runner";
import type { App } from "../../app.ts";
import { describeError } from "../../log.ts";
import { createBot } from "./bot.ts";
import { syncCommandMenus } from "./menu.ts";

/** The updates the bot handles; Telegram sends no others. */
const ALLOWED_UPDATES = ["message", "channel_post", "callback_query", "inline_query"] as const;
/** Long-polling wait per getUpdates call, in seconds. */
const POLL_TIMEOUT_S = 30;
/** Updates handled at once (those of one chat still wait for each other). */
const CONCURRENCY = 100;

/**
 * Connects to Telegram (getMe), brings its command menu in line with the registry, and
 * starts answering updates concurrently. `apiRoot` has no trailing slash.
 */
export async function startTelegram(
  app: App,
  options: { token: string; apiRoot?: string },
): Promise<{ stop(): Promise<void>; username: string }> {
  const secrets = [options.token];
  const bot = createBot(app, options);
  await bot.init();
  // Long polling and a webhook exclude each other.
  await bot.api.deleteWebhook();
  try {
    const updated = await syncCommandMenus(bot.api, app.registry);
    if (updated.length > 0) app.log.info({ languages: updated }, "telegram command menu updated");
  } catch (error) {
    app.log.warn({ err: describeError(error, secrets) }, "telegram command menu not updated");
  }

  const runner = run(bot, {
    // The runner would print fetch errors as they are, token and all: they are logged by the bot.
    runner: { silent: true, fetch: { timeout: POLL_TIMEOUT_S, allowed_updates: ALLOWED_UPDATES } },
    sink: { concurrency: CONCURRENCY },
  });
  runner
    .task()
    ?.catch((error: unknown) =>
      app.log.error({ err: describeError(error, secrets) }, "telegram polling stopped"),
    );
  const username = bot.botInfo.username;
  app.log.info({ username }, "telegram bot started");
  return {
    username,
    /** Stops polling and resolves when the updates in hand are handled. */
    async stop() {
      await runner.stop();
    },
  };
}
