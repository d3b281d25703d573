/**
 * The floor for the Telegram end-to-end benchmark: a bare grammY bot with the same runner
 * set-up as report-bot's adapter (src/adapters/telegram/index.ts: long polling through
 * @grammyjs/runner, 500 updates at once, each chat's updates in order) that answers every
 * text message with a fixed text. Started by bench/e2e.ts with BENCH_TOKEN and
 * BENCH_API_ROOT; writes "ready" on stdout once it polls.
 */
import { run, sequentialize } from "@grammyjs/runner";
import { Bot, type Context } from "grammy";

const token = process.env.BENCH_TOKEN ?? "";
const apiRoot = process.env.BENCH_API_ROOT ?? "";

const bot = new Bot(token, { client: { apiRoot } });
bot.use(sequentialize((ctx: Context) => String(ctx.chat?.id ?? ctx.from?.id ?? "")));
bot.on("message:text", (ctx) => ctx.reply("ok"));
await bot.init();
await bot.api.deleteWebhook();
const runner = run(bot, {
  runner: {
    silent: true,
    fetch: { timeout: 30, allowed_updates: ["message", "channel_post", "callback_query", "inline_query"] },
  },
  sink: { concurrency: 500 },
});
process.once("SIGTERM", () => void runner.stop().then(() => process.exit(0)));
process.stdout.write("ready\n");
