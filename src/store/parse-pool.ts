import type { ChildProcess } from "node:child_process";
import { startChild } from "./child.ts";
import type { ReadReport } from "./read-report.ts";

/** One file for a worker to read: `job` numbers it in the caller's list. */
export interface ParseJob {
  job: number;
  file: string;
  bytes: Uint8Array;
}

/** What a worker made of one file. */
export type ParseOutcome =
  | { job: number; ok: true; read: ReadReport }
  | { job: number; ok: false; error: string };

// Files handed to a worker ahead of the one it is reading, so it never waits for this
// process, which stores the reports as they come back.
const AHEAD = 2;

/**
 * Reads report files in `workers` child processes and yields their outcomes in batches,
 * in no set order: each batch holds what came back while the caller was busy with the
 * last one, so the caller can store it in one transaction. Throws if a worker fails, which
 * is a bug (a bad file is an outcome, not a failure).
 */
export async function* parseInWorkers(
  jobs: readonly Omit<ParseJob, "job">[],
  workers: number,
): AsyncGenerator<ParseOutcome[]> {
  if (jobs.length === 0) return;
  const children = Array.from({ length: Math.max(1, Math.min(workers, jobs.length)) }, () =>
    startChild("parse-worker"),
  );
  let next = 0;
  let arrived: ParseOutcome[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const feed = (child: ChildProcess) => {
    const job = jobs[next];
    if (job === undefined) return;
    child.send({ ...job, job: next });
    next++;
  };
  for (const child of children) {
    child.on("message", (outcome: ParseOutcome) => {
      arrived.push(outcome);
      feed(child);
      wake?.();
    });
    const fail = (error: Error) => {
      failure ??= error;
      wake?.();
    };
    child.on("error", fail);
    child.on("exit", (code, signal) => fail(new Error(`a parse worker ended early (${signal ?? code})`)));
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
