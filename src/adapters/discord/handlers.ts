/**
 * Every interaction enters here: slash commands are answered, autocomplete is offered, and
 * button presses page the message they sit on — each answered directly, within Discord's
 * three seconds (the core answers in about a millisecond), and each through the gate: flood
 * limits first, and a failure logged with secrets masked and apologised for, privately.
 */
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  Interaction,
} from "discord.js";
import type { Arrival, GateReplies, UpdateGate } from "../../command/gate.ts";
import { parseCommandLine } from "../../command/line.ts";
import { BUTTON_EXPIRED, STILL_LIMITED } from "../../command/messages.ts";
import type { BotCore } from "../adapter.ts";
import type { CustomIdStore } from "./buttons.ts";
import { type InvocationBase, invocationBase, slashArgs } from "./invocation.ts";
import { clip } from "./render.ts";
import { isPrivateRefusal, notice, replyOptions, updateOptions } from "./reply.ts";

/** Discord's limits for autocomplete: 25 choices, names and values of 1–100 characters. */
const CHOICES = { count: 25, length: 100 } as const;

/** What the handlers need: the core, the gate every interaction passes, the button store. */
export interface HandlerContext {
  app: BotCore;
  gate: UpdateGate;
  buttons: CustomIdStore;
}

/** The gate's view of an interaction from `base`. */
function arrival(interaction: Interaction, base: InvocationBase, sender = true): Arrival {
  return {
    sender: sender ? base : null,
    locale: base.locale,
    failure: {
      message: "discord interaction failed",
      fields: { interaction: interaction.id, type: interaction.type, channel: interaction.channelId },
    },
  };
}

/**
 * How a command or button says sorry: privately, as a reply, or as a follow-up when the
 * interaction was answered already.
 */
function apology(interaction: ChatInputCommandInteraction | ButtonInteraction): GateReplies["apologize"] {
  return (text) =>
    interaction.replied || interaction.deferred
      ? interaction.followUp(notice(text))
      : interaction.reply(notice(text));
}

/**
 * Discord wants every interaction answered (else the user sees "The application did not
 * respond"), and for a slash command there is no silent way: after the one polite notice, a
 * short ephemeral reply, seen by that user alone, keeps the channel quiet — as the discord.js
 * guide's cooldowns do.
 */
async function onCommand(ctx: HandlerContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const base = invocationBase(interaction);
  await ctx.gate.pass(
    arrival(interaction, base),
    {
      limited: (text) => interaction.reply(notice(text ?? STILL_LIMITED[base.locale])),
      apologize: apology(interaction),
    },
    async () => {
      const answer = await ctx.app.dispatcher.handle({
        ...base,
        command: interaction.commandName,
        args: slashArgs(interaction.options.data),
      });
      await interaction.reply(replyOptions(answer, ctx.buttons));
    },
  );
}

/** A press over the limit is acknowledged with deferUpdate, which changes nothing, after the notice. */
async function onButton(ctx: HandlerContext, interaction: ButtonInteraction): Promise<void> {
  const line = ctx.buttons.decode(interaction.customId);
  const parsed = line === null ? null : parseCommandLine(line);
  const base = invocationBase(interaction);
  // A button whose command is forgotten costs nothing: it is only told so.
  await ctx.gate.pass(
    arrival(interaction, base, parsed !== null),
    {
      limited: (text) => (text === null ? interaction.deferUpdate() : interaction.reply(notice(text))),
      apologize: apology(interaction),
    },
    async () => {
      if (!parsed) {
        await interaction.reply(notice(BUTTON_EXPIRED[base.locale]));
        return;
      }
      const answer = await ctx.app.dispatcher.handle({ ...base, command: parsed.command, args: parsed.args });
      // A refusal goes to the presser alone; the message everyone sees stays as it was.
      if (isPrivateRefusal(answer)) await interaction.reply(replyOptions(answer, ctx.buttons));
      else await interaction.update(updateOptions(answer, ctx.buttons));
    },
  );
}

/** Autocomplete comes with every keystroke: it takes no token, but a limited user gets no choices. */
async function onAutocomplete(ctx: HandlerContext, interaction: AutocompleteInteraction): Promise<void> {
  const base = invocationBase(interaction);
  const nothing = async () => {
    if (!interaction.responded) await interaction.respond([]);
  };
  await ctx.gate.pass(
    { ...arrival(interaction, base), spends: false },
    { limited: nothing, apologize: nothing },
    async () => {
      const focused = interaction.options.getFocused(true);
      const choices = ctx.app.dispatcher.choices(
        { ...base, command: interaction.commandName },
        focused.name,
        focused.value,
        CHOICES.count,
      );
      // A value cut short would fill in something else than what was shown: such choices are left out.
      await interaction.respond(
        choices
          .filter((c) => c.value.length >= 1 && c.value.length <= CHOICES.length)
          .map((c) => ({ name: clip(c.name || c.value, CHOICES.length), value: c.value })),
      );
    },
  );
}

/** Handles one interaction. */
export async function handleInteraction(ctx: HandlerContext, interaction: Interaction): Promise<void> {
  if (interaction.isChatInputCommand()) await onCommand(ctx, interaction);
  else if (interaction.isAutocomplete()) await onAutocomplete(ctx, interaction);
  else if (interaction.isButton()) await onButton(ctx, interaction);
}
