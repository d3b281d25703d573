/** How each platform's refusals become reminder outcomes: wait, retry, stop, or follow. */
import { DiscordAPIError, HTTPError, RESTJSONErrorCodes } from "discord.js";
import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { outcomeOfError as discordOutcome } from "../src/adapters/discord/messenger.ts";
import { outcomeOfError as telegramOutcome } from "../src/adapters/telegram/messenger.ts";

function telegramError(error_code: number, description: string, parameters = {}) {
  return new GrammyError(
    "call failed",
    { ok: false, error_code, description, parameters },
    "sendMessage",
    {},
  );
}
function discordError(status: number, code: number, message: string) {
  return new DiscordAPIError({ code, message }, code, status, "POST", "/channels/1/messages", { body: {} });
}

describe("Telegram refusals", () => {
  it.each([
    [
      telegramError(429, "Too Many Requests: retry after 7", { retry_after: 7 }),
      { kind: "rate_limited", retryAfterSeconds: 7 },
    ],
    [telegramError(403, "Forbidden: bot was blocked by the user"), { kind: "gone" }],
    [telegramError(403, "Forbidden: bot was kicked from the group chat"), { kind: "gone" }],
    [telegramError(400, "Bad Request: chat not found"), { kind: "gone" }],
    [telegramError(400, "Bad Request: message thread not found"), { kind: "gone" }],
    [
      telegramError(400, "Bad Request: group chat was upgraded to a supergroup chat", {
        migrate_to_chat_id: -1001234,
      }),
      { kind: "migrated", newChatId: "-1001234" },
    ],
    [telegramError(502, "Bad Gateway"), { kind: "transient" }],
    [telegramError(400, "Bad Request: can't parse entities"), { kind: "transient" }],
    [
      new HttpError("Network request for 'sendMessage' failed!", new Error("ECONNRESET")),
      { kind: "transient" },
    ],
  ])("%s", (error, expected) => {
    expect(telegramOutcome(error)).toMatchObject(expected);
  });
});

describe("Discord refusals", () => {
  it.each([
    [discordError(404, RESTJSONErrorCodes.UnknownChannel, "Unknown Channel"), "gone"],
    [discordError(403, RESTJSONErrorCodes.MissingAccess, "Missing Access"), "gone"],
    [discordError(403, RESTJSONErrorCodes.MissingPermissions, "Missing Permissions"), "gone"],
    [discordError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, "Invalid Form Body"), "transient"],
    [new HTTPError(503, "Service Unavailable", "POST", "/channels/1/messages", { body: {} }), "transient"],
    [new TypeError("fetch failed"), "transient"],
  ])("%s", (error, kind) => {
    expect(discordOutcome(error).kind).toBe(kind);
  });
});
