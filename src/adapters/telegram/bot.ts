/**
 * The grammY bot: decodes updates into Invocations, asks the shared dispatcher, and
 * encodes the Answers back. Every update enters here; any throw ends in one handler that
 * logs it (token masked) and apologises to the chat.
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type Context, type Transformer } from "grammy";
import { floodNotice } from "../../command/rate-limit.ts";
import type { Logger } from "../../log.ts";
import { describeError } from "../../log.ts";
import type { BotCore } from "../adapter.ts";
import { ChatAdmins } from "./admins.ts";
import { inlineArgs, inlinePage, inlineResults, nextOffset } from "./inline.ts";
import { callbackBase, inlineBase, messageBase, routeText } from "./invocation.ts";
import { CallbackStore } from "./keyboard.ts";
import { APOLOGY, BUTTON_EXPIRED, INLINE_HINT, localeOf } from "./messages.ts";
import { editAnswer, sendAnswer } from "./send.ts";

/** How to reach Telegram (flood limits come with the App). */
export interface TelegramOptions {
  token: string;
  /** The Bot API root without a trailing slash (a local Bot API server, or a test fake). */
  apiRoot?: string;
}

/** Longest wait for a 429's retry_after before the call fails instead (an answer that late is stale). */
const MAX_RETRY_DELAY_S = 30;
const MAX_RETRY_ATTEMPTS = 3;

/** Logs every refused or failed API call; a call aborted on purpose (stopping) is not a failure. */
function logFailures(log: Logger, secrets: readonly string[]): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (!result.ok) {
        log.warn(
          { method, code: result.error_code, description: result.description },
          "telegram refused a call",
        );
      }
      return result;
    } catch (error) {
      if (!signal?.aborted) log.warn({ method, err: describeError(error, secrets) }, "telegram call failed");
      throw error;
    }
  };
}

/** Updates of one chat (or one user, outside chats) are handled in order; others run concurrently. */
function orderKey(ctx: Context): string | undefined {
  const id = ctx.chat?.id ?? ctx.from?.id;
  return id === undefined ? undefined : String(id);
}

/** Builds the bot with its handlers; it is not started. */
export function createBot(app: BotCore, options: TelegramOptions): Bot {
  const bot = new Bot(options.token, options.apiRoot ? { client: { apiRoot: options.apiRoot } } : undefined);
  const secrets = [options.token];
  const store = new CallbackStore();
  const isOurCommand = (name: string) => app.registry.find(name) !== undefined;
  const admins = new ChatAdmins(bot.api);
  const askAdmin = (chatId: string, userId: string) => admins.isAdmin(chatId, userId);

  bot.api.config.use(logFailures(app.log, secrets));
  bot.api.config.use(
    autoRetry({
      maxDelaySeconds: MAX_RETRY_DELAY_S,
      maxRetryAttempts: MAX_RETRY_ATTEMPTS,
      // The runner retries getUpdates itself; a failed send goes to the error handler.
      rethrowHttpErrors: true,
    }),
  );
  bot.use(sequentialize(orderKey));

  bot.on(["message:text", "channel_post:text"], async (ctx) => {
    const message = ctx.msg;
    const base = messageBase(message, askAdmin);
    const repliesToBot = message.reply_to_message?.from?.id === ctx.me.id;
    const route = routeText(message.text, base.chat.kind, ctx.me.username, isOurCommand, repliesToBot);
    if (route.kind === "ignore") return;
    const verdict = app.floods.take(base);
    if (verdict.action !== "allow") {
      if (verdict.action === "warn") await ctx.reply(floodNotice(verdict, app.floods.limits, base.locale));
      return;
    }
    const answer =
      route.kind === "command"
        ? await app.dispatcher.handle({ ...base, command: route.command, args: route.args })
        : await app.dispatcher.handleQuestion(route.text, base);
    await sendAnswer(ctx, answer, store, base.chat.kind === "group" ? message.message_id : undefined);
  });

  bot.on("callback_query:data", async (ctx) => {
    const query = ctx.callbackQuery;
    const locale = localeOf(query.from.language_code);
    const line = store.decode(query.data);
    const base = callbackBase(query, askAdmin);
    if (line === null || base === null) {
      await ctx.answerCallbackQuery({ text: BUTTON_EXPIRED[locale] });
      return;
    }
    const verdict = app.floods.take(base);
    if (verdict.action !== "allow") {
      const warning = verdict.action === "warn" ? floodNotice(verdict, app.floods.limits, locale) : null;
      await ctx.answerCallbackQuery(warning === null ? {} : { text: warning });
      return;
    }
    // Answered at once, so the button stops spinning whatever happens next.
    await ctx.answerCallbackQuery();
    await editAnswer(ctx, await app.dispatcher.handleLine(line, base), store);
  });

  bot.on("inline_query", async (ctx) => {
    const query = ctx.inlineQuery;
    const base = inlineBase(query);
    const text = query.query.trim();
    const hint = { button: { text: INLINE_HINT[base.locale], start_parameter: "inline" } };
    if (text === "") {
      await ctx.answerInlineQuery([], { cache_time: 300, ...hint });
      return;
    }
    if (app.floods.take(base).action !== "allow") {
      await ctx.answerInlineQuery([], { cache_time: 5, is_personal: true });
      return;
    }
    const page = inlinePage(query.offset);
    const answer = await app.dispatcher.handle({ ...base, command: "ask", args: inlineArgs(text, page) });
    const results = inlineResults(answer, page);
    await ctx.answerInlineQuery(results, {
      cache_time: 60,
      next_offset: nextOffset(answer, page),
      ...(results.length === 0 ? hint : {}),
    });
  });

  bot.catch(async (err) => {
    const ctx = err.ctx;
    const updateId = ctx.update.update_id;
    app.log.error({ update_id: updateId, err: describeError(err.error, secrets) }, "telegram update failed");
    if (!ctx.chat) return;
    try {
      await ctx.reply(APOLOGY[localeOf(ctx.from?.language_code)]);
    } catch (error) {
      app.log.warn({ update_id: updateId, err: describeError(error, secrets) }, "apology not sent");
    }
  });

  return bot;
}
