/**
 * Decoding Telegram updates into the neutral form: who asks, in which chat, and whether a
 * message is a command for this bot, a question, or none of our business.
 */
import type { CallbackQuery, InlineQuery, Message, Chat as TelegramChat } from "grammy/types";
import { addressedTo, parseCommandLine } from "../../command/line.ts";
import type { Chat, Invocation, Locale } from "../../command/types.ts";
import { normalizeText } from "../../text/normalize.ts";

/** An Invocation without its command: where and by whom. */
export type InvocationBase = Omit<Invocation, "command" | "args">;

/** The user's language: English when Telegram says so, Chinese otherwise. */
export function localeOf(languageCode: string | undefined): Locale {
  return languageCode?.toLowerCase().startsWith("en") ? "en" : "zh";
}

/** Whether a user administers a group chat, asked of Telegram. */
export type AdminCheck = (chatId: string, userId: string) => Promise<boolean>;

/** Telegram's four chat types in the neutral three. */
export function chatKind(type: TelegramChat["type"]): Chat["kind"] {
  return type === "private" ? "private" : type === "channel" ? "channel" : "group";
}

/** A forum topic's thread id, where the chat has topics and the message is in one. */
function topicOf(message: Message): string | undefined {
  return message.is_topic_message && message.message_thread_id !== undefined
    ? String(message.message_thread_id)
    : undefined;
}

/**
 * The base of a message or channel post. Rights known from the update alone: anyone is
 * admin of their private chat, only admins can post in a channel, and a group message
 * sent on behalf of the group itself comes from an anonymous admin. Other group members
 * are checked with `askAdmin` when a command needs it.
 */
export function messageBase(message: Message, askAdmin?: AdminCheck): InvocationBase {
  const kind = chatKind(message.chat.type);
  const chatId = String(message.chat.id);
  const chat: Chat = { platform: "telegram", id: chatId, kind };
  const topic = topicOf(message);
  if (topic !== undefined) chat.threadId = topic;
  const anonymousAdmin = message.sender_chat?.id === message.chat.id;
  const userId = String(message.from?.id ?? message.sender_chat?.id ?? message.chat.id);
  const base: InvocationBase = {
    chat,
    userId,
    locale: localeOf(message.from?.language_code),
    isChatAdmin: kind !== "group" || anonymousAdmin,
  };
  // A message sent as a channel (sender_chat) has no member to look up.
  if (kind === "group" && askAdmin && message.from && !message.sender_chat) {
    base.checkAdmin = () => askAdmin(chatId, userId);
  }
  return base;
}

/**
 * The base of a button press, or null for a button on an inline message (no chat). The
 * presser is admin of their private chat; in a group, `askAdmin` tells.
 */
export function callbackBase(query: CallbackQuery, askAdmin?: AdminCheck): InvocationBase | null {
  const message = query.message;
  if (!message) return null;
  const kind = chatKind(message.chat.type);
  const chatId = String(message.chat.id);
  const userId = String(query.from.id);
  const base: InvocationBase = {
    chat: { platform: "telegram", id: chatId, kind },
    userId,
    locale: localeOf(query.from.language_code),
    isChatAdmin: kind === "private",
  };
  if (kind === "group" && askAdmin) base.checkAdmin = () => askAdmin(chatId, userId);
  return base;
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

/** The text without "@username" wherever it stands (the way a group member addresses the bot). */
function withoutMention(text: string, username: string): string {
  const mention = new RegExp(`@${username.replace(/[^A-Za-z0-9_]/g, "")}\\b`, "gi");
  return text.replace(mention, " ").replace(/\s+/g, " ").trim();
}

/**
 * Decides whether a message is for this bot. A command addressed to another bot
 * (/stat@OtherBot) is ignored; in groups and channels an unaddressed command is answered
 * only when it is one of ours (others may belong to another bot), and plain text is
 * conversation, not a question — unless it @mentions this bot or replies to one of its
 * messages (`repliesToBot`). In a private chat, plain text is a question.
 */
export function routeText(
  text: string,
  kind: Chat["kind"],
  username: string,
  isOurCommand: (name: string) => boolean,
  repliesToBot = false,
): Route {
  const unmentioned = withoutMention(text, username);
  const addressed = kind === "private" || repliesToBot || unmentioned !== text.replace(/\s+/g, " ").trim();
  // "@ReportBot /stat 公证" is a command too, once the mention is taken off.
  const line = parseCommandLine(text) ?? (addressed ? parseCommandLine(unmentioned) : null);
  if (!line) {
    return addressed && unmentioned !== "" ? { kind: "question", text: unmentioned } : { kind: "ignore" };
  }
  const target = addressedTo(text);
  if (target !== null && target.toLowerCase() !== username.toLowerCase()) return { kind: "ignore" };
  if (target === null && kind !== "private" && !isOurCommand(normalizeText(line.command))) {
    return { kind: "ignore" };
  }
  return { kind: "command", command: line.command, args: line.args };
}
