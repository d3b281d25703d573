/**
 * The floor for the Discord end-to-end benchmark: a bare discord.js client with the same
 * options as report-bot's adapter (Guilds intent, mentions off, the REST root of the fake)
 * that answers every slash command with a fixed text. Started by bench/e2e.ts with
 * BENCH_TOKEN and BENCH_API_ROOT; writes "ready" on stdout once the client is ready.
 */
import { Client, Events, GatewayIntentBits } from "discord.js";

const client = new Client({
  intents: [GatewayIntentBits.Guilds],
  allowedMentions: { parse: [] },
  rest: { api: process.env.BENCH_API_ROOT ?? "" },
});
client.on(Events.InteractionCreate, (interaction) => {
  if (interaction.isChatInputCommand()) void interaction.reply({ content: "ok" });
});
const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
await client.login(process.env.BENCH_TOKEN ?? "");
await ready;
process.once("SIGTERM", () => void client.destroy().then(() => process.exit(0)));
process.stdout.write("ready\n");
