/**
 * Decoding Telegram updates into the neutral form: who asks, in which chat, and whether a
 * message is a command for this bot, a question, or none of our business.
 */
import type { CallbackQuery, InlineQuery, Message, Chat as TelegramChat } from "grammy/types";
import { addressedTo, parseCommandLine } from "../../command/line.ts";
import type { Chat, Invocation } from "../../command/types.ts";
import { normalizeText } from "../../query/normalize.ts";
import { localeOf } from "./messages.ts";

/** An Invocation without its command: where and by whom. */
export type InvocationBase = Omit<Invocation, "command" | "args">;

/** Telegram's four chat types in the neutral three. */
export function chatKind(type: TelegramChat["type"]): Chat["kind"] {
  return type === "private" ? "private" : type === "channel" ? "channel" : "group";
}

/**
 * The base of a message or channel post. Rights: anyone is admin of their private chat and
 * only admins can post in a channel; in groups it is false until admin checks arrive.
 */
export function messageBase(message: Message): InvocationBase {
  const kind = chatKind(message.chat.type);
  const chat: Chat = { platform: "telegram", id: String(message.chat.id), kind };
  if (message.is_topic_message && message.message_thread_id !== undefined) {
    chat.threadId = String(message.message_thread_id);
  }
  return {
    chat,
    userId: String(message.from?.id ?? message.sender_chat?.id ?? message.chat.id),
    locale: localeOf(message.from?.language_code),
    isChatAdmin: kind !== "group",
  };
}

/**
 * The base of a button press, or null for a button on an inline message (no chat). The
 * presser counts as admin only in their private chat.
 */
export function callbackBase(query: CallbackQuery): InvocationBase | null {
  const message = query.message;
  if (!message) return null;
  const kind = chatKind(message.chat.type);
  return {
    chat: { platform: "telegram", id: String(message.chat.id), kind },
    userId: String(query.from.id),
    locale: localeOf(query.from.language_code),
    isChatAdmin: kind === "private",
  };
}

/**
 * The base of an inline query. It has no chat of its own: the user's private chat stands in
 * (its id is the user's id), without admin rights since the answer may land anywhere.
 */
export function inlineBase(query: InlineQuery): InvocationBase {
  return {
    chat: { platform: "telegram", id: String(query.from.id), kind: "private" },
    userId: String(query.from.id),
    locale: localeOf(query.from.language_code),
    isChatAdmin: false,
  };
}

/** What a text message asks for. */
export type Route =
  | { kind: "command"; command: string; args: string }
  | { kind: "question"; text: string }
  | { kind: "ignore" };

/**
 * Decides whether a message is for this bot. A command addressed to another bot
 * (/stat@OtherBot) is ignored; in groups and channels an unaddressed command is answered
 * only when it is one of ours (others may belong to another bot), and plain text is
 * conversation, not a question. In a private chat, plain text is a question.
 */
export function routeText(
  text: string,
  kind: Chat["kind"],
  username: string,
  isOurCommand: (name: string) => boolean,
): Route {
  const line = parseCommandLine(text);
  if (!line) {
    const question = text.trim();
    return kind === "private" && question !== "" ? { kind: "question", text: question } : { kind: "ignore" };
  }
  const target = addressedTo(text);
  if (target !== null && target.toLowerCase() !== username.toLowerCase()) return { kind: "ignore" };
  if (target === null && kind !== "private" && !isOurCommand(normalizeText(line.command))) {
    return { kind: "ignore" };
  }
  return { kind: "command", command: line.command, args: line.args };
}
