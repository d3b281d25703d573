/**
 * Sending reminders through the Bot API, and reading Telegram's refusals as outcomes the
 * delivery loop acts on. It has an Api of its own, without the auto-retry of the bot's:
 * the delivery loop records a 429 and waits the retry_after itself, so a shutdown never
 * waits behind a sleeping retry.
 */
import { Api, GrammyError, HttpError } from "grammy";
import type { Answer } from "../../answer/answer.ts";
import type { ChatTarget } from "../../chat.ts";
import type { Messenger, SendLimits, SendOutcome } from "../../reminders/messenger.ts";
import { renderAnswer } from "./render.ts";
import { sendBotApiRequest } from "./transport.ts";

/**
 * Telegram's broadcast limits: about 30 messages a second overall and 20 a minute in one
 * group (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this).
 */
export const TELEGRAM_SEND_LIMITS: SendLimits = { perSecond: 30, perChatPerMinute: 20 };

// 400 descriptions that mean the chat or topic will never take a message from the bot.
const GONE_DESCRIPTIONS = [/chat not found/i, /message thread not found/i, /TOPIC_DELETED/i, /TOPIC_CLOSED/i];

/** What a failed call means for the reminder. */
export function outcomeOfError(error: unknown): SendOutcome {
  if (error instanceof GrammyError) {
    const { error_code: code, description, parameters } = error;
    if (code === 429) return { kind: "rate_limited", retryAfterSeconds: parameters.retry_after ?? 1 };
    if (parameters.migrate_to_chat_id !== undefined) {
      return { kind: "migrated", newChatId: String(parameters.migrate_to_chat_id) };
    }
    // 403: the bot was blocked, kicked, or may not write there.
    if (code === 403 || (code === 400 && GONE_DESCRIPTIONS.some((p) => p.test(description)))) {
      return { kind: "gone", error: `${code} ${description}` };
    }
    return { kind: "transient", error: `${code} ${description}` };
  }
  // A network failure or a 5xx arrives as an HttpError; its text holds no token once it is
  // reduced to the message, which grammY writes without the URL.
  if (error instanceof HttpError) return { kind: "transient", error: error.message };
  throw error;
}

/**
 * grammY types its abort signal with the abort-controller package's class; Node's own
 * AbortSignal is what it uses at run time (it checks only that the signal can be listened to).
 */
type GrammySignal = Parameters<Api["sendMessage"]>[3];

/** The Telegram Messenger for the reminder service. `apiRoot` has no trailing slash. */
export function telegramMessenger(options: {
  token: string;
  apiRoot?: string;
  limits?: SendLimits;
}): Messenger {
  const api = new Api(options.token, {
    fetch: sendBotApiRequest,
    ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
  });
  return {
    platform: "telegram",
    limits: options.limits ?? TELEGRAM_SEND_LIMITS,
    async send(target: ChatTarget, answer: Answer, signal?: AbortSignal): Promise<SendOutcome> {
      const topic = target.threadId ? { message_thread_id: Number(target.threadId) } : {};
      try {
        // A reminder is one plan item and fits one message; a longer one goes in parts, and a
        // failure after the first part repeats the parts already sent when it is retried.
        for (const text of renderAnswer(answer)) {
          await api.sendMessage(
            target.chatId,
            text,
            { parse_mode: "HTML", link_preview_options: { is_disabled: true }, ...topic },
            signal as GrammySignal,
          );
        }
        return { kind: "sent" };
      } catch (error) {
        return outcomeOfError(error);
      }
    },
  };
}
