/**
 * Ingest workers share SQLite's write lock. Each waits for it in short steps
 * (retryWhileBusy) rather than SQLite's own busy handler, whose sleeps grow to tens of
 * milliseconds: a write waits while another connection holds the lock, goes through once
 * it is released, and gives up with SQLITE_BUSY after its time limit.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, retryWhileBusy } from "../src/store/db.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const done of cleanups.splice(0).reverse()) done();
});

function newDatabase(): { path: string; db: Database.Database } {
  const dir = mkdtempSync(join(tmpdir(), "report-bot-lock-"));
  const path = join(dir, "bot.sqlite");
  const db = openDatabase(path);
  db.pragma("busy_timeout = 0");
  cleanups.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { path, db };
}

/** Another connection, in a thread of its own, holding the write lock for `ms`; resolves once it has it. */
function holdWriteLock(path: string, ms: number): Promise<Worker> {
  const worker = new Worker(
    `const Database = require("better-sqlite3");
     const { parentPort, workerData } = require("node:worker_threads");
     const db = new Database(workerData.path);
     db.exec("BEGIN IMMEDIATE");
     parentPort.postMessage("locked");
     Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms);
     db.exec("COMMIT");
     db.close();`,
    { eval: true, workerData: { path, ms } },
  );
  cleanups.push(() => void worker.terminate());
  return new Promise((resolve, reject) => {
    worker.once("message", () => resolve(worker));
    worker.once("error", reject);
  });
}

const write = (db: Database.Database) => () =>
  db.transaction(() => db.prepare("INSERT INTO counters (name, value) VALUES ('n', 1)").run()).immediate();

describe("a write while another connection holds the write lock", () => {
  it("waits for the lock and goes through once it is released", async () => {
    const { path, db } = newDatabase();
    await holdWriteLock(path, 150);
    expect(() => write(db)()).toThrow(/locked/);
    expect(retryWhileBusy(write(db), 5_000).changes).toBe(1);
    expect(db.prepare("SELECT value FROM counters WHERE name = 'n'").pluck().get()).toBe(1);
  });

  it("gives up with SQLITE_BUSY after its time limit", async () => {
    const { path, db } = newDatabase();
    await holdWriteLock(path, 2_000);
    expect(() => retryWhileBusy(write(db), 100)).toThrow(expect.objectContaining({ code: "SQLITE_BUSY" }));
  });
});
