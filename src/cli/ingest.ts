/**
 * Ingests reports by hand and shows what was found:
 *   npm run ingest -- data/reports/zhongxian-2021.txt   structure per file
 *   npm run ingest -- https://example.gov.cn/a.html      fetch a page, save it into REPORTS_DIR, ingest it
 *   npm run -s ingest -- --json FILE|URL                the parsed report as one JSON document
 */
import "dotenv/config";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, loadConfig } from "../config.ts";
import { ReportFileError } from "../report/decode.ts";
import { isHtml, type ReportInput, readReportInput } from "../report/input.ts";
import { parseReport } from "../report/parse.ts";
import { ingestFile, openStore } from "../store/index.ts";
import { FetchPageError, fetchPage, fileNameFor, withAddress } from "./fetch-page.ts";

const isAddress = (arg: string) => /^https?:\/\//i.test(arg);

async function readInput(arg: string): Promise<ReportInput> {
  if (!isAddress(arg)) return readReportInput(readFileSync(arg), arg);
  const page = await fetchPage(arg);
  return readReportInput(page.bytes, new URL(page.url).pathname, {
    contentType: page.contentType,
    url: page.url,
  });
}

async function asJson(arg: string): Promise<string> {
  const input = await readInput(arg);
  const parsed = parseReport(input.text, arg, { sourceUrl: input.sourceUrl });
  const { title, titleInferred, genre, issuer, place, year, date, sourceUrl } = parsed.meta;
  return JSON.stringify(
    {
      report: { title, titleInferred, genre, issuer, place, year, date, sourceUrl },
      sections: parsed.sections.map((s) => ({ id: s.id, title: s.title, parentId: s.parentId })),
      figures: parsed.figures.map(
        ({ value, unit, raw, qualifier, change, kind, linkedTo, label, sectionId, sentence }) => ({
          value,
          unit,
          raw,
          qualifier,
          change,
          kind,
          linkedTo,
          label,
          sectionId,
          sentence,
        }),
      ),
      plan: parsed.plan.map((p) => ({ sectionId: p.sectionId, title: p.title })),
      problems: parsed.problems.map((p) => ({ sectionId: p.sectionId, title: p.title })),
    },
    null,
    2,
  );
}

/** Fetches a page and saves it into the reports folder, so the next start keeps it. */
async function saveFetched(address: string, reportsDir: string): Promise<string> {
  const page = await fetchPage(address);
  const html = isHtml(page.bytes, new URL(page.url).pathname, page.contentType);
  const file = join(reportsDir, fileNameFor(page, html));
  writeFileSync(file, withAddress(page, html));
  return file;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const args = argv.filter((a) => !a.startsWith("--"));
  if (args.length === 0) {
    process.stderr.write("usage: npm run ingest -- [--json] FILE|URL...\n");
    return 2;
  }
  if (argv.includes("--json")) {
    for (const arg of args) process.stdout.write(`${await asJson(arg)}\n`);
    return 0;
  }
  const config = loadConfig();
  const store = openStore({
    path: config.DATABASE_PATH,
    cacheMaxEntries: config.CACHE_MAX_ENTRIES,
    ...(config.DATABASE_MAX_MB ? { maxBytes: Math.floor(config.DATABASE_MAX_MB * 1024 * 1024) } : {}),
  });
  let failed = 0;
  try {
    for (const [i, arg] of args.entries()) {
      if (args.length > 1) process.stderr.write(`[${i + 1}/${args.length}] ${arg}\n`);
      let file = arg;
      if (isAddress(arg)) {
        try {
          file = await saveFetched(arg, config.REPORTS_DIR);
        } catch (error) {
          if (!(error instanceof FetchPageError)) throw error;
          failed++;
          process.stdout.write(`✗ ${error.message}\n`);
          continue;
        }
      }
      const result = ingestFile(
        store.reports,
        file,
        undefined,
        Math.floor(config.REPORT_MAX_MB * 1024 * 1024),
      );
      if (result.outcome === "failed") {
        failed++;
        process.stdout.write(`✗ ${result.error}\n`);
        continue;
      }
      const content = store.reports.content(result.id);
      if (!content) continue;
      const r = content.report;
      const parts = content.sections.filter((s) => s.parentId === null && s.id !== "0");
      process.stdout.write(
        `${[
          `✓ ${arg} → ${result.id} (${result.outcome}, version ${result.version})`,
          `  ${r.title}${r.titleInferred ? " (title inferred)" : ""} · ${r.genre} · ${r.place ?? "?"} · ${r.year ?? "?"} · ${r.date ?? "no date"}${r.sourceUrl ? ` · ${r.sourceUrl}` : ""}`,
          `  ${parts.length} parts, ${content.sections.length} sections, ${content.figures.length} figures, ${content.plan.length} plan items, ${content.problems.length} problems`,
          ...parts.map((p) => {
            const subs = content.sections.filter((s) => s.parentId === p.id);
            return `  ${p.id} ${p.title} (${subs.length} below, ${content.figures.filter((f) => f.sectionId === p.id || f.sectionId.startsWith(`${p.id}.`)).length} figures)`;
          }),
        ].join("\n")}\n`,
      );
    }
  } finally {
    store.close();
  }
  return failed > 0 ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  const known =
    error instanceof ConfigError || error instanceof ReportFileError || error instanceof FetchPageError;
  process.stderr.write(`${known || error instanceof Error ? (error as Error).message : String(error)}\n`);
  process.exitCode = error instanceof ConfigError ? 2 : 1;
}
