/**
 * Starts report-bot: config → store → core → adapters. With no platform token set, it
 * opens the console chat on the local database, so `npm start` works on a fresh machine.
 */
// First: V8 settings that must hold before anything is allocated.
import "./v8-flags.ts";
import "dotenv/config";
import { createApp } from "./app.ts";
import { chatKey } from "./chat.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { type AdapterHealth, startHealthServer } from "./health.ts";
import { createLogger, describeError, redactSecrets } from "./log.ts";
import { chooseLogOutput, openLogOutput } from "./log-output.ts";
import { PLATFORMS } from "./platforms.ts";
import { StoreOpenError } from "./store/index.ts";
import { preloadSegmenter } from "./text/segment.ts";

/** How often due reminders are looked for and sent. */
const REMINDER_TICK_MS = 1_000;
const SHUTDOWN_DEADLINE_MS = 9_000;

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  const secrets = PLATFORMS.flatMap((p) => p.secrets(config)).filter((s): s is string => Boolean(s));
  const consoleChat = !PLATFORMS.some((p) => p.enabled(config));
  const output = await openLogOutput(
    chooseLogOutput(config, {
      consoleChat,
      stdinIsTerminal: Boolean(process.stdin.isTTY),
      stderrIsTerminal: Boolean(process.stderr.isTTY),
    }),
  );
  const log = createLogger(config.LOG_LEVEL, secrets, output);
  // Node would print an error nobody caught as it is: URLs with the token and all.
  const fatal = (error: unknown) => {
    log.fatal(`uncaught: ${describeError(error, secrets)}`);
    process.exit(1);
  };
  process.on("uncaughtException", fatal);
  process.on("unhandledRejection", fatal);
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
    // Whatever hangs, the process is gone before a supervisor's usual 10 s kill. A reminder
    // still being sent then is left as a crash leaves it: claimed, and sent again once the
    // claim expires; the lease is given up, so another process goes on with the rest at once.
    setTimeout(() => {
      app.delivery.abandon();
      log.error("shutdown took too long: exiting");
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    // Reminders first: the message in flight is finished and recorded while its platform
    // client still runs; what is left stays pending for the next start.
    await app.delivery.shutdown();
    for (const stop of stops) await stop();
    app.close();
    log.info("stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  const platforms: string[] = [];
  const adapters: Record<string, AdapterHealth> = {};
  for (const platform of PLATFORMS.filter((p) => p.enabled(config))) {
    const adapter = await platform.start(app, config);
    stops.push(adapter.stop);
    app.delivery.attach(adapter.messenger);
    platforms.push(adapter.label);
    adapters[platform.name] = adapter;
  }
  if (config.HEALTH_PORT) {
    const health = await startHealthServer(app, config.HEALTH_PORT, config.HEALTH_HOST, adapters);
    stops.push(() => new Promise((resolve) => health.close(() => resolve())));
  }
  if (platforms.length > 0) app.delivery.start(REMINDER_TICK_MS);
  log.info(
    {
      platforms: platforms.length > 0 ? platforms : ["console"],
      readyMs: Math.round(process.uptime() * 1000),
    },
    "ready",
  );
  // Nearly every question is segmented: the dictionary is loaded now, in slices between
  // answers, rather than whole (~200 ms) by the first question while others queue behind it.
  const preloadStart = performance.now();
  preloadSegmenter().then(
    (slices) =>
      log.debug({ ms: Math.round(performance.now() - preloadStart), slices }, "word dictionary loaded"),
    (error: unknown) =>
      log.warn({ err: describeError(error) }, "word dictionary not preloaded: the first question loads it"),
  );
  if (platforms.length === 0) {
    log.info("no platform token set: console chat");
    const { runConsole, CONSOLE_CHAT } = await import("./adapters/console.ts");
    const readable = app.knowledge.whenReadable(chatKey(CONSOLE_CHAT.chat));
    await runConsole(app, process.stdin, process.stdout, output.file ?? null, readable);
    await shutdown("end of input");
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `report-bot failed to start: ${redactSecrets(error instanceof Error ? error.message : String(error))}\n`,
  );
  process.exit(1);
});
