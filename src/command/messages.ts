/**
 * What the bot says outside of answers, on every platform, in both languages: the flood
 * notices, the apology after a failure, an expired button, the inline-mode hint. Answers
 * and their refusals are worded by the commands and the dispatcher.
 */
import type { FloodGuard, FloodVerdict } from "./rate-limit.ts";
import type { Locale, Localized } from "./types.ts";

/** An update could not be handled; the log has the details. */
export const APOLOGY: Localized = {
  zh: "抱歉, 处理这条消息时出了错, 已记录。",
  en: "Sorry, something went wrong with this message; it has been logged.",
};

/** A button whose command is no longer remembered (after a restart, or long ago). */
export const BUTTON_EXPIRED: Localized = {
  zh: "这个按钮已过期, 请重新发送命令。",
  en: "This button has expired; please send the command again.",
};

/**
 * What a user over the flood limit reads after the one polite notice, where the platform
 * wants every request answered (Discord) and silence is not possible.
 */
export const STILL_LIMITED: Localized = { zh: "⏳ 请稍后再试。", en: "⏳ Please try again later." };

/** Shown above empty inline results (Telegram's inline mode). */
export const INLINE_HINT: Localized = {
  zh: "输入关键词查数字, 如: 法律援助",
  en: "Type a keyword to find figures, e.g. 法律援助",
};

function duration(ms: number, locale: Locale): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 120) return locale === "zh" ? `${seconds}秒` : `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  return locale === "zh" ? `${minutes}分钟` : `${minutes} min`;
}

/** The one polite notice for a refused command: whose limit it is, what it allows, when to retry. */
export function floodNotice(
  verdict: Extract<FloodVerdict, { action: "warn" }>,
  limits: FloodGuard["limits"],
  locale: Locale,
): string {
  const window = duration(limits.windowMs, locale);
  const wait = duration(verdict.retryAfterMs, locale);
  if (verdict.scope === "user") {
    return locale === "zh"
      ? `消息太频繁了 (每人每${window}最多${limits.perUser}条), 请${wait}后再试。`
      : `Too many commands (at most ${limits.perUser} per person per ${window}); please try again in ${wait}.`;
  }
  return locale === "zh"
    ? `这个聊天里的命令太多了 (每${window}最多${limits.perChat}条), 请${wait}后再试。`
    : `Too many commands in this chat (at most ${limits.perChat} per ${window}); please try again in ${wait}.`;
}
