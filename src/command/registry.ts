import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { z } from "zod";
import type { AnyCommand } from "./types.ts";

/** The commands/ folder at the project root: one file per command. */
export const COMMANDS_DIR = fileURLToPath(new URL("../../commands/", import.meta.url));

const localized = z.object({
  zh: z.string().min(1).max(100),
  en: z.string().min(1).max(100),
});

// Checked at load time so a bad definition fails at start, not in a chat. The limits are
// the stricter of Telegram's and Discord's.
const definition = z.object({
  name: z.string().regex(/^[a-z0-9_]{1,32}$/, "Telegram and Discord allow only [a-z0-9_], 1–32 long"),
  aliases: z.array(z.string().min(1)).optional(),
  description: localized,
  examples: z.array(z.string().startsWith("/")).min(1),
  options: z.record(
    z.string().regex(/^[a-z0-9_]{1,32}$/),
    z
      .object({ kind: z.enum(["text", "integer"]), description: localized, required: z.boolean() })
      .passthrough(),
  ),
  needsReport: z.boolean().optional(),
  cacheable: z.union([z.boolean(), z.function()]),
  adminOnly: z.union([z.boolean(), z.function()]).optional(),
  run: z.function(),
});

/** The loaded commands, found by name or alias. */
export class Registry {
  private readonly byName = new Map<string, AnyCommand>();

  constructor(readonly commands: readonly AnyCommand[]) {
    for (const command of commands) {
      for (const name of [command.name, ...(command.aliases ?? [])]) {
        if (this.byName.has(name)) throw new Error(`two commands are called "${name}"`);
        this.byName.set(name, command);
      }
    }
  }

  find(name: string): AnyCommand | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** Every name and alias, for suggesting the nearest to a mistyped one. */
  names(): string[] {
    return [...this.byName.keys()];
  }
}

/** Loads every command file in the folder (files starting with _ are helpers, not commands). */
export async function loadRegistry(dir = COMMANDS_DIR): Promise<Registry> {
  const files = readdirSync(dir)
    .filter((f) => /\.(ts|js)$/.test(f) && !f.startsWith("_") && !f.endsWith(".d.ts"))
    .sort();
  const commands: AnyCommand[] = [];
  for (const file of files) {
    const module: Record<string, unknown> = await import(pathToFileURL(`${dir}/${file}`).href);
    const command = module.default;
    const checked = definition.safeParse(command);
    if (!checked.success) throw new Error(`commands/${file}: ${z.prettifyError(checked.error)}`);
    commands.push(command as AnyCommand);
  }
  return new Registry(commands);
}
