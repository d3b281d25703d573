/**
 * The Discord adapter: a discord.js client with the Guilds, GuildMessages and DirectMessages
 * intents (the latter two for messages that mention the bot and for direct messages, whose
 * content Discord sends without the privileged MessageContent intent). On start it registers the slash commands built from the
 * registry (only when they changed), logs in, and answers slash commands, autocomplete,
 * paging buttons and mentions through the dispatcher. discord.js resumes
 * or reconnects the gateway by itself after a drop; the drops are logged here.
 */
import { Client, Events, GatewayIntentBits, Partials, Status } from "discord.js";
import { UpdateGate } from "../../command/gate.ts";
import { describeError, type Logger, redactSecrets } from "../../log.ts";
import type { BotCore, RunningAdapter } from "../adapter.ts";
import { CustomIdStore } from "./buttons.ts";
import { buildSlashCommands } from "./commands.ts";
import { handleInteraction } from "./handlers.ts";
import { handleMention } from "./mentions.ts";
import { discordMessenger } from "./messenger.ts";
import { syncCommands } from "./sync.ts";

export { buildSlashCommands, type SlashCommand, SlashCommandError } from "./commands.ts";
export { type DeployOptions, deployCommands, type SyncOutcome } from "./sync.ts";

/** How to reach Discord: the bot token, the application, and optionally one server and a REST root. */
export interface DiscordOptions {
  token: string;
  applicationId: string;
  /** Register the commands to this server only (they appear at once) instead of globally. */
  guildId?: string;
  /** REST root such as http://127.0.0.1:PORT/api; the gateway URL comes from its GET /gateway/bot. */
  apiRoot?: string;
}

function watchGateway(
  client: Client,
  log: Logger,
  secrets: readonly string[],
  stopping: () => boolean,
): void {
  client.on(Events.ShardReconnecting, (shardId) => {
    // Stopping closes the gateway too, which is no drop worth a warning.
    if (!stopping()) log.warn({ shardId }, "discord gateway dropped: reconnecting");
  });
  client.on(Events.ShardResume, (shardId, replayed) =>
    log.info({ shardId, replayed }, "discord gateway resumed"),
  );
  client.on(Events.ShardDisconnect, (event, shardId) =>
    log.error({ shardId, code: event.code }, "discord gateway closed for good"),
  );
  client.on(Events.ShardError, (error, shardId) =>
    log.error({ shardId }, `discord gateway error: ${describeError(error, secrets)}`),
  );
  client.on(Events.Error, (error) => log.error(`discord client error: ${describeError(error, secrets)}`));
  client.on(Events.Warn, (message) => log.warn(`discord: ${redactSecrets(message, secrets)}`));
}

/**
 * Starts the Discord bot and resolves once it is ready to answer. Throws (with the client shut
 * down) when the commands cannot be registered or the login fails.
 */
export async function startDiscord(app: BotCore, options: DiscordOptions): Promise<RunningAdapter> {
  const secrets = [options.token];
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    // A direct-message channel is not cached before its first message: without this partial
    // discord.js drops that message.
    partials: [Partials.Channel],
    allowedMentions: { parse: [] },
    ...(options.apiRoot ? { rest: { api: options.apiRoot } } : {}),
  });
  const context = { app, gate: new UpdateGate(app, secrets), buttons: new CustomIdStore() };
  client.on(Events.InteractionCreate, (interaction) => {
    // The handlers work inside the gate, which never throws: what lands here failed before it
    // (decoding the interaction) and is only logged.
    handleInteraction(context, interaction).catch((error: unknown) =>
      app.log.error(
        { interaction: interaction.id, err: describeError(error, secrets) },
        "discord interaction failed",
      ),
    );
  });
  // A message that mentions the bot, or any direct message, is a question, answered through
  // the gate like the rest.
  client.on(Events.MessageCreate, (message) => {
    if (!client.user) return;
    handleMention(context, message, client.user.id).catch((error: unknown) =>
      app.log.error({ message: message.id, err: describeError(error, secrets) }, "discord message failed"),
    );
  });
  let stopping = false;
  watchGateway(client, app.log, secrets, () => stopping);
  try {
    client.rest.setToken(options.token);
    const outcome = await syncCommands(client.rest, options, buildSlashCommands(app.registry.commands));
    app.log.info({ outcome, guild: options.guildId ?? "global" }, "discord slash commands checked");
    await client.login(options.token);
    // login resolves on the gateway's READY; the client is ready once the servers arrived too.
    if (!client.isReady()) {
      await new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    }
  } catch (error) {
    await client.destroy();
    throw error;
  }
  app.log.info({ user: client.user?.tag }, "discord ready");
  return {
    label: "discord",
    stop: () => {
      stopping = true;
      return client.destroy();
    },
    messenger: discordMessenger(client.rest),
    /** Whether every gateway shard is up (not reconnecting), for /healthz. */
    connected: () => client.isReady() && client.ws.shards.every((shard) => shard.status === Status.Ready),
  };
}
