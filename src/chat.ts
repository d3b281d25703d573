/**
 * Who is talking to the bot, in neutral form: every platform's chat ids become strings,
 * and a chat's settings (its report, its time zone) are kept under one key.
 */

/** A platform the bot runs on: an adapter's name ("telegram", "discord", "console"). */
export type Platform = string;

/** Where a command came from. */
export interface Chat {
  platform: Platform;
  id: string;
  kind: "private" | "group" | "channel";
  /** A forum topic or thread inside the chat, where reminders should go. */
  threadId?: string;
}

/** Where a message goes: a chat, and a thread or forum topic inside it where there is one. */
export interface ChatTarget {
  platform: Platform;
  chatId: string;
  threadId: string | null;
}

/** The key a chat's settings are stored under: platform and chat id. */
export function chatKeyOf(target: { platform: Platform; chatId: string }): string {
  return `${target.platform}:${target.chatId}`;
}

/** The settings key of the chat a command came from. */
export function chatKey(chat: Chat): string {
  return chatKeyOf({ platform: chat.platform, chatId: chat.id });
}
