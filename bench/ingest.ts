import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeReport } from "../src/report/decode.ts";
import { parseReport } from "../src/report/parse.ts";
import { ingestFile, openStore } from "../src/store/index.ts";
import { longLineReport } from "./answer-while-ingesting.ts";
import { quantile, round } from "./stats.ts";

const ONE_MB = 1_000_000;

/**
 * A report whose whole body is one line of 1,000,000 characters without 。: the seed's
 * text with every sentence end and line break made a comma, repeated. Parsing must be
 * linear in the length of the text; this times it, alone and as a full ingest (parse,
 * store, full-text index), the median of `runs` after one untimed run.
 */
export function benchLongLine(runs: number) {
  const text = longLineReport(ONE_MB);
  const dir = mkdtempSync(join(tmpdir(), "report-bot-long-line-"));
  try {
    const file = join(dir, "long-line.txt");
    writeFileSync(file, text);
    const parse: number[] = [];
    const ingest: number[] = [];
    let figures = 0;
    for (let i = 0; i <= runs; i++) {
      let start = performance.now();
      figures = parseReport(decodeReport(readFileSync(file), file), file).figures.length;
      const parsed = performance.now() - start;
      const store = openStore({ path: join(dir, `run-${i}.sqlite`), cacheMaxEntries: 10 });
      start = performance.now();
      ingestFile(store.reports, file);
      const ingested = performance.now() - start;
      store.close();
      if (i === 0) continue; // loads the segmentation dictionary
      parse.push(parsed);
      ingest.push(ingested);
    }
    const median = (xs: number[]) =>
      round(
        quantile(
          xs.sort((a, b) => a - b),
          0.5,
        ),
      );
    return {
      long_line_1mb_ms: median(ingest),
      long_line_1mb_parse_ms: median(parse),
      long_line_1mb_figures: figures,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
