import type { Worker } from "node:worker_threads";
import { startWorker } from "./worker-thread.ts";

/**
 * Puts the reports that a sync stored without their full-text index (see syncDirectory)
 * into it, in a worker thread on its own connection, so the bot answers meanwhile. A
 * search of a report not reached yet indexes that report at once (ReportRepository).
 */
export class BackgroundIndexer {
  private worker: Worker | null = null;
  private finished: Promise<void> = Promise.resolve();

  constructor(private readonly path: string) {}

  /** Starts the indexer unless it is running; `onError` hears why it stopped early. */
  start(onError: (error: Error) => void): void {
    if (this.worker) return;
    const worker = startWorker("index-worker", { workerData: { path: this.path } });
    this.worker = worker;
    this.finished = new Promise<void>((resolve) => {
      worker.once("error", (error) => {
        if (this.worker === worker) onError(error);
      });
      worker.once("exit", () => {
        if (this.worker === worker) this.worker = null;
        resolve();
      });
    });
  }

  /** Resolves when the indexer has stopped (at once when it is not running). */
  done(): Promise<void> {
    return this.finished;
  }

  /** Stops the indexer; a report it was writing is left out whole and indexed later. */
  stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    return worker ? worker.terminate().then(() => undefined) : Promise.resolve();
  }
}
