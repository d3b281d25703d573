/**
 * Webhook mode: Telegram POSTs each update to TELEGRAM_WEBHOOK_URL, which a reverse proxy
 * holding the HTTPS address forwards to this server. Only requests carrying the secret
 * token (X-Telegram-Bot-Api-Secret-Token) are handled; others get 401. Unlike long polling,
 * any number of instances can take updates this way.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type Bot, webhookCallback } from "grammy";
import { describeError, type Logger } from "../../log.ts";
import type { Intake, UpdateKinds } from "./polling.ts";

export interface WebhookOptions {
  /** The public address Telegram posts to. */
  url: string;
  /** Sent by Telegram with every update. */
  secret: string;
  /** Where this server listens, and the path it answers on. */
  host: string;
  port: number;
  path: string;
}

/**
 * Telegram waits about a minute for an answer and then sends the update again: an update
 * taking longer than this is answered 200 at this point and goes on being handled.
 */
const ANSWER_WITHIN_MS = 10_000;

/** Starts the server, then tells Telegram to post updates to it (setWebhook). */
export async function startWebhook(
  bot: Bot,
  log: Logger,
  secrets: readonly string[],
  options: WebhookOptions & { allowedUpdates: UpdateKinds },
): Promise<Intake & { port: number }> {
  const handle = webhookCallback(bot, "http", {
    secretToken: options.secret,
    onTimeout: "return",
    timeoutMilliseconds: ANSWER_WITHIN_MS,
  });
  const inFlight = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://webhook").pathname;
    if (req.method !== "POST" || path !== options.path) {
      res.writeHead(404).end();
      return;
    }
    const task = handle(req, res).catch((error: unknown) => {
      log.error({ err: describeError(error, secrets) }, "telegram webhook request failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  let listening = true;
  try {
    await bot.api.setWebhook(options.url, {
      secret_token: options.secret,
      allowed_updates: options.allowedUpdates,
    });
  } catch (error) {
    server.close();
    throw error;
  }
  return {
    port: (server.address() as AddressInfo).port,
    connected: () => listening,
    problem: () => (listening ? null : "webhook server stopped"),
    /**
     * Stops taking requests and resolves when the updates in hand are handled. The webhook
     * stays set: Telegram keeps the updates until an instance answers again.
     */
    async stop() {
      listening = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(inFlight);
      server.closeAllConnections();
      await closed;
    },
  };
}
