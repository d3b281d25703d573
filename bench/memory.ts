/**
 * Memory: report-bot as `npm start` runs it, with both adapters (Telegram and Discord, each
 * against its loopback fake), measured from outside after a warm-up of the whole question
 * mix on both platforms: resident set size, and the size of its SQLite database.
 */
import { rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { FakeDiscord } from "../test/fakes/discord-server.ts";
import { FakeTelegramApi, TEST_TOKEN } from "../test/fakes/telegram-api.ts";
import { benchFolder, startReportBot } from "./children.ts";
import { SEARCH_TEXTS, SECTION_REFS, STAT_KEYWORDS } from "./core.ts";
import {
  burst,
  DISCORD_TOKEN,
  discordDriver,
  OPEN_FLOOD_LIMITS,
  type Question,
  telegramDriver,
} from "./e2e.ts";
import { round } from "./stats.ts";

/** The core benchmark's mix of questions, as slash commands with named options. */
const MIX: Question[] = [
  ...STAT_KEYWORDS.map((keywords) => ({ command: "stat", options: { keywords } })),
  ...SECTION_REFS.map((ref) => ({ command: "section", options: { ref } })),
  ...SEARCH_TEXTS.map((text) => ({ command: "search", options: { text } })),
  { command: "summary", options: {} },
];

function sizeKb(path: string): number {
  try {
    return statSync(path).size / 1024;
  } catch {
    return 0; // no WAL file at the moment
  }
}

/**
 * The time to ready and the RSS then (both adapters connected), on a new database (the
 * seed ingested at start) and again on the database built then, as a restart finds it, and
 * a second after that ready, before any question; the RSS after `warmUp` questions on each
 * platform, and the database size then.
 */
export async function benchMemory(warmUp: number): Promise<Record<string, number>> {
  const telegram = await FakeTelegramApi.start();
  const discord = await FakeDiscord.start();
  const dir = benchFolder();
  const database = join(dir, "bot.sqlite");
  const start = () =>
    startReportBot({
      REPORTS_DIR: join(dir, "reports"),
      DATABASE_PATH: database,
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      DISCORD_TOKEN,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_ROOT: discord.apiRoot,
      ...OPEN_FLOOD_LIMITS,
    });
  try {
    const first = await start();
    const newDatabase = { readyLine: first.readyLine, rss: first.rssMb() };
    await first.stop();
    const bot = await start();
    try {
      const atReady = bot.rssMb();
      // A second later, before any question: what a started bot holds (jieba's dictionary is
      // loaded right after ready).
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const settled = bot.rssMb();
      // In rounds, so neither platform's queue is thousands deep at once.
      const drivers = [telegramDriver(telegram, MIX), discordDriver(discord, MIX)];
      const rounds = Math.ceil(warmUp / 250);
      for (let r = 0; r < rounds; r++) await Promise.all(drivers.map((d) => burst(d, 250)));
      // Let timers run (cache flush, reminder passes) before reading.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return {
        ready_ms: Number(/"readyMs":(\d+)/.exec(newDatabase.readyLine)?.[1] ?? Number.NaN),
        rss_ready_new_db_mb: round(newDatabase.rss),
        rss_ready_mb: round(atReady),
        rss_settled_mb: round(settled),
        rss_mb: round(bot.rssMb()),
        rss_peak_mb: round(bot.peakRssMb()),
        warm_up_updates: rounds * 250 * 2,
        db_kb: Math.round(sizeKb(database) + sizeKb(`${database}-wal`)),
      };
    } finally {
      await bot.stop();
    }
  } finally {
    await telegram.close();
    await discord.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
