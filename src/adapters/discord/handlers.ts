/**
 * Every interaction enters here: slash commands are answered, autocomplete is offered, and
 * button presses page the message they sit on — each answered directly, within Discord's
 * three seconds (the core answers in about a millisecond). Any throw is logged with the
 * interaction it came from, secrets masked, and the user gets a short ephemeral apology.
 */
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  Interaction,
} from "discord.js";
import { chatKey } from "../../chat.ts";
import { parseCommandLine } from "../../command/line.ts";
import { type FloodVerdict, floodNotice } from "../../command/rate-limit.ts";
import type { Localized, OptionDef } from "../../command/types.ts";
import { describeError } from "../../log.ts";
import { autocomplete } from "../../query/autocomplete.ts";
import { TIME_ZONES } from "../../reminders/schedule.ts";
import type { BotCore } from "../adapter.ts";
import type { CustomIdStore } from "./buttons.ts";
import { type InvocationBase, invocationBase, slashArgs } from "./invocation.ts";
import { clip } from "./render.ts";
import { isPrivateRefusal, notice, replyOptions, updateOptions } from "./reply.ts";

/** What the user reads when handling an interaction failed. */
export const APOLOGY = "抱歉, 处理这条命令时出了错, 已记录。";
/** What the user reads when a button's command line is no longer remembered. */
export const EXPIRED = "这个按钮已过期, 请重新发送命令。";

/**
 * What a user over the flood limit reads after the one polite notice. Discord wants every
 * interaction answered (else the user sees "The application did not respond"), and for a
 * slash command there is no silent way: an ephemeral reply, seen by that user alone, keeps
 * the channel quiet — as the discord.js guide's cooldowns do. A button press is acknowledged
 * with deferUpdate, which changes nothing, and autocomplete offers no choices.
 */
export const STILL_LIMITED: Localized = { zh: "⏳ 请稍后再试。", en: "⏳ Please try again later." };

/** Discord's limits for autocomplete: 25 choices, names and values of 1–100 characters. */
const CHOICES = { count: 25, length: 100 } as const;

/** What the handlers need: the core, the button store, and the secrets to mask in logs. */
export interface HandlerContext {
  app: BotCore;
  buttons: CustomIdStore;
  secrets: readonly string[];
}

/** The ephemeral text for a command refused by the flood limits: the polite notice once, then a short one. */
function refusalText(
  ctx: HandlerContext,
  verdict: Exclude<FloodVerdict, { action: "allow" }>,
  base: InvocationBase,
) {
  return verdict.action === "warn"
    ? floodNotice(verdict, ctx.app.floods.limits, base.locale)
    : STILL_LIMITED[base.locale];
}

async function onCommand(ctx: HandlerContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const base = invocationBase(interaction);
  const verdict = ctx.app.floods.take(base);
  if (verdict.action !== "allow") {
    await interaction.reply(notice(refusalText(ctx, verdict, base)));
    return;
  }
  const answer = await ctx.app.dispatcher.handle({
    ...base,
    command: interaction.commandName,
    args: slashArgs(interaction.options.data),
  });
  await interaction.reply(replyOptions(answer, ctx.buttons));
}

async function onButton(ctx: HandlerContext, interaction: ButtonInteraction): Promise<void> {
  const line = ctx.buttons.decode(interaction.customId);
  const parsed = line === null ? null : parseCommandLine(line);
  if (!parsed) {
    await interaction.reply(notice(EXPIRED));
    return;
  }
  const base = invocationBase(interaction);
  const verdict = ctx.app.floods.take(base);
  if (verdict.action === "drop") {
    await interaction.deferUpdate();
    return;
  }
  if (verdict.action === "warn") {
    await interaction.reply(notice(refusalText(ctx, verdict, base)));
    return;
  }
  const answer = await ctx.app.dispatcher.handle({
    ...base,
    command: parsed.command,
    args: parsed.args,
  });
  // A refusal goes to the presser alone; the message everyone sees stays as it was.
  if (isPrivateRefusal(answer)) await interaction.reply(replyOptions(answer, ctx.buttons));
  else await interaction.update(updateOptions(answer, ctx.buttons));
}

async function onAutocomplete(ctx: HandlerContext, interaction: AutocompleteInteraction): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const command = ctx.app.registry.find(interaction.commandName);
  const options = (command?.options ?? {}) as Record<string, OptionDef<unknown>>;
  const source = options[focused.name]?.autocomplete;
  if (!source) {
    await interaction.respond([]);
    return;
  }
  const invocation = { ...invocationBase(interaction), command: interaction.commandName, args: {} };
  // Autocomplete comes with every keystroke: it takes no token, but a limited user gets no choices.
  if (ctx.app.floods.isLimited(invocation)) {
    await interaction.respond([]);
    return;
  }
  const sources = {
    report: ctx.app.knowledge.current(chatKey(invocation.chat)),
    reports: ctx.app.knowledge.reports(),
    timezones: TIME_ZONES,
  };
  // A value cut short would fill in something else than what was shown: such choices are left out.
  const choices = autocomplete(source, focused.value, sources, CHOICES.count)
    .filter((c) => c.value.length >= 1 && c.value.length <= CHOICES.length)
    .map((c) => ({ name: clip(c.name || c.value, CHOICES.length), value: c.value }));
  await interaction.respond(choices);
}

async function apologize(ctx: HandlerContext, interaction: Interaction): Promise<void> {
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
    } else if (interaction.isRepliable()) {
      if (interaction.replied || interaction.deferred) await interaction.followUp(notice(APOLOGY));
      else await interaction.reply(notice(APOLOGY));
    }
  } catch (error) {
    ctx.app.log.warn(
      { interaction: interaction.id },
      `discord: the apology could not be sent: ${describeError(error, ctx.secrets)}`,
    );
  }
}

/** Handles one interaction; never throws. */
export async function handleInteraction(ctx: HandlerContext, interaction: Interaction): Promise<void> {
  try {
    if (interaction.isChatInputCommand()) await onCommand(ctx, interaction);
    else if (interaction.isAutocomplete()) await onAutocomplete(ctx, interaction);
    else if (interaction.isButton()) await onButton(ctx, interaction);
  } catch (error) {
    ctx.app.log.error(
      { interaction: interaction.id, type: interaction.type, channel: interaction.channelId },
      `discord interaction failed: ${describeError(error, ctx.secrets)}`,
    );
    await apologize(ctx, interaction);
  }
}
