/**
 * A library of reports at several sizes (generated: the seed, then copies of the seed and
 * of the corpus files about other places, years and numbers; bench/library.ts):
 *
 * - start-up as `npm start` runs it (console mode): cold (a new database, every report
 *   parsed and stored) and warm (nothing changed);
 * - the store's cost per report as the library grows: each report's save timed in order,
 *   the first tenth against the last;
 * - the same questions at each size, uncached (the response cache emptied, untimed, before
 *   each answer), in process on the database the cold start built: /search, /stat, a plain
 *   question, the /report list, and report-id autocomplete;
 * - memory per report index held, and the bound on how many are held.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import { type App, createApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/log.ts";
import { autocomplete } from "../src/query/autocomplete.ts";
import { TIME_ZONES } from "../src/reminders/schedule.ts";
import { openStore } from "../src/store/index.ts";
import { reportFiles } from "../src/store/ingest.ts";
import { readReport } from "../src/store/read-report.ts";
import { writeLibrary } from "./library.ts";
import { medianReady } from "./startup.ts";
import { quantile, round } from "./stats.ts";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** The questions asked at every size; the seed is the default report at every size. */
const QUESTIONS = {
  search: "/search 调解",
  stat: "/stat 法律援助",
  question: "法律援助案件有多少",
} as const;

export interface ScaleOptions {
  sizes: readonly number[];
  /** Start-ups per measurement (the median is kept); the largest size starts cold once. */
  starts: number;
  /** Timed answers per question and size. */
  answers: number;
}

/** Microseconds per call of `work`, the median of `times` calls, `before` run untimed before each. */
async function medianUs(times: number, work: () => unknown, before: () => void = () => {}): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times + 20; i++) {
    before();
    const start = performance.now();
    await work();
    if (i >= 20) samples.push((performance.now() - start) * 1000);
  }
  return round(
    quantile(
      samples.sort((a, b) => a - b),
      0.5,
    ),
  );
}

/** The app on a built library, once its background indexing (left by a cold start) is done. */
async function openApp(dir: string): Promise<App> {
  const config = loadConfig({ REPORTS_DIR: join(dir, "reports"), DATABASE_PATH: join(dir, "bot.sqlite") });
  const app = await createApp(config, createLogger("silent"));
  await app.store.indexed();
  return app;
}

/** Uncached answer times at one size, and the list and autocomplete over the whole library. */
async function questionsAt(app: App, answers: number): Promise<Record<string, number>> {
  const ask = (line: string) => () => app.dispatcher.handleLine(line, CONSOLE_CHAT);
  const clear = () => app.store.cache.clear();
  const out: Record<string, number> = {};
  for (const [name, line] of Object.entries(QUESTIONS))
    out[`${name}_us`] = await medianUs(answers, ask(line), clear);
  out.report_list_us = await medianUs(answers, ask("/report"));
  const sources = () => ({
    report: app.knowledge.current("console:local"),
    reports: app.knowledge.reports(),
    timezones: TIME_ZONES,
  });
  out.autocomplete_us = await medianUs(answers, () => autocomplete("reports", "安", sources()));
  return out;
}

/** Memory per report index: RSS and heap before and after building `count` indexes, and the bound. */
function indexMemory(app: App, count: number): Record<string, number> {
  const ids = app.knowledge.reports().map((r) => r.id);
  const kept = app.config.REPORTS_IN_MEMORY;
  const load = Math.min(count, kept, ids.length);
  const measure = () => {
    gc();
    gc();
    return { rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed };
  };
  const before = measure();
  for (const id of ids.slice(0, load)) app.knowledge.index(id);
  const atBound = measure();
  for (const id of ids.slice(load, load + 3 * kept)) app.knowledge.index(id);
  const after = measure();
  return {
    index_rss_kb_per_report: Math.round((atBound.rss - before.rss) / 1024 / load),
    index_heap_kb_per_report: Math.round((atBound.heap - before.heap) / 1024 / load),
    indexes_kept: kept,
    indexes_held_after_more: app.knowledge.heldIndexes(),
    heap_growth_past_bound_mb: round((after.heap - atBound.heap) / 1048576),
  };
}

/** Each report's save in order of ingest (parsing untimed): the first tenth's mean against the last tenth's. */
function saveGrowth(library: string, dir: string): Record<string, number> {
  const store = openStore({ path: join(dir, "saves.sqlite"), cacheMaxEntries: 100 });
  try {
    const times: number[] = [];
    for (const { file, id } of reportFiles(library)) {
      const read = readReport(readFileSync(file), file);
      const start = performance.now();
      store.reports.save(id, file, id, read.parsed, read.words);
      times.push(performance.now() - start);
    }
    const tenth = Math.max(1, Math.floor(times.length / 10));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const first = mean(times.slice(0, tenth));
    const last = mean(times.slice(-tenth));
    return {
      save_first_tenth_ms: round(first, 2),
      save_last_tenth_ms: round(last, 2),
      save_growth: round(last / first, 2),
    };
  } finally {
    store.close();
  }
}

export async function benchScale(options: ScaleOptions): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  const largest = Math.max(...options.sizes);
  const smallest = Math.min(...options.sizes);
  const perSize: Record<number, Record<string, number>> = {};
  for (const size of options.sizes) {
    const dir = mkdtempSync(join(tmpdir(), "report-bot-scale-"));
    try {
      const library = join(dir, "reports");
      writeLibrary(library, size);
      const database = join(dir, "bot.sqlite");
      const env = { REPORTS_DIR: library, DATABASE_PATH: database, LOG_LEVEL: "info" };
      const cold = await medianReady(size === largest ? 1 : options.starts, (i) => ({
        ...env,
        DATABASE_PATH: i === 0 ? database : join(dir, `cold-${i}.sqlite`),
      }));
      const warm = await medianReady(options.starts, () => env);
      results[`scale.cold_start_${size}_ms`] = cold;
      results[`scale.warm_start_${size}_ms`] = warm;
      results[`scale.database_${size}_mb`] = round(statSync(database).size / 1048576);
      const app = await openApp(dir);
      try {
        perSize[size] = await questionsAt(app, options.answers);
        for (const [k, v] of Object.entries(perSize[size] ?? {}))
          results[`scale.${k.replace(/_us$/, "")}_us_${size}`] = v;
        if (size === largest) {
          for (const [k, v] of Object.entries(indexMemory(app, 50))) results[`scale.${k}`] = v;
        }
      } finally {
        app.close();
      }
      if (size === largest) {
        for (const [k, v] of Object.entries(saveGrowth(library, dir))) results[`scale.${k}_${size}`] = v;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const ratio = (name: string) =>
    round(
      (perSize[largest]?.[`${name}_us`] ?? Number.NaN) / (perSize[smallest]?.[`${name}_us`] ?? Number.NaN),
      2,
    );
  for (const name of Object.keys(QUESTIONS)) results[`scale.${name}_ratio_${largest}`] = ratio(name);
  return results;
}
