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

// Files handed to a worker ahead of the one it is reading, so it never waits for the
// main thread, which stores each report as it comes back.
const AHEAD = 2;

/**
 * Reads report files in `threads` worker threads, calling `onRead` on this thread with
 * each outcome as it comes (in no set order). Resolves when every file is done; rejects
 * if a worker fails, which is a bug (a bad file is an outcome, not a failure).
 */
export function parseInWorkers(
  jobs: readonly Omit<ParseJob, "job">[],
  threads: number,
  onRead: (outcome: ParseOutcome) => void,
): Promise<void> {
  if (jobs.length === 0) return Promise.resolve();
  const workers = Array.from({ length: Math.max(1, Math.min(threads, jobs.length)) }, () =>
    startWorker("parse-worker"),
  );
  return new Promise<void>((resolve, reject) => {
    let next = 0;
    let done = 0;
    let failed = false;
    const stopAll = () => Promise.all(workers.map((w) => w.terminate()));
    const feed = (worker: Worker) => {
      const job = jobs[next];
      if (job === undefined) return;
      // The bytes are moved to the worker rather than copied, unless they share their
      // memory with other buffers (Node's small-buffer pool), which must stay here.
      const own =
        job.bytes.byteLength === job.bytes.buffer.byteLength ? job.bytes : new Uint8Array(job.bytes);
      worker.postMessage({ ...job, bytes: own, job: next }, [own.buffer as ArrayBuffer]);
      next++;
    };
    for (const worker of workers) {
      worker.on("message", (outcome: ParseOutcome) => {
        if (failed) return;
        try {
          onRead(outcome);
        } catch (error) {
          failed = true;
          void stopAll().then(() => reject(error));
          return;
        }
        done++;
        if (done === jobs.length) void stopAll().then(() => resolve());
        else feed(worker);
      });
      worker.on("error", (error) => {
        if (failed) return;
        failed = true;
        void stopAll().then(() => reject(error));
      });
      for (let i = 0; i < AHEAD; i++) feed(worker);
    }
  });
}
