/**
 * A library of reports at several sizes (generated: the seed, then copies of the seed and
 * of the corpus files about other places, years and numbers; bench/library.ts):
 *
 * - start-up as `npm start` runs it (console mode): cold (a new database, every report
 *   parsed and stored) and warm (nothing changed);
 * - the store's cost per report as the library grows: each report's save timed in order,
 *   the first tenth against the last;
 * - the same questions at each size, uncached (the response cache emptied, untimed, before
 *   each answer), in process on the databases the cold starts built, the sizes taking turns
 *   so that they share the machine's load: /search, /stat, a plain question, the /report
 *   list, and report-id autocomplete;
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
import { benchCompare } from "./compare.ts";
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
  /** Start-ups per measurement, cold and warm, at every size (the median is kept). */
  starts: number;
  /** Timed answers per question and size. */
  answers: number;
}

/** One measurement: what is timed, and what runs untimed before it. */
interface Probe {
  name: string;
  before: () => void;
  work: () => unknown;
}

/**
 * The median microseconds of each probe over `times` rounds (after 20 untimed ones), the
 * probes taking turns within each round, so the sizes compared share the machine's load.
 */
async function medianUs(probes: readonly Probe[], times: number): Promise<Map<string, number>> {
  const samples = new Map<string, number[]>(probes.map((p) => [p.name, []]));
  for (let i = 0; i < times + 20; i++) {
    for (const probe of probes) {
      probe.before();
      const start = performance.now();
      await probe.work();
      if (i >= 20) samples.get(probe.name)?.push((performance.now() - start) * 1000);
    }
  }
  return new Map(
    [...samples].map(([name, xs]) => [
      name,
      round(
        quantile(
          xs.sort((a, b) => a - b),
          0.5,
        ),
      ),
    ]),
  );
}

/** The app on a built library, once its background indexing (left by a cold start) is done. */
async function openApp(dir: string): Promise<App> {
  const config = loadConfig({ REPORTS_DIR: join(dir, "reports"), DATABASE_PATH: join(dir, "bot.sqlite") });
  const app = await createApp(config, createLogger("silent"));
  await app.loaded();
  await app.store.indexed();
  return app;
}

/** The probes at one size: uncached answers, the list and autocomplete over the whole library. */
function probesAt(size: number, app: App): Probe[] {
  const ask = (line: string) => () => app.dispatcher.handleLine(line, CONSOLE_CHAT);
  const clear = () => app.store.cache.clear();
  const nothing = () => {};
  const sources = () => ({
    report: app.knowledge.current("console:local"),
    reports: app.knowledge.reports(),
    timezones: TIME_ZONES,
  });
  return [
    ...Object.entries(QUESTIONS).map(([name, line]) => ({
      name: `${name}_us_${size}`,
      before: clear,
      work: ask(line),
    })),
    { name: `report_list_us_${size}`, before: nothing, work: ask("/report") },
    {
      name: `autocomplete_us_${size}`,
      before: nothing,
      work: () => autocomplete("reports", "安", sources()),
    },
  ];
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
  const dirs = new Map<number, string>();
  const apps = new Map<number, App>();
  try {
    for (const size of options.sizes) {
      const dir = mkdtempSync(join(tmpdir(), "report-bot-scale-"));
      dirs.set(size, dir);
      const library = join(dir, "reports");
      writeLibrary(library, size);
      const database = join(dir, "bot.sqlite");
      const env = { REPORTS_DIR: library, DATABASE_PATH: database, LOG_LEVEL: "info" };
      // Until every report is stored: the bot is ready (and answers) before that. The median
      // of `starts` at every size: one cold start of 1,000 reports has measured anywhere from
      // 5.4 to 8 s within an hour on this shared machine.
      results[`scale.cold_start_${size}_ms`] = await medianReady(
        options.starts,
        (i) => ({
          ...env,
          DATABASE_PATH: i === 0 ? database : join(dir, `cold-${i}.sqlite`),
        }),
        "loaded",
      );
      results[`scale.warm_start_${size}_ms`] = await medianReady(options.starts, () => env);
      results[`scale.database_${size}_mb`] = round(statSync(database).size / 1048576);
    }
    for (const [size, dir] of dirs) apps.set(size, await openApp(dir));
    const probes = [...apps].flatMap(([size, app]) => probesAt(size, app));
    for (const [name, us] of await medianUs(probes, options.answers)) results[`scale.${name}`] = us;
    const app = apps.get(largest);
    if (app) Object.assign(results, await benchCompare(app, largest, options.answers));
    if (app) for (const [k, v] of Object.entries(indexMemory(app, 50))) results[`scale.${k}`] = v;
    for (const opened of apps.values()) opened.close();
    apps.clear();
    const dir = dirs.get(largest) ?? "";
    for (const [k, v] of Object.entries(saveGrowth(join(dir, "reports"), dir)))
      results[`scale.${k}_${largest}`] = v;
  } finally {
    for (const app of apps.values()) app.close();
    for (const dir of dirs.values()) rmSync(dir, { recursive: true, force: true });
  }
  for (const name of Object.keys(QUESTIONS)) {
    const ratio =
      (results[`scale.${name}_us_${largest}`] ?? Number.NaN) /
      (results[`scale.${name}_us_${smallest}`] ?? Number.NaN);
    results[`scale.${name}_ratio_${largest}`] = round(ratio, 2);
  }
  return results;
}
