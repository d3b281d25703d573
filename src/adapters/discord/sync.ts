/**
 * Registering the slash commands with Discord, only when they changed: the registered set is
 * read (GET), compared field by field with the wanted one, and replaced (PUT) on a difference.
 * Discord rate-limits command updates and every PUT bumps the commands' versions, so an
 * unchanged start-up must not write.
 */
import { ApplicationCommandType, REST, Routes } from "discord.js";
import type { SlashCommand } from "./commands.ts";

/** Where commands are registered: globally, or to one server (instant, for testing). */
export interface CommandTarget {
  applicationId: string;
  guildId?: string;
}

/** What a sync did. */
export type SyncOutcome = "unchanged" | "registered";

function field(source: object, key: string): unknown {
  return (source as Record<string, unknown>)[key];
}

function objects(value: unknown): object[] {
  return Array.isArray(value) ? value.filter((v): v is object => v !== null && typeof v === "object") : [];
}

/** A localization map with its keys in order and empty entries dropped (Discord returns null for none). */
function localizations(value: unknown): Record<string, string> {
  if (value === null || typeof value !== "object") return {};
  return Object.fromEntries(
    Object.entries(value)
      .filter((entry): entry is [string, string] => typeof entry[1] === "string")
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

function shared(source: object): Record<string, unknown> {
  return {
    name: field(source, "name"),
    name_localizations: localizations(field(source, "name_localizations")),
    description: field(source, "description"),
    description_localizations: localizations(field(source, "description_localizations")),
  };
}

function canonicalOption(option: object): Record<string, unknown> {
  return {
    type: field(option, "type"),
    ...shared(option),
    // Discord leaves out false flags and empty choices.
    required: field(option, "required") === true,
    autocomplete: field(option, "autocomplete") === true,
    choices: objects(field(option, "choices")).map((c) => ({
      name: field(c, "name"),
      name_localizations: localizations(field(c, "name_localizations")),
      value: field(c, "value"),
    })),
  };
}

/**
 * The fields this adapter sets on a command, in a fixed order with Discord's defaults filled
 * in: a registered command (which also carries ids, versions and permissions) and a wanted one
 * compare equal exactly when registering again would change nothing we define.
 */
function canonicalCommand(command: object): Record<string, unknown> {
  return {
    type: field(command, "type") ?? ApplicationCommandType.ChatInput,
    ...shared(command),
    default_member_permissions: field(command, "default_member_permissions") ?? null,
    options: objects(field(command, "options")).map(canonicalOption),
  };
}

function canonicalSet(commands: readonly object[]): string {
  const canonical = commands.map(canonicalCommand);
  canonical.sort((a, b) => String(a.name).localeCompare(String(b.name)));
  return JSON.stringify(canonical);
}

/** Whether the registered commands already are the wanted ones. */
export function sameCommands(registered: readonly object[], wanted: readonly SlashCommand[]): boolean {
  return canonicalSet(registered) === canonicalSet(wanted);
}

function commandsRoute(target: CommandTarget) {
  return target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
}

/** Registers the wanted commands when they differ from the registered ones (GET, then PUT if needed). */
export async function syncCommands(
  rest: REST,
  target: CommandTarget,
  wanted: readonly SlashCommand[],
): Promise<SyncOutcome> {
  const route = commandsRoute(target);
  // Without with_localizations Discord returns only the caller's locale, never the maps.
  const registered = await rest.get(route, { query: new URLSearchParams({ with_localizations: "true" }) });
  if (sameCommands(objects(registered), wanted)) return "unchanged";
  await rest.put(route, { body: wanted });
  return "registered";
}

/** Credentials and address for registering commands outside a running bot (scripts/deploy-commands.ts). */
export interface DeployOptions extends CommandTarget {
  token: string;
  /** The REST root, e.g. http://127.0.0.1:PORT/api for a fake; Discord's by default. */
  apiRoot?: string;
}

/** Registers the commands with a REST client of its own; for the deploy script. */
export function deployCommands(
  options: DeployOptions,
  wanted: readonly SlashCommand[],
): Promise<SyncOutcome> {
  const rest = new REST(options.apiRoot ? { api: options.apiRoot } : {}).setToken(options.token);
  return syncCommands(rest, options, wanted);
}
