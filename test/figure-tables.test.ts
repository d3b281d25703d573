import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeReport } from "../src/report/decode.ts";
import { parseReport } from "../src/report/parse.ts";
import { compareWithTable, kindOf, readableAlone, type TableEntry } from "./helpers/figure-tables.ts";

/**
 * The parser against hand-read figure tables of four real reports
 * (test/fixtures/figure-tables/README.md): how many statistics it finds (recall), how many
 * of its figures are statistics (precision), the kinds it gives, and how many of its
 * labels can be read alone.
 */

const FIXTURES = join(import.meta.dirname, "fixtures");
const REPORTS = [
  { name: "longhua-2019", file: "corpus/fazhi/longhua-2019.txt" },
  { name: "yixian-2019", file: "corpus/work-reports/yixian-2019.txt" },
  { name: "fuping-2017", file: "corpus/work-reports/fuping-2017.txt" },
  { name: "qingyuan-2003", file: "corpus/work-reports/qingyuan-2003.txt" },
];

const TARGET = { precision: 0.95, recall: 0.95, kinds: 0.95, readableLabels: 0.9 };

const share = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);
const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

for (const { name, file } of REPORTS) {
  describe(`${name}: the parser against its hand-read table`, () => {
    const path = join(FIXTURES, file);
    const parsed = parseReport(decodeReport(readFileSync(path), path), path);
    const table = JSON.parse(
      readFileSync(join(FIXTURES, "figure-tables", `${name}.json`), "utf8"),
    ) as TableEntry[];
    const { matched, missed, extra } = compareWithTable(parsed.figures, table);
    const readable = matched.filter((m) => readableAlone(m.figure.label, m.entry));
    const kinds = matched.filter((m) => kindOf(m.figure) === m.entry.kind);
    const precision = share(matched.length, parsed.figures.length);
    const recall = share(matched.length, table.length);
    const readableShare = share(readable.length, matched.length);
    const kindShare = share(kinds.length, matched.length);

    console.log(
      `${name}: ${table.length} statistics, ${parsed.figures.length} parsed, ${matched.length} matched — ` +
        `precision ${percent(precision)}, recall ${percent(recall)}, kinds ${percent(kindShare)}, ` +
        `labels readable alone ${percent(readableShare)} (${readable.length}/${matched.length})`,
    );
    const unreadable = matched.filter((m) => !readable.includes(m));
    if (unreadable.length > 0) {
      console.log(
        `${name}: labels not readable alone: ${unreadable.map((m) => `${m.figure.raw} “${m.figure.label}” (read: ${m.entry.label})`).join("; ")}`,
      );
    }
    if (process.env.SHOW_FIGURE_TABLE_MISSES) {
      console.log(
        `${name}: missed ${missed.map((e) => e.raw).join(" ")}; extra ${extra.map((f) => f.raw).join(" ")}`,
      );
    }

    it(`labels at least ${percent(TARGET.readableLabels)} of the figures it finds so they read alone`, () => {
      expect(matched.length).toBeGreaterThan(0);
      expect(readableShare).toBeGreaterThanOrEqual(TARGET.readableLabels);
    });

    it(`finds at least ${percent(TARGET.recall)} of the statistics (recall)`, () => {
      expect(recall).toBeGreaterThanOrEqual(TARGET.recall);
    });

    it(`finds nothing but statistics in ${percent(TARGET.precision)} of its figures (precision)`, () => {
      expect(precision).toBeGreaterThanOrEqual(TARGET.precision);
    });

    it(`gives ${percent(TARGET.kinds)} of the figures it finds their kind`, () => {
      expect(kindShare).toBeGreaterThanOrEqual(TARGET.kinds);
    });
  });
}
