/**
 * The grammY bot: decodes updates into Invocations, passes them through the gate (flood
 * limits; a failure logged with the token masked and apologised for) to the shared
 * dispatcher, and encodes the Answers back.
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type Context, type Transformer } from "grammy";
import { UpdateGate } from "../../command/gate.ts";
import { BUTTON_EXPIRED, INLINE_HINT } from "../../command/messages.ts";
import type { Logger } from "../../log.ts";
import { describeError } from "../../log.ts";
import type { BotCore } from "../adapter.ts";
import { ChatAdmins } from "./admins.ts";
import { inlineArgs, inlinePage, inlineResults, nextOffset } from "./inline.ts";
import { callbackBase, inlineBase, localeOf, messageBase, routeText } from "./invocation.ts";
import { CallbackStore } from "./keyboard.ts";
import { editAnswer, sendAnswer } from "./send.ts";
import { sendBotApiRequest } from "./transport.ts";

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
      // A poll refused as a conflict (409) is logged once, by the poller, however often it retries.
      if (!result.ok && !(method === "getUpdates" && result.error_code === 409)) {
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
  const bot = new Bot(options.token, {
    client: { fetch: sendBotApiRequest, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) },
  });
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

  const gate = new UpdateGate(app, secrets);
  const failure = (ctx: Context) => ({
    message: "telegram update failed",
    fields: { update_id: ctx.update.update_id },
  });
  // The apology goes to the chat, when the update has one (an inline query has none).
  const apologize = (ctx: Context) => async (text: string) => {
    if (ctx.chat) await ctx.reply(text);
  };

  bot.on(["message:text", "channel_post:text"], async (ctx) => {
    const message = ctx.msg;
    const base = messageBase(message, askAdmin);
    const repliesToBot = message.reply_to_message?.from?.id === ctx.me.id;
    const route = routeText(message.text, base.chat.kind, ctx.me.username, isOurCommand, repliesToBot);
    if (route.kind === "ignore") return;
    await gate.pass(
      { sender: base, locale: base.locale, failure: failure(ctx) },
      {
        limited: async (notice) => {
          if (notice !== null) await ctx.reply(notice);
        },
        apologize: apologize(ctx),
      },
      async () => {
        const answer =
          route.kind === "command"
            ? await app.dispatcher.handle({ ...base, command: route.command, args: route.args })
            : await app.dispatcher.handleQuestion(route.text, base);
        await sendAnswer(ctx, answer, store, base.chat.kind === "group" ? message.message_id : undefined);
      },
    );
  });

  bot.on("callback_query:data", async (ctx) => {
    const query = ctx.callbackQuery;
    const locale = localeOf(query.from.language_code);
    const line = store.decode(query.data);
    const base = callbackBase(query, askAdmin);
    // A button whose command is forgotten costs nothing: it is only told so.
    const press = line !== null && base !== null ? { line, base } : null;
    await gate.pass(
      { sender: press?.base ?? null, locale, failure: failure(ctx) },
      {
        limited: (notice) => ctx.answerCallbackQuery(notice === null ? {} : { text: notice }),
        apologize: apologize(ctx),
      },
      async () => {
        if (press === null) {
          await ctx.answerCallbackQuery({ text: BUTTON_EXPIRED[locale] });
          return;
        }
        // Answered at once, so the button stops spinning whatever happens next.
        await ctx.answerCallbackQuery();
        await editAnswer(ctx, await app.dispatcher.handleLine(press.line, press.base), store);
      },
    );
  });

  bot.on("inline_query", async (ctx) => {
    const query = ctx.inlineQuery;
    const base = inlineBase(query);
    const text = query.query.trim();
    const hint = { button: { text: INLINE_HINT[base.locale], start_parameter: "inline" } };
    await gate.pass(
      // An empty query (the user has typed only the bot's name) costs nothing.
      { sender: text === "" ? null : base, locale: base.locale, failure: failure(ctx) },
      {
        limited: () => ctx.answerInlineQuery([], { cache_time: 5, is_personal: true }),
        apologize: apologize(ctx),
      },
      async () => {
        if (text === "") {
          await ctx.answerInlineQuery([], { cache_time: 300, ...hint });
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
      },
    );
  });

  // Every handler works inside the gate, which never throws: what lands here failed before
  // it (decoding an update) and is only logged.
  bot.catch((err) => {
    app.log.error(
      { update_id: err.ctx.update.update_id, err: describeError(err.error, secrets) },
      "telegram update failed",
    );
  });

  return bot;
}
