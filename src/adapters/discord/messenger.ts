/**
 * Sending reminders to Discord channels and threads over REST (a thread is a channel of its
 * own, so a subscription made in a thread posts there), and reading Discord's refusals as
 * outcomes the delivery loop acts on. discord.js's REST client already queues requests by
 * rate-limit bucket and waits out a 429; one that still surfaces is handed back.
 */
import {
  DiscordAPIError,
  HTTPError,
  RateLimitError,
  type REST,
  RESTJSONErrorCodes,
  Routes,
} from "discord.js";
import type { Answer } from "../../answer/answer.ts";
import type { ChatTarget } from "../../chat.ts";
import type { Messenger, SendLimits, SendOutcome } from "../../reminders/messenger.ts";
import { renderEmbed } from "./render.ts";
import { NO_MENTIONS } from "./reply.ts";

/** Under Discord's global 50 requests a second and 5 messages per 5 seconds in one channel. */
export const DISCORD_SEND_LIMITS: SendLimits = { perSecond: 40, perChatPerMinute: 30 };

// The channel is deleted, or the bot can no longer see or write in it: retrying cannot help.
const GONE_CODES: ReadonlySet<number | string> = new Set([
  RESTJSONErrorCodes.UnknownChannel,
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
]);

/** What a failed request means for the reminder. */
export function outcomeOfError(error: unknown): SendOutcome {
  if (error instanceof RateLimitError) {
    return { kind: "rate_limited", retryAfterSeconds: Math.ceil(error.retryAfter / 1000) };
  }
  if (error instanceof DiscordAPIError) {
    const text = `${error.status} ${error.code} ${error.message}`;
    if (GONE_CODES.has(error.code)) return { kind: "gone", error: text };
    return { kind: "transient", error: text };
  }
  if (error instanceof HTTPError) return { kind: "transient", error: `${error.status} ${error.message}` };
  // A network failure (fetch's TypeError and its cause) is worth another try; the message
  // names the host, never the token, which travels in a header.
  if (error instanceof Error) return { kind: "transient", error: error.message };
  throw error;
}

/** The Discord Messenger for the reminder service, on the client's REST instance. */
export function discordMessenger(rest: REST, limits: SendLimits = DISCORD_SEND_LIMITS): Messenger {
  return {
    platform: "discord",
    limits,
    async send(target: ChatTarget, answer: Answer, signal?: AbortSignal): Promise<SendOutcome> {
      try {
        await rest.post(Routes.channelMessages(target.chatId), {
          body: { embeds: [renderEmbed(answer)], allowed_mentions: NO_MENTIONS },
          signal,
        });
        return { kind: "sent" };
      } catch (error) {
        return outcomeOfError(error);
      }
    },
  };
}
