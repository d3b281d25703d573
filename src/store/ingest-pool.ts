import type { ChildProcess } from "node:child_process";
import { startChild } from "./child.ts";
import { capArguments } from "./db.ts";
import type { FileContent } from "./report-files.ts";
import type { IngestOutcome } from "./reports.ts";

/**
 * One file for a worker to parse and store: its report id, its stamp (see ingest.ts), and
 * its content if this process has read it already (a changed file, hashed to see whether
 * it changed); a new file is read by the worker, so this process never holds a library's
 * bytes. `job` numbers it in the caller's list.
 */
export interface IngestJob {
  job: number;
  id: string;
  file: string;
  content: FileContent | null;
  stamp: string | null;
  /** Larger files are refused (REPORT_MAX_MB): the file may have grown since it was listed. */
  maxFileBytes: number;
}

/** What a worker did with one file. */
export type IngestReply =
  | { job: number; ok: true; outcome: IngestOutcome; version: number }
  | { job: number; ok: false; error: string };

// Groups handed to a worker ahead of the one it is working on, so it never waits for this
// process to send the next.
const AHEAD = 2;

/**
 * The most files a worker stores in one transaction. Two workers each committing every
 * report spent more on the write lock and on reading again what the other had written
 * than on the rows (~6 ms a report); a group of 8 costs ~40 ms more before its first
 * report can be answered. Near the end of the list, groups shrink so that the workers
 * share the last files.
 */
const GROUP_MAX = 8;

/**
 * Parses and stores report files in `workers` child processes, each on its own connection
 * to the database at `path`, a group of files at a time (see GROUP_MAX), and yields their
 * replies in batches, in no set order. Throws if a worker fails, which is a bug (a bad
 * file is a reply, not a failure).
 */
export async function* ingestInWorkers(
  path: string,
  maxBytes: number | undefined,
  jobs: readonly Omit<IngestJob, "job">[],
  workers: number,
): AsyncGenerator<IngestReply[]> {
  if (jobs.length === 0) return;
  const children = Array.from({ length: Math.max(1, Math.min(workers, jobs.length)) }, () =>
    startChild("ingest-worker", [path, ...capArguments(maxBytes)]),
  );
  let next = 0;
  let arrived: IngestReply[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const feed = (child: ChildProcess) => {
    const left = jobs.length - next;
    if (left === 0) return;
    const size = Math.min(GROUP_MAX, Math.ceil(left / (children.length * (AHEAD + 1))));
    const group = jobs.slice(next, next + size).map((job, i) => ({ ...job, job: next + i }));
    child.send(group);
    next += group.length;
  };
  for (const child of children) {
    child.on("message", (replies: IngestReply[]) => {
      arrived.push(...replies);
      feed(child);
      wake?.();
    });
    const fail = (error: Error) => {
      failure ??= error;
      wake?.();
    };
    child.on("error", fail);
    child.on("exit", (code, signal) => fail(new Error(`an ingest worker ended early (${signal ?? code})`)));
    for (let i = 0; i < AHEAD; i++) feed(child);
  }
  try {
    for (let yielded = 0; yielded < jobs.length; ) {
      if (arrived.length === 0 && !failure) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      if (failure) throw failure;
      const batch = arrived;
      arrived = [];
      yielded += batch.length;
      yield batch;
    }
  } finally {
    for (const child of children) {
      child.removeAllListeners("exit");
      child.kill();
    }
  }
}
