/**
 * A message that mentions the bot is a question: "@report-bot 法律援助案件有多少件?" in any
 * channel it can read; in a direct message to the bot, any text is (a private chat, as on
 * Telegram). Discord delivers both without the privileged MessageContent intent; server
 * messages that do not mention the bot are never read. The answer is a reply to the message,
 * with the same embed and buttons as a slash command's.
 */
import type { Message } from "discord.js";
import type { HandlerContext } from "./handlers.ts";
import { invocationBase } from "./invocation.ts";
import { messageReplyOptions, NO_REPLY_MENTIONS } from "./reply.ts";

/** The message's text without mentions of the bot (<@id>, <@!id>). */
export function questionOf(content: string, botId: string): string {
  return content
    .replace(new RegExp(`<@!?${botId}>`, "g"), " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Whether a message is addressed to the bot: a direct message, or one that mentions it. */
function addressedToBot(message: Message, botId: string): boolean {
  return message.guildId === null || message.mentions.users.has(botId);
}

/** Answers a message addressed to the bot, through the gate; ignores every other message. */
export async function handleMention(ctx: HandlerContext, message: Message, botId: string): Promise<void> {
  if (message.author.bot || !addressedToBot(message, botId)) return;
  const question = questionOf(message.content, botId);
  if (question === "") return;
  const base = invocationBase({
    channelId: message.channelId,
    guildId: message.guildId,
    locale: message.guild?.preferredLocale ?? "zh-CN",
    user: message.author,
    memberPermissions: message.member?.permissions ?? null,
  });
  const say = (content: string) => message.reply({ content, allowedMentions: NO_REPLY_MENTIONS });
  await ctx.gate.pass(
    {
      sender: base,
      locale: base.locale,
      failure: {
        message: "discord message failed",
        fields: { message: message.id, channel: message.channelId },
      },
    },
    {
      // A message cannot be answered for its sender alone: one notice, then silence.
      limited: async (notice) => {
        if (notice !== null) await say(notice);
      },
      apologize: say,
    },
    async () => {
      const answer = await ctx.app.dispatcher.handleQuestion(question, base);
      await message.reply(messageReplyOptions(answer, ctx.buttons));
    },
  );
}
