/** The few fixed texts the Telegram adapter says itself, in both languages. */
import type { Localized } from "../../command/types.ts";

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

/** Shown above empty inline results. */
export const INLINE_HINT: Localized = {
  zh: "输入关键词查数字, 如: 法律援助",
  en: "Type a keyword to find figures, e.g. 法律援助",
};

/** The user's language: English when Telegram says so, Chinese otherwise. */
export function localeOf(languageCode: string | undefined): "zh" | "en" {
  return languageCode?.toLowerCase().startsWith("en") ? "en" : "zh";
}
