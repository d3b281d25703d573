/** The command menu Telegram shows: kept equal to the registry, in Chinese and English. */
import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Registry } from "../../command/registry.ts";

/** One menu: the language it is registered for (undefined: everyone else) and its texts. */
interface MenuScope {
  languageCode: "zh" | "en" | undefined;
  locale: "zh" | "en";
}

const SCOPES: readonly MenuScope[] = [
  { languageCode: undefined, locale: "zh" },
  { languageCode: "zh", locale: "zh" },
  { languageCode: "en", locale: "en" },
];

/** The menu for a language: every command by name, with its description in that language. */
export function menuFor(registry: Registry, locale: "zh" | "en"): BotCommand[] {
  return registry.commands.map((c) => ({ command: c.name, description: c.description[locale] }));
}

function same(a: readonly BotCommand[], b: readonly BotCommand[]): boolean {
  return (
    a.length === b.length &&
    a.every((c, i) => c.command === b[i]?.command && c.description === b[i]?.description)
  );
}

/**
 * Registers the menus that differ from what Telegram has (it is asked first, so a restart
 * with the same commands sends nothing). Returns the language codes that were updated.
 */
export async function syncCommandMenus(api: Api, registry: Registry): Promise<string[]> {
  const updated: string[] = [];
  for (const scope of SCOPES) {
    const options = scope.languageCode ? { language_code: scope.languageCode } : {};
    const wanted = menuFor(registry, scope.locale);
    const current = await api.getMyCommands(options);
    if (same(current, wanted)) continue;
    await api.setMyCommands(wanted, options);
    updated.push(scope.languageCode ?? "default");
  }
  return updated;
}
