/**
 * The chat platforms report-bot runs on. Each is started when its settings are given; its
 * adapter is imported only then (discord.js alone takes most of a second to import, which a
 * console or Telegram-only start need not wait for). A new platform is one folder under
 * src/adapters/ and one entry here (see ARCHITECTURE.md).
 */
import type { BotCore, RunningAdapter } from "./adapters/adapter.ts";
import type { Config } from "./config.ts";

export interface PlatformEntry {
  name: string;
  /** Whether the configuration asks for this platform. */
  enabled(config: Config): boolean;
  /** Its settings that are secrets (tokens), masked in every log line. */
  secrets(config: Config): (string | undefined)[];
  start(core: BotCore, config: Config): Promise<RunningAdapter>;
}

export const PLATFORMS: readonly PlatformEntry[] = [
  {
    name: "telegram",
    enabled: (config) => Boolean(config.TELEGRAM_BOT_TOKEN),
    secrets: (config) => [config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_WEBHOOK_SECRET],
    async start(core, config) {
      const { startTelegram } = await import("./adapters/telegram/index.ts");
      const url = config.TELEGRAM_WEBHOOK_URL;
      return startTelegram(core, {
        token: config.TELEGRAM_BOT_TOKEN ?? "",
        broadcastPerSecond: config.TELEGRAM_BROADCAST_PER_S,
        ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
        ...(url
          ? {
              webhook: {
                url,
                secret: config.TELEGRAM_WEBHOOK_SECRET ?? "",
                host: config.TELEGRAM_WEBHOOK_HOST,
                port: config.TELEGRAM_WEBHOOK_PORT,
                path: config.TELEGRAM_WEBHOOK_PATH ?? new URL(url).pathname,
              },
            }
          : {}),
      });
    },
  },
  {
    name: "discord",
    enabled: (config) => Boolean(config.DISCORD_TOKEN && config.DISCORD_APPLICATION_ID),
    secrets: (config) => [config.DISCORD_TOKEN],
    async start(core, config) {
      const { startDiscord } = await import("./adapters/discord/index.ts");
      return startDiscord(core, {
        token: config.DISCORD_TOKEN ?? "",
        applicationId: config.DISCORD_APPLICATION_ID ?? "",
        ...(config.DISCORD_GUILD_ID ? { guildId: config.DISCORD_GUILD_ID } : {}),
        ...(config.DISCORD_API_ROOT ? { apiRoot: config.DISCORD_API_ROOT } : {}),
      });
    },
  },
];
