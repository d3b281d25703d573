/**
 * report-bot benchmarks: `npm run bench` (add `-- --quick` for a run under a minute).
 * Prints a table and writes bench/results.json. Not part of `npm test`: speed is
 * measured here, never asserted by a test.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeTestApp } from "../test/helpers/app.ts";
import { benchCore } from "./core.ts";
import { benchPlanning } from "./reminders.ts";
import { benchStartup } from "./startup.ts";
import { round } from "./stats.ts";

const quick = process.argv.includes("--quick");
const results: Record<string, number | string> = {
  quick: String(quick),
  node: process.version,
  date: new Date().toISOString(),
};
const put = (prefix: string, values: Record<string, number>) => {
  for (const [k, v] of Object.entries(values)) results[`${prefix}.${k}`] = v;
};

const { app, cleanup } = await makeTestApp();
try {
  const core = await benchCore(app, quick ? 20 : 100);
  put("core.uncached", { ...core.uncached });
  put("core.uncached.stat", { ...core.uncachedStat });
  put("core.cached", { ...core.cached });
} finally {
  cleanup();
}

put("startup", await benchStartup(quick ? 10 : 50));
const planning = benchPlanning(quick ? 20_000 : 100_000);
results["reminders.plan_count"] = planning.count;
results["reminders.plan_100k_ms"] = round(planning.plan_ms * (100_000 / planning.count));
results["memory.rss_mb"] = round(process.memoryUsage().rss / 1024 / 1024);

const targets: Record<string, [string, number]> = {
  "core.cached.p99_us": ["<", 50],
  "core.uncached.stat.p99_us": ["<", 2000],
  "startup.ready_ms": ["<", 1000],
  "reminders.plan_100k_ms": ["<", 2000],
  "memory.rss_mb": ["<", 150],
  "e2e.telegram.ratio": ["<", 1.15],
  "e2e.discord.ratio": ["<", 1.15],
};
const rows = Object.entries(results).map(([key, value]) => {
  const target = targets[key];
  const verdict =
    target && typeof value === "number"
      ? value < target[1]
        ? `✓ < ${target[1]}`
        : `✗ target < ${target[1]}`
      : "";
  return `${key.padEnd(34)} ${String(value).padStart(14)}  ${verdict}`;
});
process.stdout.write(`${rows.join("\n")}\n`);
writeFileSync(join(import.meta.dirname, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
