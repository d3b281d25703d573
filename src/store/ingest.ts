import { createHash } from "node:crypto";
import { type Dirent, readdirSync, readFileSync, type Stats, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, extname, join, relative } from "node:path";
import { ReportFileError } from "../report/decode.ts";
import { PARSER_VERSION } from "../report/parse.ts";
import { ingestInWorkers } from "./ingest-pool.ts";
import { type ReadReport, readReport } from "./read-report.ts";
import type { FileState, IngestOutcome, ReportRepository } from "./reports.ts";

/** What happened to one file. */
export type IngestResult =
  | { file: string; id: string; outcome: IngestOutcome; version: number }
  | { file: string; id: string; outcome: "failed"; error: string };

const REPORT_EXTENSIONS = new Set([".txt", ".text", ".htm", ".html"]);

/** From this many files to parse on, they are parsed in child processes (one costs a process's start). */
const PARALLEL_FROM = 16;

/**
 * A file's modification time is trusted only once it is this much older than the moment
 * it is looked at: a file written again within the same tick of a coarse clock, at the
 * same size, would otherwise look unchanged.
 */
const SETTLED_MS = 2_000;

/**
 * A report's id: its path under the reports folder (or its file name) without extension,
 * in lower case, with anything but letters, digits, _ and - turned into -, so safe for
 * commands: `fazhi/longhua-2019.txt` → `fazhi-longhua-2019`.
 */
export function reportIdFor(file: string, root?: string): string {
  const name = root === undefined ? basename(file) : relative(root, file);
  return name
    .slice(0, name.length - extname(name).length)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_-]+/gu, "-");
}

/** A report file and the id it is stored under. */
export interface ReportFile {
  file: string;
  id: string;
}

/** The report files in a folder and its sub-folders (hidden ones left out), sorted by path. */
export function reportFiles(dir: string): ReportFile[] {
  const found: string[] = [];
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const path = join(folder, entry.name);
      if (isFolder(entry, path)) visit(path);
      else if (REPORT_EXTENSIONS.has(extname(entry.name).toLowerCase())) found.push(path);
    }
  };
  visit(dir);
  return found.sort().map((file) => ({ file, id: reportIdFor(file, dir) }));
}

function isFolder(entry: Dirent, path: string): boolean {
  return (
    entry.isDirectory() ||
    (entry.isSymbolicLink() && (statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false))
  );
}

/** What a file looks like from outside; null while its modification time is too fresh to trust. */
function stampOf(stats: Stats, now: number): string | null {
  if (now - stats.mtimeMs < SETTLED_MS) return null;
  return `${PARSER_VERSION}:${stats.size}:${stats.mtimeMs}`;
}

/** A file to parse: its bytes as read, their hash, and its stamp then. */
interface ToParse {
  file: string;
  id: string;
  bytes: Buffer;
  hash: string;
  stamp: string | null;
}

/**
 * Looks at one file: an unchanged one (same stamp, or same content hash) is done with at
 * once, and a changed one comes back to be parsed.
 */
function look(
  repo: ReportRepository,
  { file, id }: ReportFile,
  state: FileState | undefined,
): IngestResult | ToParse {
  const stamp = stampOf(statSync(file), Date.now());
  if (state && stamp !== null && state.stamp === stamp)
    return { file, id, outcome: "unchanged", version: state.version };
  const bytes = readFileSync(file);
  const hash = createHash("sha256").update(`parser ${PARSER_VERSION}\n`).update(bytes).digest("hex");
  if (state?.contentHash !== hash) return { file, id, bytes, hash, stamp };
  if (state.stamp !== stamp) repo.setStamp(id, stamp);
  return { file, id, outcome: "unchanged", version: state.version };
}

/** Stores a parsed file and its stamp. */
function store(repo: ReportRepository, item: ToParse, read: ReadReport): IngestResult {
  const { outcome, version } = repo.saveFile(item, read.parsed, read.words);
  return { file: item.file, id: item.id, outcome, version };
}

/** A file that cannot be read or is no report fails alone, with a message naming it. */
function failure(file: string, id: string, error: unknown): IngestResult {
  if (error instanceof ReportFileError) return { file, id, outcome: "failed", error: error.message };
  if (error instanceof Error && "code" in error)
    return { file, id, outcome: "failed", error: `${file}: ${error.message}` };
  throw error;
}

function parseHere(repo: ReportRepository, item: ToParse): IngestResult {
  try {
    return store(repo, item, readReport(item.bytes, item.file));
  } catch (error) {
    return failure(item.file, item.id, error);
  }
}

/**
 * Reads, parses and stores one file (its id from its name unless given). An unchanged file
 * (same hash) is not parsed again.
 */
export function ingestFile(repo: ReportRepository, file: string, id = reportIdFor(file)): IngestResult {
  try {
    const looked = look(repo, { file, id }, repo.fileStates().get(id));
    return "outcome" in looked ? looked : parseHere(repo, looked);
  } catch (error) {
    return failure(file, id, error);
  }
}

export interface SyncOptions {
  /** Child processes for parsing many files at once (default: one per core). */
  workers?: number;
}

/**
 * Brings the store in line with a folder and its sub-folders: every file ingested, and
 * reports whose file is gone removed, so answers never cite a report that is no longer
 * there. Unchanged files are told by their size and modification time without being read.
 * Many changed files are parsed and stored by child processes, each on its own connection,
 * and their sentences are left for the background indexer (background-index.ts), or
 * their first search, to put in the full-text index: the bot can answer before that is done.
 */
export async function syncDirectory(
  repo: ReportRepository,
  dir: string,
  options: SyncOptions = {},
): Promise<{ results: IngestResult[]; removed: string[] }> {
  const files = reportFiles(dir);
  const states = repo.fileStates();
  const results: IngestResult[] = [];
  const toParse: { at: number; item: ToParse }[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    const clash = seen.get(f.id);
    if (clash !== undefined) {
      const error = `${f.file}: its report id "${f.id}" is already that of ${clash}; rename one of them`;
      results.push({ ...f, outcome: "failed", error });
      continue;
    }
    seen.set(f.id, f.file);
    let looked: IngestResult | ToParse;
    try {
      looked = look(repo, f, states.get(f.id));
    } catch (error) {
      looked = failure(f.file, f.id, error);
    }
    if ("outcome" in looked) results.push(looked);
    else {
      toParse.push({ at: results.length, item: looked });
      results.push({ ...f, outcome: "failed", error: "not parsed" });
    }
  }
  const path = repo.databasePath();
  if (toParse.length < PARALLEL_FROM || path === null) {
    for (const { at, item } of toParse) results[at] = parseHere(repo, item);
  } else {
    const replies = ingestInWorkers(
      path,
      toParse.map(({ item }) => item),
      options.workers ?? availableParallelism(),
    );
    for await (const batch of replies) {
      for (const reply of batch) {
        const { at, item } = toParse[reply.job] as { at: number; item: ToParse };
        results[at] = reply.ok
          ? { file: item.file, id: item.id, outcome: reply.outcome, version: reply.version }
          : { file: item.file, id: item.id, outcome: "failed", error: reply.error };
      }
    }
  }
  const removed = [...states.keys()].filter((id) => !seen.has(id));
  for (const id of removed) repo.remove(id);
  return { results, removed };
}
