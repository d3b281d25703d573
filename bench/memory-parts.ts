/**
 * What each part of the bot costs in resident memory, each measured in a fresh Node
 * process (after a full GC) and given as its growth over Node alone: the bot's own code
 * from the build, jieba's dictionary, grammY, discord.js.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { round } from "./stats.ts";

const ROOT = join(import.meta.dirname, "..");

/** Code run as an ES module in the project's folder, after which the process's RSS is read. */
const PARTS: Record<string, string> = {
  node: "",
  bot_code:
    'await import("./dist/src/app.js"); const { loadRegistry } = await import("./dist/src/command/registry.js"); await loadRegistry();',
  jieba_dictionary: 'const { words } = await import("./dist/src/text/segment.js"); words("法律援助");',
  grammy: 'await import("grammy"); await import("@grammyjs/runner"); await import("@grammyjs/auto-retry");',
  discord_js: 'await import("discord.js");',
};

function rssMb(code: string): number {
  const script = `${code}\nglobalThis.gc(); globalThis.gc(); process.stdout.write(String(process.memoryUsage().rss));`;
  const run = spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "" },
  });
  const bytes = Number(/(\d+)$/.exec(run.stdout.trim())?.[1]);
  if (!Number.isFinite(bytes))
    throw new Error(`bench: memory of ${code} not read: ${run.stderr.slice(-500)}`);
  return bytes / 1048576;
}

export function benchMemoryParts(): Record<string, number> {
  const node = rssMb(PARTS.node ?? "");
  const out: Record<string, number> = { node_mb: round(node) };
  for (const [name, code] of Object.entries(PARTS)) {
    if (name !== "node") out[`${name}_mb`] = round(rssMb(code) - node);
  }
  return out;
}
