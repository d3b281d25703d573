/**
 * report-bot benchmarks: `npm run bench` (add `-- --quick` for a shorter run). Builds the
 * bot first (what `npm start` runs), prints a table and writes bench/results.json. Not part
 * of `npm test`: speed is measured here, never asserted by a test.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { benchAnswerWhileIngesting } from "./answer-while-ingesting.ts";
import { benchApp } from "./app.ts";
import { buildForBench } from "./build.ts";
import { benchTelegramBurst } from "./burst.ts";
import { benchCharts } from "./chart.ts";
import { benchCore } from "./core.ts";
import { benchDiscord, benchTelegram } from "./e2e.ts";
import { benchLongLine } from "./ingest.ts";
import { benchMemory } from "./memory.ts";
import { benchMemoryParts } from "./memory-parts.ts";
import { benchDelivery, benchPlanning } from "./reminders.ts";
import { benchScale } from "./scale.ts";
import { benchStartup } from "./startup.ts";
import { round } from "./stats.ts";

const quick = process.argv.includes("--quick");
/** How much of everything: the full run as the issues ask, the quick one to see it works. */
const size = quick
  ? {
      core: { warmUp: 20, uncached: 20, cached: 300 },
      starts: 1,
      scale: { sizes: [1, 100], starts: 1, answers: 50 },
      plan: 20_000,
      deliveries: 90,
      e2e: { count: 200, perSecond: 200 },
      burst: { chats: 200, perChat: 10, perSecond: 500 },
      memoryWarmUp: 250,
    }
  : {
      core: { warmUp: 100, uncached: 300, cached: 3_000 },
      starts: 5,
      scale: { sizes: [1, 100, 1_000], starts: 3, answers: 300 },
      plan: 100_000,
      deliveries: 300,
      e2e: { count: 2_000, perSecond: 200 },
      burst: { chats: 1_000, perChat: 10, perSecond: 500 },
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

step("build");
buildForBench();

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
put("startup", await benchStartup(size.starts));

step("a library of reports");
for (const [k, v] of Object.entries(await benchScale(size.scale))) results[k] = v;

step("ingest of a 1 MB line");
put("ingest", benchLongLine(quick ? 1 : 5));

step("answers while a new report is read");
put("scale", await benchAnswerWhileIngesting(300));

step("reminders");
const planning = benchPlanning(size.plan);
results["reminders.plan_count"] = planning.count;
results["reminders.plan_100k_ms"] = round(planning.plan_ms * (100_000 / planning.count));
put("reminders", await benchDelivery(size.deliveries));

step("telegram end to end");
put("e2e.telegram", await benchTelegram(size.e2e));
step("telegram burst of readers");
put("e2e.telegram", await benchTelegramBurst(size.burst));
step("discord end to end");
put("e2e.discord", await benchDiscord(size.e2e));

step("memory");
const { ready_ms: readyWithAdapters, ...memory } = await benchMemory(size.memoryWarmUp);
// startup.ready_ms is console mode; this is a new database with both adapters connected to the fakes.
results["startup.ready_both_adapters_new_db_ms"] = readyWithAdapters ?? Number.NaN;
put("memory", memory);
put("memory.part", benchMemoryParts());

/** Targets: below the number, or at least it for the ones marked ≥. */
const targets: Record<string, { below: number } | { atLeast: number }> = {
  "core.cached.p99_us": { below: 50 },
  "core.uncached.stat.p99_us": { below: 2000 },
  "core.question.p99_us": { below: 5000 },
  "startup.ready_ms": { below: 1000 },
  "scale.cold_start_1000_ms": { below: 6000 },
  "scale.warm_start_1000_ms": { below: 1000 },
  "scale.first_answer_while_ingesting_300_ms": { below: 500 },
  "scale.save_growth_1000": { below: 1.5 },
  "scale.search_ratio_1000": { below: 1.5 },
  "scale.stat_ratio_1000": { below: 1.5 },
  "scale.question_ratio_1000": { below: 1.5 },
  "scale.report_list_us_1000": { below: 200 },
  "reminders.plan_100k_ms": { below: 2000 },
  "memory.rss_ready_mb": { below: 150 },
  "memory.rss_settled_mb": { below: 150 },
  "memory.rss_mb": { below: 150 },
  "e2e.telegram.ratio": { below: 1.15 },
  "e2e.telegram.burst_throughput_ratio": { atLeast: 0.7 },
  "e2e.telegram.paced_p99_ratio": { below: 2 },
  "e2e.discord.ratio": { below: 1.15 },
};
const verdict = (key: string, value: number | string): string => {
  const target = targets[key];
  if (target === undefined || typeof value !== "number") return "";
  if ("below" in target) return value < target.below ? `✓ < ${target.below}` : `✗ target < ${target.below}`;
  return value >= target.atLeast ? `✓ ≥ ${target.atLeast}` : `✗ target ≥ ${target.atLeast}`;
};
const rows = Object.entries(results).map(
  ([key, value]) => `${key.padEnd(40)} ${String(value).padStart(14)}  ${verdict(key, value)}`,
);
process.stdout.write(`${rows.join("\n")}\n`);
writeFileSync(join(import.meta.dirname, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
