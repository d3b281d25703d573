/**
 * The slash-command definitions Discord gets, built from the command registry: one slash
 * command per command (aliases are not separate commands; a Chinese alias becomes the
 * command's zh-CN name), typed options with required ones first, zh-CN and en-US texts.
 * Discord's naming and length rules are checked here, so a bad definition fails at start-up
 * with a clear message instead of a 400 from Discord.
 */
import {
  type APIApplicationCommandIntegerOption,
  type APIApplicationCommandStringOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  Locale,
  type LocalizationMap,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { AnyCommand, Localized, OptionDef } from "../../command/types.ts";

/** A slash command as it is registered with Discord. */
export type SlashCommand = RESTPostAPIChatInputApplicationCommandsJSONBody;

type SlashOption = APIApplicationCommandStringOption | APIApplicationCommandIntegerOption;

/** What every option has, whatever its type. */
interface OptionBase {
  name: string;
  description: string;
  description_localizations: LocalizationMap;
  required: boolean;
}

/** Discord's limits for application commands. */
export const SLASH_LIMITS = {
  /** Names: letters and digits of any script, - and _; lower case where a script has case. */
  name: /^[-_\p{L}\p{N}]{1,32}$/u,
  description: 100,
  options: 25,
  choices: 25,
  choice: 100,
  /** Names, descriptions and choice values of one command together, in every locale. */
  totalCharacters: 8000,
} as const;

/** A command definition Discord would refuse, naming the command and option. */
export class SlashCommandError extends Error {
  constructor(where: string, problem: string) {
    super(`discord slash command ${where}: ${problem}`);
    this.name = "SlashCommandError";
  }
}

function checkName(where: string, name: string): string {
  if (!SLASH_LIMITS.name.test(name) || name !== name.toLowerCase()) {
    throw new SlashCommandError(where, `name "${name}" must be 1–32 lower-case letters, digits, - or _`);
  }
  return name;
}

function checkDescription(where: string, text: string): string {
  if (text.length < 1 || text.length > SLASH_LIMITS.description) {
    throw new SlashCommandError(
      where,
      `description "${text}" must be 1–${SLASH_LIMITS.description} characters`,
    );
  }
  return text;
}

/** The description in English by default, with zh-CN and en-US localizations. */
function descriptions(
  where: string,
  text: Localized,
): { description: string; description_localizations: LocalizationMap } {
  return {
    description: checkDescription(where, text.en),
    description_localizations: {
      [Locale.ChineseCN]: checkDescription(where, text.zh),
      [Locale.EnglishUS]: checkDescription(where, text.en),
    },
  };
}

/** The zh-CN name: the command's first Chinese alias that Discord accepts as a name, else its name. */
function chineseName(command: AnyCommand): string {
  const aliases: readonly string[] = command.aliases ?? [];
  const alias = aliases.find(
    (a) => /\P{ASCII}/u.test(a) && SLASH_LIMITS.name.test(a) && a === a.toLowerCase(),
  );
  return alias ?? command.name;
}

function textOption(
  where: string,
  base: OptionBase,
  option: OptionDef<unknown>,
): APIApplicationCommandStringOption {
  const type = ApplicationCommandOptionType.String;
  if (option.autocomplete && option.choices) {
    throw new SlashCommandError(where, "Discord takes choices or autocomplete, not both");
  }
  if (option.autocomplete) return { ...base, type, autocomplete: true };
  if (!option.choices) return { ...base, type };
  if (option.choices.length > SLASH_LIMITS.choices) {
    throw new SlashCommandError(where, `at most ${SLASH_LIMITS.choices} choices`);
  }
  const bad = option.choices.find((c) => c.length < 1 || c.length > SLASH_LIMITS.choice);
  if (bad !== undefined) {
    throw new SlashCommandError(where, `choice "${bad}" must be 1–${SLASH_LIMITS.choice} characters`);
  }
  return { ...base, type, choices: option.choices.map((c) => ({ name: c, value: c })) };
}

function buildOption(commandName: string, name: string, option: OptionDef<unknown>): SlashOption {
  const where = `/${commandName} option "${name}"`;
  const base: OptionBase = {
    name: checkName(where, name),
    ...descriptions(where, option.description),
    required: option.required,
  };
  if (option.kind === "text") return textOption(where, base, option);
  if (option.autocomplete || option.choices) {
    throw new SlashCommandError(where, "integer options take neither choices nor autocomplete");
  }
  return { ...base, type: ApplicationCommandOptionType.Integer };
}

/** The characters Discord counts towards a command's limit: names, descriptions, values. */
function countedCharacters(value: unknown): number {
  if (typeof value === "string") return value.length;
  if (Array.isArray(value)) {
    return (value as unknown[]).reduce<number>((sum, v) => sum + countedCharacters(v), 0);
  }
  if (value !== null && typeof value === "object") {
    return Object.entries(value)
      .filter(([key]) => /name|description|value|localizations|options|choices/.test(key))
      .reduce((sum, [, v]) => sum + countedCharacters(v), 0);
  }
  return 0;
}

/** The slash command for one registry command; throws SlashCommandError on a rule Discord enforces. */
export function buildSlashCommand(command: AnyCommand): SlashCommand {
  const where = `/${command.name}`;
  const entries = Object.entries(command.options as Record<string, OptionDef<unknown>>);
  if (entries.length > SLASH_LIMITS.options) {
    throw new SlashCommandError(where, `${entries.length} options, Discord allows ${SLASH_LIMITS.options}`);
  }
  // Discord refuses a required option after an optional one (the sort is stable).
  const options = entries
    .map(([name, option]) => buildOption(command.name, name, option))
    .sort((a, b) => Number(b.required === true) - Number(a.required === true));
  const slash: SlashCommand = {
    type: ApplicationCommandType.ChatInput,
    name: checkName(where, command.name),
    name_localizations: {
      [Locale.ChineseCN]: checkName(where, chineseName(command)),
      [Locale.EnglishUS]: command.name,
    },
    ...descriptions(where, command.description),
    // Commands that always need an admin are shown only to members who may manage channels;
    // server admins can widen that in their integration settings, and the dispatcher checks again.
    default_member_permissions:
      command.adminOnly === true ? String(PermissionFlagsBits.ManageChannels) : null,
    options,
  };
  const size = countedCharacters(slash);
  if (size > SLASH_LIMITS.totalCharacters) {
    throw new SlashCommandError(
      where,
      `${size} characters of names and texts, Discord allows ${SLASH_LIMITS.totalCharacters}`,
    );
  }
  return slash;
}

/** The slash commands for the whole registry, in registry order. */
export function buildSlashCommands(commands: readonly AnyCommand[]): SlashCommand[] {
  return commands.map(buildSlashCommand);
}
