import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

describe("configuration", () => {
  it("has defaults for everything", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      REPORTS_DIR: "data/reports",
      DATABASE_PATH: "data/bot.sqlite",
      CACHE_MAX_ENTRIES: 5000,
      LOG_LEVEL: "info",
    });
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  it("treats empty values as unset, as .env files write them", () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: "", REPORTS_DIR: " " }).REPORTS_DIR).toBe("data/reports");
  });

  it("names each wrong variable, what it got and what it expects, masking tokens", () => {
    let error: unknown;
    try {
      loadConfig({ CACHE_MAX_ENTRIES: "many", TELEGRAM_BOT_TOKEN: "secret-token-value", LOG_LEVEL: "loud" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/CACHE_MAX_ENTRIES: got "many", expected a whole number/);
    expect(message).toMatch(/LOG_LEVEL: got "loud"/);
    expect(message).toMatch(/TELEGRAM_BOT_TOKEN: got "secr\*\*\*\*", expected a token from @BotFather/);
    expect(message).not.toContain("secret-token-value");
  });

  it("refuses an API root with a trailing slash", () => {
    expect(() => loadConfig({ TELEGRAM_API_ROOT: "http://127.0.0.1:9000/" })).toThrow(/TELEGRAM_API_ROOT/);
  });

  it("masks a token wherever it was pasted: in a URL, or in the wrong variable", () => {
    const telegram = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    const discord = "MTMwMDAwMDAwMDAwMDAwMDAw.GfAkEx.loopback-test-token-not-a-secret-000000";
    let error: unknown;
    try {
      loadConfig({
        TELEGRAM_BOT_TOKEN: telegram,
        TELEGRAM_API_ROOT: `http://127.0.0.1:9000/bot${telegram}/`,
        DISCORD_APPLICATION_ID: discord,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain(
      'DISCORD_APPLICATION_ID: got "<token>", expected the application\'s numeric id',
    );
    expect(message).toContain(
      'TELEGRAM_API_ROOT: got "http://127.0.0.1:9000/bot<token>/", expected a URL without',
    );
    expect(message).not.toContain(telegram.split(":")[1]);
    expect(message).not.toContain(discord);
  });

  it("reads the webhook settings: a secret is required with the URL, masked when wrong", () => {
    const config = loadConfig({
      TELEGRAM_WEBHOOK_URL: "https://bot.example.org/telegram",
      TELEGRAM_WEBHOOK_SECRET: "0123456789abcdef0123",
    });
    expect(config).toMatchObject({ TELEGRAM_WEBHOOK_HOST: "127.0.0.1", TELEGRAM_WEBHOOK_PORT: 8443 });
    expect(config.TELEGRAM_WEBHOOK_PATH).toBeUndefined(); // the URL's path, where the adapter starts
    expect(() => loadConfig({ TELEGRAM_WEBHOOK_URL: "https://bot.example.org/telegram" })).toThrow(
      /TELEGRAM_WEBHOOK_SECRET: got nothing, expected a secret, which TELEGRAM_WEBHOOK_URL needs/,
    );
    expect(() => loadConfig({ TELEGRAM_WEBHOOK_URL: "ftp://bot.example.org/telegram" })).toThrow(
      /TELEGRAM_WEBHOOK_URL: got "ftp:\/\/bot.example.org\/telegram", expected an https:\/\/ URL/,
    );
    let message = "";
    try {
      loadConfig({
        TELEGRAM_WEBHOOK_URL: "https://x.org/t",
        TELEGRAM_WEBHOOK_SECRET: "has spaces in it, secret",
      });
    } catch (error) {
      message = (error as ConfigError).message;
    }
    expect(message).toMatch(/TELEGRAM_WEBHOOK_SECRET: got "has \*\*\*\*", expected 16–256 characters/);
    expect(message).not.toContain("spaces in it");
  });

  it("reads DATABASE_MAX_MB as a positive number of megabytes", () => {
    expect(loadConfig({ DATABASE_MAX_MB: "0.5" }).DATABASE_MAX_MB).toBe(0.5);
    expect(loadConfig({}).DATABASE_MAX_MB).toBeUndefined();
    expect(() => loadConfig({ DATABASE_MAX_MB: "0" })).toThrow(
      /DATABASE_MAX_MB: got "0", expected more than 0/,
    );
  });

  it("takes a reports folder that is not there (a volume not mounted yet), but not a file", () => {
    expect(loadConfig({ REPORTS_DIR: "/nonexistent/reports" }).REPORTS_DIR).toBe("/nonexistent/reports");
    expect(() => loadConfig({ REPORTS_DIR: "package.json" })).toThrow(
      /REPORTS_DIR: got "package.json", expected a folder of report files \(not a file\)/,
    );
  });

  it("reads report files up to 20 MB unless told otherwise", () => {
    expect(loadConfig({}).REPORT_MAX_MB).toBe(20);
    expect(loadConfig({ REPORT_MAX_MB: "0.5" }).REPORT_MAX_MB).toBe(0.5);
    expect(() => loadConfig({ REPORT_MAX_MB: "0" })).toThrow(/REPORT_MAX_MB: got "0", expected more than 0/);
  });

  it("refuses a Discord token without the application id, rather than leaving Discord out", () => {
    const token = "MTMwMDAwMDAwMDAwMDAwMDAw.GfAkEx.loopback-test-token-not-a-secret-000000";
    expect(() => loadConfig({ DISCORD_TOKEN: token })).toThrow(
      /DISCORD_APPLICATION_ID: got nothing, expected the application's numeric id, which DISCORD_TOKEN needs/,
    );
  });

  it("reads the flood limits, within their ranges", () => {
    expect(loadConfig({})).toMatchObject({
      RATE_LIMIT_PER_USER: 20,
      RATE_LIMIT_PER_CHAT: 30,
      RATE_LIMIT_WINDOW_S: 60,
    });
    expect(loadConfig({ RATE_LIMIT_PER_USER: "5", RATE_LIMIT_WINDOW_S: "3600" })).toMatchObject({
      RATE_LIMIT_PER_USER: 5,
      RATE_LIMIT_WINDOW_S: 3600,
    });
    expect(() => loadConfig({ RATE_LIMIT_PER_USER: "0" })).toThrow(
      /RATE_LIMIT_PER_USER: got "0", expected at least 1/,
    );
    expect(() => loadConfig({ RATE_LIMIT_PER_CHAT: "2.5" })).toThrow(/RATE_LIMIT_PER_CHAT: got "2.5"/);
    expect(() => loadConfig({ RATE_LIMIT_WINDOW_S: "86400" })).toThrow(/RATE_LIMIT_WINDOW_S: got "86400"/);
  });
});
