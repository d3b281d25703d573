import type { Worker } from "node:worker_threads";
import type { ReadReport } from "./read-report.ts";
import { startWorker } from "./worker-thread.ts";

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
// thread, which stores the reports as they come back.
const AHEAD = 2;

/**
 * Reads report files in `threads` worker threads and yields their outcomes in batches, in
 * no set order: each batch holds what came back while the caller was busy with the last
 * one, so the caller can store it in one transaction. Throws if a worker fails, which is a
 * bug (a bad file is an outcome, not a failure).
 */
export async function* parseInWorkers(
  jobs: readonly Omit<ParseJob, "job">[],
  threads: number,
): AsyncGenerator<ParseOutcome[]> {
  if (jobs.length === 0) return;
  const workers = Array.from({ length: Math.max(1, Math.min(threads, jobs.length)) }, () =>
    startWorker("parse-worker"),
  );
  let next = 0;
  let arrived: ParseOutcome[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const feed = (worker: Worker) => {
    const job = jobs[next];
    if (job === undefined) return;
    // The bytes are moved to the worker rather than copied, unless they share their
    // memory with other buffers (Node's small-buffer pool), which must stay here.
    const own = job.bytes.byteLength === job.bytes.buffer.byteLength ? job.bytes : new Uint8Array(job.bytes);
    worker.postMessage({ ...job, bytes: own, job: next }, [own.buffer as ArrayBuffer]);
    next++;
  };
  for (const worker of workers) {
    worker.on("message", (outcome: ParseOutcome) => {
      arrived.push(outcome);
      feed(worker);
      wake?.();
    });
    worker.on("error", (error) => {
      failure ??= error;
      wake?.();
    });
    for (let i = 0; i < AHEAD; i++) feed(worker);
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
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
