/** The Telegram adapter: long polling with @grammyjs/runner on top of the shared App. */
import { run } from "@grammyjs/runner";
import { describeError } from "../../log.ts";
import type { BotCore, RunningAdapter } from "../adapter.ts";
import { createBot } from "./bot.ts";
import { syncCommandMenus } from "./menu.ts";
import { TELEGRAM_SEND_LIMITS, telegramMessenger } from "./messenger.ts";

/** The updates the bot handles; Telegram sends no others. */
const ALLOWED_UPDATES = ["message", "channel_post", "callback_query", "inline_query"] as const;
/** Long-polling wait per getUpdates call, in seconds. */
const POLL_TIMEOUT_S = 30;
/** Updates handled at once (those of one chat still wait for each other). */
const CONCURRENCY = 100;

/** How to reach Telegram; `apiRoot` has no trailing slash. */
export interface TelegramStartOptions {
  token: string;
  apiRoot?: string;
  /** Reminders sent a second, to different chats (Telegram allows about 30). */
  broadcastPerSecond?: number;
}

/**
 * Connects to Telegram (getMe), brings its command menu in line with the registry, and
 * starts answering updates concurrently. The messenger sends reminders through it.
 */
export async function startTelegram(
  app: BotCore,
  options: TelegramStartOptions,
): Promise<RunningAdapter & { username: string }> {
  const secrets = [options.token];
  const bot = createBot(app, options);
  // Connected while the last long poll came back: a failed one means Telegram is out of reach.
  let polled = true;
  bot.api.config.use(async (prev, method, payload, signal) => {
    if (method !== "getUpdates") return prev(method, payload, signal);
    try {
      const result = await prev(method, payload, signal);
      polled = result.ok;
      return result;
    } catch (error) {
      polled = false;
      throw error;
    }
  });
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
  const messenger = telegramMessenger({
    token: options.token,
    ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
    limits: {
      ...TELEGRAM_SEND_LIMITS,
      perSecond: options.broadcastPerSecond ?? TELEGRAM_SEND_LIMITS.perSecond,
    },
  });
  return {
    label: `telegram (@${username})`,
    username,
    messenger,
    /** Whether updates are coming in (for /healthz). */
    connected: () => runner.isRunning() && polled,
    /** Stops polling and resolves when the updates in hand are handled. */
    async stop() {
      await runner.stop();
    },
  };
}
