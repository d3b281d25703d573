/**
 * Registers the slash commands with Discord from the same command files the bot runs:
 *   npm run deploy-commands        (tsx scripts/deploy-commands.ts)
 * Reads DISCORD_TOKEN, DISCORD_APPLICATION_ID, and optionally DISCORD_GUILD_ID (register to
 * one server, instant) and DISCORD_API_ROOT. Writes only when the commands changed; the bot
 * does the same check at every start, so this is for registering ahead of a deploy.
 */
import "dotenv/config";
import { buildSlashCommands, deployCommands, SlashCommandError } from "../src/adapters/discord/index.ts";
import { loadRegistry } from "../src/command/registry.ts";
import { ConfigError, loadConfig } from "../src/config.ts";
import { redactSecrets } from "../src/log.ts";

async function main(): Promise<number> {
  const config = loadConfig();
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
    process.stderr.write("set DISCORD_TOKEN and DISCORD_APPLICATION_ID (in .env or the environment)\n");
    return 2;
  }
  const commands = buildSlashCommands((await loadRegistry()).commands);
  const outcome = await deployCommands(
    {
      token: config.DISCORD_TOKEN,
      applicationId: config.DISCORD_APPLICATION_ID,
      ...(config.DISCORD_GUILD_ID ? { guildId: config.DISCORD_GUILD_ID } : {}),
      ...(config.DISCORD_API_ROOT ? { apiRoot: config.DISCORD_API_ROOT } : {}),
    },
    commands,
  );
  const scope = config.DISCORD_GUILD_ID ? `server ${config.DISCORD_GUILD_ID}` : "all servers (global)";
  const names = commands.map((c) => `/${c.name}`).join(" ");
  process.stdout.write(
    outcome === "registered"
      ? `registered ${commands.length} commands for ${scope}: ${names}\n`
      : `the ${commands.length} commands for ${scope} are already up to date\n`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`deploy-commands: ${redactSecrets(message, [process.env.DISCORD_TOKEN ?? ""])}\n`);
    process.exitCode = error instanceof ConfigError || error instanceof SlashCommandError ? 2 : 1;
  },
);
