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
});
