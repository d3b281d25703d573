/**
 * Decoding Discord interactions into the neutral form: which chat (the channel), who, in
 * which language, with which rights, and the options of a slash command as named arguments.
 */
import { type CommandInteractionOption, Locale, PermissionFlagsBits } from "discord.js";
import type { Invocation } from "../../command/types.ts";

/** An Invocation without its command: where and by whom. */
export type InvocationBase = Omit<Invocation, "command" | "args">;

/** What the base is read from; every interaction a user makes has it. */
export interface InteractionSource {
  channelId: string | null;
  guildId: string | null;
  locale: string;
  user: { id: string };
  memberPermissions: { has(permission: bigint): boolean } | null;
}

const ENGLISH: ReadonlySet<string> = new Set([Locale.EnglishUS, Locale.EnglishGB]);

/** The bot's language for a Discord locale: English for en-US and en-GB, Chinese otherwise. */
export function localeOf(locale: string): Invocation["locale"] {
  return ENGLISH.has(locale) ? "en" : "zh";
}

/**
 * The base of an interaction. The chat is the channel: a server channel is a group, a DM is
 * private. Rights: in a server, members who may manage the channel; in a DM, the user.
 */
export function invocationBase(interaction: InteractionSource): InvocationBase {
  const inServer = interaction.guildId !== null;
  const managesChannel = interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false;
  return {
    chat: {
      platform: "discord",
      id: interaction.channelId ?? interaction.user.id,
      kind: inServer ? "group" : "private",
    },
    userId: interaction.user.id,
    locale: localeOf(interaction.locale),
    isChatAdmin: !inServer || managesChannel,
  };
}

/** A slash command's options as named arguments (strings and integers; nothing else is registered). */
export function slashArgs(options: readonly CommandInteractionOption[]): Record<string, string | number> {
  const args: Record<string, string | number> = {};
  for (const { name, value } of options) {
    if (typeof value === "string" || typeof value === "number") args[name] = value;
  }
  return args;
}
