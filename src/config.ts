import { statSync } from "node:fs";
import { z } from "zod";
import { redactSecrets } from "./log.ts";
import { DEFAULT_TIMEZONE, isTimeZone } from "./reminders/schedule.ts";

/** Every setting the bot reads from the environment (`.env` is loaded by dotenv first). */
const schema = z.object({
  /**
   * A missing folder is allowed: the bot then keeps the reports stored and warns (a volume
   * not mounted yet), as with an empty one. Something else at that path is a mistake.
   */
  REPORTS_DIR: z
    .string()
    .min(1, "a folder of report files")
    .refine(isFolderOrMissing, "a folder of report files (not a file)")
    // Unlike default(), the default value is checked too.
    .prefault("data/reports"),
  /** Report files larger than this are not read (a warning names them). */
  REPORT_MAX_MB: z.coerce
    .number({ error: "a number of megabytes" })
    .positive("more than 0")
    .max(1024, "at most 1024")
    .default(20),
  DATABASE_PATH: z.string().min(1, "a path for the SQLite file").default("data/bot.sqlite"),
  /** The most the SQLite file may grow to; reached, it is treated as a full disk. Unlimited by default. */
  DATABASE_MAX_MB: z.coerce
    .number({ error: "a number of megabytes" })
    .positive("more than 0")
    .max(1_000_000, "at most 1000000")
    .optional(),
  /** Where chart images are kept; by default a charts/ folder beside the database. */
  CHART_DIR: z.string().min(1, "a folder for chart images").optional(),
  CACHE_MAX_ENTRIES: z.coerce
    .number({ error: "a whole number" })
    .int("a whole number")
    .min(10, "at least 10")
    .max(10_000_000, "at most 10000000")
    .default(5000),
  // The seed report; when it is not loaded, chats read the newest report.
  DEFAULT_REPORT: z
    .string()
    .regex(/^[\p{L}\p{N}_-]+$/u, "a report id (its path under REPORTS_DIR without extension)")
    .default("zhongxian-2021"),
  REPORTS_IN_MEMORY: z.coerce
    .number({ error: "a whole number of reports" })
    .int("a whole number of reports")
    .min(1, "at least 1")
    .max(100_000, "at most 100000")
    .default(50),
  REMINDER_MIN_INTERVAL_S: z.coerce
    .number({ error: "a whole number of seconds" })
    .int("a whole number of seconds")
    .min(1, "at least 1")
    .max(31 * 24 * 3600, "at most a month")
    .default(3600),
  REMINDER_GRACE_S: z.coerce
    .number({ error: "a whole number of seconds" })
    .int("a whole number of seconds")
    .min(0, "0 or more")
    .max(7 * 24 * 3600, "at most a week")
    .default(12 * 3600),
  /** How long the reminder delivery lease lasts unless renewed (see README, Running two instances). */
  REMINDER_LEASE_S: z.coerce
    .number({ error: "a whole number of seconds" })
    .int("a whole number of seconds")
    .min(2, "at least 2")
    .max(600, "at most 600")
    .default(30),
  DEFAULT_TIMEZONE: z
    .string()
    .refine(isTimeZone, "an IANA time zone such as Asia/Shanghai")
    .default(DEFAULT_TIMEZONE),
  RATE_LIMIT_PER_USER: z.coerce
    .number({ error: "a whole number of commands" })
    .int("a whole number of commands")
    .min(1, "at least 1")
    .max(10_000, "at most 10000")
    .default(20),
  RATE_LIMIT_PER_CHAT: z.coerce
    .number({ error: "a whole number of commands" })
    .int("a whole number of commands")
    .min(1, "at least 1")
    .max(100_000, "at most 100000")
    .default(30),
  RATE_LIMIT_WINDOW_S: z.coerce
    .number({ error: "a whole number of seconds" })
    .int("a whole number of seconds")
    .min(1, "at least 1")
    .max(3600, "at most an hour")
    .default(60),
  HEALTH_PORT: z.coerce
    .number({ error: "a port number" })
    .int("a port number")
    .min(1, "1–65535")
    .max(65535, "1–65535")
    .optional(),
  HEALTH_HOST: z.string().min(1, "an address to listen on").default("127.0.0.1"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * How log lines look: JSON for machines, short lines for a person's terminal; "auto" is
   * short lines when stderr is a terminal and JSON otherwise (a service, a pipe, a file).
   */
  LOG_FORMAT: z.enum(["auto", "json", "pretty"], { error: "auto, json or pretty" }).default("auto"),
  /** Logs go to this file (JSON lines) instead of stderr. */
  LOG_FILE: z.string().min(1, "a path for the log file").optional(),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d{5,}:[A-Za-z0-9_-]{30,}$/, "a token from @BotFather, like 123456789:AAE…")
    .optional(),
  TELEGRAM_API_ROOT: z.url({ error: "a URL without a trailing slash" }).optional(),
  /** Webhook mode: the public HTTPS address Telegram posts updates to (long polling when unset). */
  TELEGRAM_WEBHOOK_URL: z
    .url({ protocol: /^https?$/, error: "an https:// URL (http:// only for a local Bot API server)" })
    .optional(),
  /** Sent by Telegram with every update (X-Telegram-Bot-Api-Secret-Token); others are refused. */
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, "16–256 characters of A–Z, a–z, 0–9, _ and -")
    .optional(),
  /** Where the bot's webhook server listens (behind the proxy that holds the HTTPS address). */
  TELEGRAM_WEBHOOK_HOST: z.string().min(1, "an address to listen on").default("127.0.0.1"),
  TELEGRAM_WEBHOOK_PORT: z.coerce
    .number({ error: "a port number" })
    .int("a port number")
    .min(1, "1–65535")
    .max(65535, "1–65535")
    .default(8443),
  /** The path the webhook server answers on; by default the path of TELEGRAM_WEBHOOK_URL. */
  TELEGRAM_WEBHOOK_PATH: z
    .string()
    .regex(/^\/[\x21-\x7e]*$/, "a path starting with /")
    .optional(),
  // Telegram allows about 30 messages a second to different chats; more with paid broadcasts.
  TELEGRAM_BROADCAST_PER_S: z.coerce
    .number({ error: "a whole number of messages a second" })
    .int("a whole number of messages a second")
    .min(1, "at least 1")
    .max(1000, "at most 1000")
    .default(30),
  DISCORD_TOKEN: z.string().min(50, "a bot token from the Discord developer portal").optional(),
  DISCORD_APPLICATION_ID: z
    .string()
    .regex(/^\d{17,20}$/, "the application's numeric id")
    .optional(),
  DISCORD_GUILD_ID: z
    .string()
    .regex(/^\d{17,20}$/, "a server's numeric id")
    .optional(),
  DISCORD_API_ROOT: z.url({ error: "a URL" }).optional(),
});

/** Settings that are wrong only together with others. */
const checked = schema.superRefine((config, ctx) => {
  if (config.TELEGRAM_API_ROOT?.endsWith("/")) {
    ctx.addIssue({
      code: "custom",
      path: ["TELEGRAM_API_ROOT"],
      message: "a URL without a trailing slash",
    });
  }
  if (config.TELEGRAM_WEBHOOK_URL && !config.TELEGRAM_WEBHOOK_SECRET) {
    ctx.addIssue({
      code: "custom",
      path: ["TELEGRAM_WEBHOOK_SECRET"],
      message: "a secret, which TELEGRAM_WEBHOOK_URL needs (e.g. openssl rand -hex 32)",
    });
  }
  // A Discord half set up would otherwise be left out without a word.
  if (config.DISCORD_TOKEN && !config.DISCORD_APPLICATION_ID) {
    ctx.addIssue({
      code: "custom",
      path: ["DISCORD_APPLICATION_ID"],
      message: "the application's numeric id, which DISCORD_TOKEN needs",
    });
  }
});

export type Config = z.infer<typeof schema>;

function isFolderOrMissing(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? true;
}

const SECRET = /TOKEN|SECRET/;

/** A wrong setting: one line per variable, naming what was given (secrets masked) and what is wanted. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Masks a secret for a message: the first 4 characters, then asterisks. */
export function mask(value: string): string {
  return value.length <= 4 ? "****" : `${value.slice(0, 4)}****`;
}

/** Validates the environment; empty strings count as unset, as in most .env files. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""),
  );
  const result = checked.safeParse(present);
  if (result.success) return result.data;
  // A token pasted into the wrong variable, or inside a URL, is masked there too.
  const secrets = Object.entries(present)
    .filter(([name]) => SECRET.test(name))
    .flatMap(([, value]) => (value === undefined ? [] : [value]));
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "?");
    const given = present[name];
    const shown =
      given === undefined
        ? "nothing"
        : `"${SECRET.test(name) ? mask(given) : redactSecrets(given, secrets)}"`;
    return `${name}: got ${shown}, expected ${issue.message}`;
  });
  throw new ConfigError(problems);
}
