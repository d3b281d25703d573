/**
 * Starts report-bot: config → store → core → adapters. With no platform token set, it
 * opens the console chat on the local database, so `npm start` works on a fresh machine.
 */
import "dotenv/config";
import { runConsole } from "./adapters/console.ts";
import { startDiscord } from "./adapters/discord/index.ts";
import { startTelegram } from "./adapters/telegram/index.ts";
import { createApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { startHealthServer } from "./health.ts";
import { createLogger } from "./log.ts";
import { StoreOpenError } from "./store/index.ts";

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  const secrets = [config.TELEGRAM_BOT_TOKEN, config.DISCORD_TOKEN].filter((s): s is string => Boolean(s));
  const log = createLogger(config.LOG_LEVEL, secrets);
  let app: Awaited<ReturnType<typeof createApp>>;
  try {
    app = await createApp(config, log);
  } catch (error) {
    if (!(error instanceof StoreOpenError)) throw error;
    process.stderr.write(`report-bot: ${error.message}. The file was left as it is.\n`);
    process.exit(1);
  }
  const stops: (() => Promise<void>)[] = [];

  const shutdown = async (signal: string) => {
    log.info({ signal }, "shutting down");
    for (const stop of stops) await stop();
    await app.reminders.shutdown();
    app.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  const platforms: string[] = [];
  if (config.TELEGRAM_BOT_TOKEN) {
    const telegram = await startTelegram(app, {
      token: config.TELEGRAM_BOT_TOKEN,
      ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
    });
    stops.push(telegram.stop);
    platforms.push(`telegram (@${telegram.username})`);
  }
  if (config.DISCORD_TOKEN && config.DISCORD_APPLICATION_ID) {
    const discord = await startDiscord(app, {
      token: config.DISCORD_TOKEN,
      applicationId: config.DISCORD_APPLICATION_ID,
      ...(config.DISCORD_GUILD_ID ? { guildId: config.DISCORD_GUILD_ID } : {}),
      ...(config.DISCORD_API_ROOT ? { apiRoot: config.DISCORD_API_ROOT } : {}),
    });
    stops.push(discord.stop);
    platforms.push("discord");
  }
  if (config.HEALTH_PORT) {
    const health = await startHealthServer(app, config.HEALTH_PORT, config.HEALTH_HOST, {});
    stops.push(() => new Promise((resolve) => health.close(() => resolve())));
  }
  log.info(
    {
      platforms: platforms.length > 0 ? platforms : ["console"],
      readyMs: Math.round(process.uptime() * 1000),
    },
    "ready",
  );
  if (platforms.length === 0) {
    log.info("no platform token set: console chat");
    await runConsole(app);
    await shutdown("end of input");
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `report-bot failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
