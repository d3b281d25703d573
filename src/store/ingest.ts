import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { ReportFileError } from "../report/decode.ts";
import { readReportInput } from "../report/input.ts";
import { PARSER_VERSION, parseReport } from "../report/parse.ts";
import type { ParsedReport } from "../report/types.ts";
import { indexWords } from "./fts.ts";
import type { IngestOutcome, ReportRepository } from "./reports.ts";

/** What happened to one file. */
export type IngestResult =
  | { file: string; id: string; outcome: IngestOutcome; version: number; parsed: ParsedReport | null }
  | { file: string; id: string; outcome: "failed"; error: string };

const REPORT_EXTENSIONS = new Set([".txt", ".text", ".htm", ".html"]);

/** A report's id: its file name without extension, in lower case, safe for commands. */
export function reportIdFor(file: string): string {
  return basename(file, extname(file))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_-]+/gu, "-");
}

/**
 * Reads, parses and stores one file. An unchanged file (same hash) is not parsed again.
 * A file that cannot be read as a report fails alone, with a message naming it.
 */
export function ingestFile(repo: ReportRepository, file: string): IngestResult {
  const id = reportIdFor(file);
  try {
    const bytes = readFileSync(file);
    const hash = createHash("sha256").update(`parser ${PARSER_VERSION}\n`).update(bytes).digest("hex");
    const existing = repo.get(id);
    if (existing?.contentHash === hash)
      return { file, id, outcome: "unchanged", version: existing.version, parsed: null };
    const input = readReportInput(bytes, file);
    const parsed = parseReport(input.text, file, { sourceUrl: input.sourceUrl });
    const { outcome, version } = repo.save(id, file, hash, parsed, indexWords);
    return { file, id, outcome, version, parsed };
  } catch (error) {
    if (error instanceof ReportFileError) return { file, id, outcome: "failed", error: error.message };
    if (error instanceof Error && "code" in error)
      return { file, id, outcome: "failed", error: `${file}: ${error.message}` };
    throw error;
  }
}

/** The report files in a folder, sorted by name. */
export function reportFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => REPORT_EXTENSIONS.has(extname(name).toLowerCase()))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Brings the store in line with a folder: every file ingested, and reports whose file is
 * gone from the folder removed, so answers never cite a report that is no longer there.
 */
export function syncDirectory(
  repo: ReportRepository,
  dir: string,
  onProgress?: (result: IngestResult, done: number, total: number) => void,
): { results: IngestResult[]; removed: string[] } {
  const files = reportFiles(dir);
  const results = files.map((file, i) => {
    const result = ingestFile(repo, file);
    onProgress?.(result, i + 1, files.length);
    return result;
  });
  const present = new Set(results.map((r) => r.id));
  const removed = repo
    .list()
    .filter((r) => !present.has(r.id))
    .map((r) => r.id);
  for (const id of removed) repo.remove(id);
  return { results, removed };
}
