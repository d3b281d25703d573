/**
 * The Telegram adapter on top of the shared App: updates by long polling (@grammyjs/runner)
 * or, with a webhook configured, by Telegram posting them to the bot's own server.
 */
import { describeError } from "../../log.ts";
import type { BotCore, RunningAdapter } from "../adapter.ts";
import { createBot } from "./bot.ts";
import { syncCommandMenus } from "./menu.ts";
import { TELEGRAM_SEND_LIMITS, telegramMessenger } from "./messenger.ts";
import {
  CONFLICT_BACKOFF,
  type ConflictBackoff,
  type Intake,
  startPolling,
  type UpdateKinds,
} from "./polling.ts";
import { startWebhook, type WebhookOptions } from "./webhook.ts";

/** The updates the bot handles; Telegram sends no others. */
const ALLOWED_UPDATES: UpdateKinds = ["message", "channel_post", "callback_query", "inline_query"];
/** Long-polling wait per getUpdates call, in seconds. */
const POLL_TIMEOUT_S = 30;
/**
 * Updates handled at once (those of one chat still wait for each other): the runner's own
 * default. An update holds its place until its answer is sent, so the places bound a
 * burst's throughput by the send's round trip (100 places at Telegram's tens of
 * milliseconds a call is a few thousand updates a second at most), and a chat waiting out
 * a 429 holds one for seconds. Under the benchmark's burst on loopback, 100 → 500 took
 * report-bot from ~0.70 of the bare bot's updates a second to ~0.85–0.9 (the bare bot,
 * busy its whole time, did not change); what it cost the paced rounds after the burst was
 * V8's doing (see src/v8-flags.ts).
 */
const CONCURRENCY = 500;

/** How to reach Telegram; `apiRoot` has no trailing slash. */
export interface TelegramStartOptions {
  token: string;
  apiRoot?: string;
  /** Reminders sent a second, to different chats (Telegram allows about 30). */
  broadcastPerSecond?: number;
  /** Take updates on a webhook instead of long polling. */
  webhook?: WebhookOptions;
  /** The wait between polls while another process polls the token. */
  conflictBackoff?: ConflictBackoff;
}

/**
 * Connects to Telegram (getMe), brings its command menu in line with the registry, and
 * starts answering updates concurrently. The messenger sends reminders through it.
 */
export async function startTelegram(
  app: BotCore,
  options: TelegramStartOptions,
): Promise<RunningAdapter & { username: string; webhookPort?: number }> {
  const secrets = options.webhook ? [options.token, options.webhook.secret] : [options.token];
  const bot = createBot(app, options);
  await bot.init();
  try {
    const updated = await syncCommandMenus(bot.api, app.registry);
    if (updated.length > 0) app.log.info({ languages: updated }, "telegram command menu updated");
  } catch (error) {
    app.log.warn({ err: describeError(error, secrets) }, "telegram command menu not updated");
  }

  let intake: Intake;
  let webhookPort: number | undefined;
  if (options.webhook) {
    const webhook = await startWebhook(bot, app.log, secrets, {
      ...options.webhook,
      allowedUpdates: ALLOWED_UPDATES,
    });
    intake = webhook;
    webhookPort = webhook.port;
  } else {
    intake = await startPolling(bot, app.log, secrets, {
      allowedUpdates: ALLOWED_UPDATES,
      timeoutSeconds: POLL_TIMEOUT_S,
      concurrency: CONCURRENCY,
      backoff: options.conflictBackoff ?? CONFLICT_BACKOFF,
    });
  }
  const username = bot.botInfo.username;
  const mode = options.webhook ? "webhook" : "polling";
  app.log.info({ username, mode }, "telegram bot started");
  const messenger = telegramMessenger({
    token: options.token,
    ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
    limits: {
      ...TELEGRAM_SEND_LIMITS,
      perSecond: options.broadcastPerSecond ?? TELEGRAM_SEND_LIMITS.perSecond,
    },
  });
  return {
    label: options.webhook ? `telegram (@${username}, webhook)` : `telegram (@${username})`,
    username,
    ...(webhookPort === undefined ? {} : { webhookPort }),
    messenger,
    /** Whether updates are coming in (for /healthz). */
    connected: () => intake.connected(),
    problem: () => intake.problem(),
    /** Stops taking updates and resolves when the updates in hand are handled. */
    stop: () => intake.stop(),
  };
}
