/**
 * report-bot benchmarks: `npm run bench` (add `-- --quick` for a run under a minute).
 * Prints a table and writes bench/results.json. Not part of `npm test`: speed is
 * measured here, never asserted by a test.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { benchApp } from "./app.ts";
import { benchCharts } from "./chart.ts";
import { benchCore } from "./core.ts";
import { benchDiscord, benchTelegram } from "./e2e.ts";
import { benchLongLine } from "./ingest.ts";
import { benchMemory } from "./memory.ts";
import { benchDelivery, benchPlanning } from "./reminders.ts";
import { benchStartup } from "./startup.ts";
import { round } from "./stats.ts";

const quick = process.argv.includes("--quick");
/** How much of everything: the full run as the issue asks, the quick one to see it works. */
const size = quick
  ? {
      core: { warmUp: 20, uncached: 20, cached: 300 },
      copies: 10,
      starts: 1,
      plan: 20_000,
      deliveries: 90,
      e2e: { count: 200, perSecond: 200 },
      memoryWarmUp: 250,
    }
  : {
      core: { warmUp: 100, uncached: 300, cached: 3_000 },
      copies: 50,
      starts: 5,
      plan: 100_000,
      deliveries: 300,
      e2e: { count: 2_000, perSecond: 200 },
      memoryWarmUp: 1_000,
    };

const results: Record<string, number | string> = {
  quick: String(quick),
  node: process.version,
  date: new Date().toISOString(),
};
const put = (prefix: string, values: Record<string, number>) => {
  for (const [k, v] of Object.entries(values)) results[`${prefix}.${k}`] = v;
};
const step = (name: string) => process.stderr.write(`bench: ${name}…\n`);

step("core");
const { app, cleanup } = await benchApp();
try {
  const core = await benchCore(app, size.core);
  put("core.uncached", { ...core.uncached });
  put("core.uncached.stat", { ...core.uncachedStat });
  put("core.cached", { ...core.cached });
  put("core.question", { ...core.question });
} finally {
  cleanup();
}

step("charts");
put("chart", await benchCharts(quick ? 5 : 30));

step("start-up and ingest");
put("startup", await benchStartup(size.copies, size.starts));

step("ingest of a 1 MB line");
put("ingest", benchLongLine(quick ? 1 : 5));

step("reminders");
const planning = benchPlanning(size.plan);
results["reminders.plan_count"] = planning.count;
results["reminders.plan_100k_ms"] = round(planning.plan_ms * (100_000 / planning.count));
put("reminders", await benchDelivery(size.deliveries));

step("telegram end to end");
put("e2e.telegram", await benchTelegram(size.e2e));
step("discord end to end");
put("e2e.discord", await benchDiscord(size.e2e));

step("memory");
const { ready_ms: readyWithAdapters, ...memory } = await benchMemory(size.memoryWarmUp);
// startup.ready_ms is console mode; this is a new database with both adapters connected to the fakes.
results["startup.ready_both_adapters_new_db_ms"] = readyWithAdapters ?? Number.NaN;
put("memory", memory);

const targets: Record<string, number> = {
  "core.cached.p99_us": 50,
  "core.uncached.stat.p99_us": 2000,
  "core.question.p99_us": 5000,
  "startup.ready_ms": 1000,
  "reminders.plan_100k_ms": 2000,
  "memory.rss_mb": 150,
  "e2e.telegram.ratio": 1.15,
  "e2e.discord.ratio": 1.15,
};
const rows = Object.entries(results).map(([key, value]) => {
  const target = targets[key];
  const verdict =
    target !== undefined && typeof value === "number"
      ? value < target
        ? `✓ < ${target}`
        : `✗ target < ${target}`
      : "";
  return `${key.padEnd(38)} ${String(value).padStart(14)}  ${verdict}`;
});
process.stdout.write(`${rows.join("\n")}\n`);
writeFileSync(join(import.meta.dirname, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
