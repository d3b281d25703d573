import type { ChildProcess } from "node:child_process";
import { startChild } from "./child.ts";
import { capArguments } from "./db.ts";

/**
 * Puts the reports that a sync stored without their full-text index (see syncDirectory)
 * into it, in a child process on its own connection, so the bot answers meanwhile. A
 * search of a report not reached yet indexes that report at once (ReportRepository).
 */
export class BackgroundIndexer {
  private child: ChildProcess | null = null;
  private finished: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: string,
    /** The database's size cap, which the child keeps to as this process does. */
    private readonly maxBytes?: number,
  ) {}

  /** Starts the indexer unless it is running; `onError` hears why it stopped early. */
  start(onError: (error: Error) => void): void {
    if (this.child) return;
    const child = startChild("index-worker", [this.path, ...capArguments(this.maxBytes)]);
    this.child = child;
    // What the child said stopped it: a write the storage refused.
    let fault: string | null = null;
    child.on("message", (message: { fault?: unknown }) => {
      if (typeof message.fault === "string") fault = message.fault;
    });
    this.finished = new Promise<void>((resolve) => {
      child.once("error", (error) => {
        if (this.child === child) onError(error);
      });
      child.once("exit", (code, signal) => {
        if (this.child === child) {
          this.child = null;
          if (code !== 0)
            onError(new Error(fault ?? `the indexer ended with ${signal ?? `exit code ${code}`}`));
        }
        resolve();
      });
    });
  }

  /** Whether the indexer is writing. */
  running(): boolean {
    return this.child !== null;
  }

  /** Resolves when the indexer has stopped (at once when it is not running). */
  done(): Promise<void> {
    return this.finished;
  }

  /** Stops the indexer; a report it was writing is left out whole and indexed later. */
  stop(): void {
    const child = this.child;
    this.child = null;
    child?.kill();
  }
}
