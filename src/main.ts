/**
 * Starts report-bot: config → store → core → adapters. With no platform token set, it
 * opens the console chat on the local database, so `npm start` works on a fresh machine.
 */
import "dotenv/config";
import { runConsole } from "./adapters/console.ts";
import { createApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
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
    app.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  const platforms: string[] = [];
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
    app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `report-bot failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
