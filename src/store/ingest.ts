import { type Stats, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { setImmediate as nextTurn } from "node:timers/promises";
import { ReportFileError } from "../report/decode.ts";
import { PARSER_VERSION } from "../report/parse.ts";
import { childrenStartQuickly } from "./child.ts";
import { fileStorageProblem, storageFaultOf } from "./faults.ts";
import { ingestInWorkers } from "./ingest-pool.ts";
import { type ReadReport, readReport } from "./read-report.ts";
import {
  DEFAULT_MAX_FILE_BYTES,
  type FileContent,
  listReportFiles,
  RefusedFileError,
  type ReportFile,
  readProblem,
  readReportContent,
  reportIdFor,
} from "./report-files.ts";
import type { FileState, IngestOutcome, ReportRepository } from "./reports.ts";

export { type ReportFile, reportFiles, reportIdFor } from "./report-files.ts";

/**
 * What happened to one file. A file that failed while its report was stored before
 * (changed into something unreadable, or not storable on a full disk) says which version
 * is still served: `kept`.
 */
export type IngestResult =
  | { file: string; id: string; outcome: IngestOutcome; version: number }
  | { file: string; id: string; outcome: "failed"; error: string; kept?: number };

/**
 * Where files are parsed. When child processes start quickly (the build), every new or
 * changed file is parsed in one: the bot's process then holds neither jieba's dictionary
 * nor the parser's garbage (~60 MB) until a question needs them, and never waits for a
 * parse. Else (from source), fewer than PARALLEL_FROM files of at most INLINE_MAX_BYTES
 * are parsed here, between turns of the event loop, a child's start costing more.
 */
const PARALLEL_FROM = 16;

/** A larger file would hold the answers for as long as its parse takes: it goes to a child even alone. */
const INLINE_MAX_BYTES = 256 * 1024;

/** How many child processes parse these files; 0 when this process does (see PARALLEL_FROM). */
function parsersFor(path: string | null, files: readonly ToParse[], workers: number): number {
  if (files.length === 0) return 0;
  const here =
    path === null ||
    (!childrenStartQuickly && files.length < PARALLEL_FROM && files.every((f) => f.size <= INLINE_MAX_BYTES));
  return here ? 0 : Math.max(1, Math.min(workers, files.length));
}

/**
 * A file's modification time is trusted only once it is this much older than the moment
 * it is looked at: a file written again within the same tick of a coarse clock, at the
 * same size, would otherwise look unchanged.
 */
const SETTLED_MS = 2_000;

/** What a file looks like from outside; null while its modification time is too fresh to trust. */
function stampOf(stats: Stats, now: number): string | null {
  if (now - stats.mtimeMs < SETTLED_MS) return null;
  return `${PARSER_VERSION}:${stats.size}:${stats.mtimeMs}`;
}

/**
 * A file to parse: its stamp and size when looked at, and its content if read already. A
 * changed file is read to see whether its content changed; a new one only when its turn
 * comes, so a thousand new files are not all held in memory at once.
 */
interface ToParse {
  file: string;
  id: string;
  stamp: string | null;
  size: number;
  content: FileContent | null;
}

/**
 * Looks at one file: an unchanged one (same stamp, or same content hash) is done with at
 * once, and a changed one comes back to be parsed.
 */
function look(
  repo: ReportRepository,
  { file, id }: ReportFile,
  state: FileState | undefined,
  maxBytes: number,
): IngestResult | ToParse {
  const stats = statSync(file);
  const stamp = stampOf(stats, Date.now());
  if (state && stamp !== null && state.stamp === stamp)
    return { file, id, outcome: "unchanged", version: state.version };
  if (!state) return { file, id, stamp, size: stats.size, content: null };
  const content = readReportContent(file, maxBytes);
  if (state.contentHash !== content.hash) return { file, id, stamp, size: content.bytes.length, content };
  try {
    if (state.stamp !== stamp) repo.setStamp(id, stamp);
  } catch (error) {
    // On a full disk the stamp stays old: the file is hashed again at the next start.
    if (!storageFaultOf(error, "reports", true)) throw error;
  }
  return { file, id, outcome: "unchanged", version: state.version };
}

/** Stores a parsed file and its stamp. */
function store(repo: ReportRepository, item: ToParse, hash: string, read: ReadReport): IngestResult {
  const { outcome, version } = repo.saveFile({ ...item, hash }, read.parsed, read.words);
  return { file: item.file, id: item.id, outcome, version };
}

/**
 * A file that cannot be read, is no report or that the storage refuses (a full disk) fails
 * alone, with a message naming it, worded as the ingest workers word it; `kept` is the
 * version of its report still served, if one is stored. Any other error is a bug: thrown.
 */
function failure(file: string, id: string, error: unknown, kept?: FileState): IngestResult {
  const message =
    error instanceof ReportFileError
      ? error.message
      : (readProblem(file, error) ?? fileStorageProblem(file, error));
  if (message === null) throw error;
  return { file, id, outcome: "failed", error: message, ...(kept ? { kept: kept.version } : {}) };
}

function parseHere(repo: ReportRepository, item: ToParse, maxBytes: number, state?: FileState): IngestResult {
  try {
    const content = item.content ?? readReportContent(item.file, maxBytes);
    return store(repo, item, content.hash, readReport(content.bytes, item.file));
  } catch (error) {
    return failure(item.file, item.id, error, state);
  }
}

/**
 * Reads, parses and stores one file (its id from its name unless given). An unchanged file
 * (same hash) is not parsed again.
 */
export function ingestFile(
  repo: ReportRepository,
  file: string,
  id = reportIdFor(file),
  maxBytes = DEFAULT_MAX_FILE_BYTES,
): IngestResult {
  const state = repo.fileStates().get(id);
  try {
    const looked = look(repo, { file, id }, state, maxBytes);
    return "outcome" in looked ? looked : parseHere(repo, looked, maxBytes, state);
  } catch (error) {
    return failure(file, id, error, state);
  }
}

export interface SyncOptions {
  /** Child processes for parsing many files at once (default: one per core). */
  workers?: number;
  /** Larger files are refused with a warning (default 20 MB). */
  maxFileBytes?: number;
  /** Hears each parsed file once it is stored, or has failed. */
  onParsed?: (result: IngestResult) => void;
  /** Stops the parse (the store is closing): the files not stored yet are read at the next start. */
  signal?: AbortSignal;
}

/** A sync under way: what was settled at once, and the parse that goes on in the background. */
export interface SyncStart {
  /** Files settled without parsing: unchanged, refused, unreadable, or a second file for one id. */
  results: IngestResult[];
  /** Files being parsed, new or changed; their reports (the stored version, if any) are served meanwhile. */
  parsing: ReportFile[];
  /** The child processes parsing them; 0 when this process parses them (see PARALLEL_FROM). */
  parsers: number;
  /** Reports removed because their file is gone. */
  removed: string[];
  /** Reports whose file is gone but whose removal could not be written (a full disk): still served. */
  notRemoved: { id: string; error: string }[];
  /**
   * Set when reports are stored but the folder is missing or holds no report file (an
   * unmounted volume, as a rule): none of them was removed.
   */
  keptLibrary: { folder: "missing" | "empty"; reports: number } | null;
  /** Every file's result, in order of path, once the parse has ended. */
  finished: Promise<IngestResult[]>;
}

/**
 * Brings the store in line with a folder and its sub-folders. What needs no parsing is done
 * at once: unchanged files are told by their size and modification time without being
 * read, and reports whose file is gone are removed (unless the folder is empty or missing:
 * then nothing is removed). New and changed files are parsed afterwards, in the background,
 * so the reports already stored can be served meanwhile: a changed report in its stored
 * version until the new one is stored. Only regular files within the size limit are read;
 * of two files with one id, the first by path is read and the other refused.
 */
export function startSync(repo: ReportRepository, dir: string, options: SyncOptions = {}): SyncStart {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const listing = listReportFiles(dir, maxBytes);
  const states = repo.fileStates();
  const results: IngestResult[] = [];
  const toParse: { at: number; item: ToParse }[] = [];
  // The file read for each id, and the ids whose file is there even if it is not read.
  const seen = new Map<string, string>();
  const present = new Set<string>();
  for (const f of listing.refused) {
    present.add(f.id);
    results.push(failure(f.file, f.id, new RefusedFileError(f.file, f.reason), states.get(f.id)));
  }
  for (const f of listing.files) {
    const clash = seen.get(f.id);
    if (clash !== undefined) {
      const error = `${f.file}: its report id "${f.id}" is already that of ${clash}, which is read instead; rename one of them`;
      results.push({ ...f, outcome: "failed", error });
      continue;
    }
    seen.set(f.id, f.file);
    present.add(f.id);
    let looked: IngestResult | ToParse;
    try {
      looked = look(repo, f, states.get(f.id), maxBytes);
    } catch (error) {
      looked = failure(f.file, f.id, error, states.get(f.id));
    }
    if ("outcome" in looked) results.push(looked);
    else {
      toParse.push({ at: results.length, item: looked });
      results.push({ ...f, outcome: "failed", error: "not parsed" });
    }
  }
  const nothingThere = listing.files.length === 0 && listing.refused.length === 0;
  const keptLibrary =
    nothingThere && states.size > 0
      ? { folder: listing.exists ? ("empty" as const) : ("missing" as const), reports: states.size }
      : null;
  const removed: string[] = [];
  const notRemoved: { id: string; error: string }[] = [];
  if (!keptLibrary) {
    for (const id of [...states.keys()].filter((id) => !present.has(id))) {
      try {
        repo.remove(id);
        removed.push(id);
      } catch (error) {
        const fault = storageFaultOf(error, "reports", false);
        if (!fault) throw error;
        notRemoved.push({ id, error: `${fault.message} (${fault.code})` });
      }
    }
  }
  const parsers = parsersFor(
    repo.databasePath(),
    toParse.map(({ item }) => item),
    options.workers ?? availableParallelism(),
  );
  const finished = parseAll(repo, toParse, states, options, parsers).then((parsed) => {
    for (const [i, result] of parsed) results[i] = result;
    return results;
  });
  const pending = new Set(toParse.map(({ at }) => at));
  return {
    results: results.filter((_, i) => !pending.has(i)),
    parsing: toParse.map(({ item }) => ({ file: item.file, id: item.id })),
    parsers,
    removed,
    notRemoved,
    keptLibrary,
    finished,
  };
}

/**
 * Parses and stores the files, here between turns of the event loop when they are few and
 * small and a child would start slowly (see PARALLEL_FROM), else in child processes on
 * their own connections (the sentences then left for the background indexer,
 * background-index.ts, or their first search, to put in the full-text index). Yields each
 * result with its place in the caller's list.
 */
async function parseAll(
  repo: ReportRepository,
  toParse: readonly { at: number; item: ToParse }[],
  states: ReadonlyMap<string, FileState>,
  options: SyncOptions,
  parsers: number,
): Promise<[number, IngestResult][]> {
  const done: [number, IngestResult][] = [];
  const settle = (at: number, result: IngestResult) => {
    done.push([at, result]);
    options.onParsed?.(result);
  };
  const path = repo.databasePath();
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (path === null || parsers === 0) {
    for (const { at, item } of toParse) {
      // Answers waiting in the event loop go first.
      await nextTurn();
      if (options.signal?.aborted) break;
      settle(at, parseHere(repo, item, maxBytes, states.get(item.id)));
    }
    return done;
  }
  const replies = ingestInWorkers(
    path,
    repo.maxBytes,
    toParse.map(({ item }) => ({
      id: item.id,
      file: item.file,
      stamp: item.stamp,
      content: item.content,
      maxFileBytes: maxBytes,
    })),
    parsers,
  );
  for await (const batch of replies) {
    // Leaving the loop ends the child processes.
    if (options.signal?.aborted) break;
    for (const reply of batch) {
      const { at, item } = toParse[reply.job] as { at: number; item: ToParse };
      const kept = states.get(item.id);
      settle(
        at,
        reply.ok
          ? { file: item.file, id: item.id, outcome: reply.outcome, version: reply.version }
          : {
              file: item.file,
              id: item.id,
              outcome: "failed",
              error: reply.error,
              ...(kept ? { kept: kept.version } : {}),
            },
      );
    }
  }
  return done;
}

/**
 * Brings the store in line with a folder (see startSync) and waits for the parse to end:
 * for tools and tests; the bot itself answers while the parse goes on.
 */
export async function syncDirectory(
  repo: ReportRepository,
  dir: string,
  options: SyncOptions = {},
): Promise<Omit<SyncStart, "finished" | "results" | "parsing" | "parsers"> & { results: IngestResult[] }> {
  const sync = startSync(repo, dir, options);
  const { removed, notRemoved, keptLibrary } = sync;
  return { results: await sync.finished, removed, notRemoved, keptLibrary };
}
