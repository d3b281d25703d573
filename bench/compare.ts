/**
 * /compare over a library (the largest size of bench/scale.ts): one indicator for one
 * place over its years, and for every place in one year, each answered in full through
 * the dispatcher (/compare is never in the response cache). Each chart is drawn once
 * before the timed rounds, as a bot that has answered for a while has it on disk; the
 * table and the chart's drawing are built again every time. Also: the indicator table
 * alone for every place and year (the store's rows for one indicator, read and arranged), re-reading every
 * report's values as after a change of data/indicators.tsv, and the RSS a comparison of
 * every indicator over every place leaves behind, per report.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import type { App } from "../src/app.ts";
import { storedValues } from "../src/query/comparison.ts";
import { indicators, indicatorsMark } from "../src/report/indicators.ts";
import { round, summarize } from "./stats.ts";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const INDICATOR = "地区生产总值";

function latency(samples: number[]): { p50_us: number; p99_us: number } {
  const { p50_us, p99_us } = summarize(samples);
  return { p50_us, p99_us };
}

export async function benchCompare(app: App, size: number, answers: number): Promise<Record<string, number>> {
  const comparisons = app.knowledge.comparisons;
  const places = comparisons.places();
  const ask = (line: string) => app.dispatcher.handleLine(line, CONSOLE_CHAT);
  const indicator = indicators().find((i) => i.name === INDICATOR);
  if (!indicator) throw new Error(`${INDICATOR} is not in data/indicators.tsv`);
  // The places that state the indicator, and the year most of them report a level for.
  const all = comparisons.compare({ indicator, places: [], years: [] });
  const lines = all.places.map((p) => `/compare ${INDICATOR} ${p}`);
  const count = (y: number) => all.places.filter((p) => all.cells.get(p)?.get(y)?.level).length;
  const year = [...all.years].sort((a, b) => count(b) - count(a))[0] ?? 2021;
  for (const line of [...lines, `/compare ${INDICATOR} ${year}`, `/compare ${INDICATOR}`]) await ask(line);

  const timed = async (line: (i: number) => string): Promise<number[]> => {
    const samples: number[] = [];
    for (let i = 0; i < answers; i++) {
      const start = performance.now();
      const answer = await ask(line(i));
      samples.push((performance.now() - start) * 1000);
      if (!answer.ok && i === 0) throw new Error(`${line(i)}: ${answer.text}`);
    }
    return samples;
  };
  const onePlace = latency(await timed((i) => lines[i % lines.length] ?? lines[0] ?? ""));
  const oneYear = latency(await timed(() => `/compare ${INDICATOR} ${year}`));
  const everything = latency(await timed(() => `/compare ${INDICATOR}`));
  const table: number[] = [];
  for (let i = 0; i < answers; i++) {
    const start = performance.now();
    comparisons.compare({ indicator, places: [], years: [] });
    table.push((performance.now() - start) * 1000);
  }

  // Every report's values read again from its stored figures, as after editing the data file.
  const repo = app.store.reports;
  const start = performance.now();
  const reread = repo.indicators.refreshStale(`${indicatorsMark()} again`, (id) => storedValues(repo, id));
  const refreshMs = performance.now() - start;
  repo.indicators.refreshStale(indicatorsMark(), (id) => storedValues(repo, id));

  gc();
  gc();
  const before = process.memoryUsage().rss;
  for (const i of indicators())
    for (const p of places) comparisons.compare({ indicator: i, places: [p], years: [] });
  gc();
  gc();
  const after = process.memoryUsage().rss;
  const prefix = "scale.compare";
  return {
    [`${prefix}.one_place_p50_us_${size}`]: onePlace.p50_us,
    [`${prefix}.one_place_p99_us_${size}`]: onePlace.p99_us,
    [`${prefix}.one_year_all_places_p50_us_${size}`]: oneYear.p50_us,
    [`${prefix}.one_year_all_places_p99_us_${size}`]: oneYear.p99_us,
    [`${prefix}.all_places_all_years_p50_us_${size}`]: everything.p50_us,
    [`${prefix}.all_places_all_years_p99_us_${size}`]: everything.p99_us,
    [`${prefix}.table_only_p99_us_${size}`]: latency(table).p99_us,
    [`${prefix}.places_${size}`]: places.length,
    [`${prefix}.places_in_one_year_${size}`]: count(year),
    [`${prefix}.reread_all_values_ms_${size}`]: round(refreshMs),
    [`${prefix}.rss_growth_kb_per_report_${size}`]: round((after - before) / 1024 / reread, 2),
  };
}
