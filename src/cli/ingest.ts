/**
 * Ingests report files by hand and shows what was found:
 *   npm run ingest -- data/reports/zhongxian-2021.txt   structure per file
 *   npm run -s ingest -- --json FILE                   the parsed report as one JSON document
 */
import "dotenv/config";
import { readFileSync } from "node:fs";
import { ConfigError, loadConfig } from "../config.ts";
import { decodeReport, ReportFileError } from "../report/decode.ts";
import { parseReport } from "../report/parse.ts";
import { ingestFile, openStore } from "../store/index.ts";

function asJson(file: string): string {
  const parsed = parseReport(decodeReport(readFileSync(file), file), file);
  const { title, place, year, date } = parsed.meta;
  return JSON.stringify(
    {
      report: { title, place, year, date },
      sections: parsed.sections.map((s) => ({ id: s.id, title: s.title, parentId: s.parentId })),
      figures: parsed.figures.map(({ value, unit, raw, qualifier, label, sectionId, sentence }) => ({
        value,
        unit,
        raw,
        qualifier,
        label,
        sectionId,
        sentence,
      })),
      plan: parsed.plan.map((p) => ({ sectionId: p.sectionId, title: p.title })),
      problems: parsed.problems.map((p) => ({ sectionId: p.sectionId, title: p.title })),
    },
    null,
    2,
  );
}

function main(): number {
  const argv = process.argv.slice(2);
  const files = argv.filter((a) => !a.startsWith("--"));
  if (files.length === 0) {
    process.stderr.write("usage: npm run ingest -- [--json] FILE...\n");
    return 2;
  }
  if (argv.includes("--json")) {
    for (const file of files) process.stdout.write(`${asJson(file)}\n`);
    return 0;
  }
  const config = loadConfig();
  const store = openStore({ path: config.DATABASE_PATH, cacheMaxEntries: config.CACHE_MAX_ENTRIES });
  let failed = 0;
  try {
    files.forEach((file, i) => {
      if (files.length > 1) process.stderr.write(`[${i + 1}/${files.length}] ${file}\n`);
      const result = ingestFile(store.reports, file);
      if (result.outcome === "failed") {
        failed++;
        process.stdout.write(`✗ ${result.error}\n`);
        return;
      }
      const content = store.reports.content(result.id);
      if (!content) return;
      const parts = content.sections.filter((s) => s.parentId === null && s.id !== "0");
      process.stdout.write(
        [
          `✓ ${file} → ${result.id} (${result.outcome}, version ${result.version})`,
          `  ${content.report.title} · ${content.report.place ?? "?"} · ${content.report.year ?? "?"} · ${content.report.date ?? "no date"}`,
          `  ${parts.length} parts, ${content.sections.length} sections, ${content.figures.length} figures, ${content.plan.length} plan items, ${content.problems.length} problems`,
          ...parts.map((p) => {
            const subs = content.sections.filter((s) => s.parentId === p.id);
            return `  ${p.id} ${p.title} (${subs.length} below, ${content.figures.filter((f) => f.sectionId === p.id || f.sectionId.startsWith(`${p.id}.`)).length} figures)`;
          }),
        ].join("\n") + "\n",
      );
    });
  } finally {
    store.close();
  }
  return failed > 0 ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (error) {
  const known = error instanceof ConfigError || error instanceof ReportFileError;
  process.stderr.write(`${known || error instanceof Error ? (error as Error).message : String(error)}\n`);
  process.exitCode = error instanceof ConfigError ? 2 : 1;
}
