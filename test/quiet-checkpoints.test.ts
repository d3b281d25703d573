import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../src/store/db.ts";
import { StorageHealth } from "../src/store/faults.ts";
import { QuietCheckpoints } from "../src/store/quiet-checkpoints.ts";

let dir = "";
let db: Database.Database | null = null;
afterEach(() => {
  db?.close();
  db = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function open(): { db: Database.Database; file: string } {
  dir = mkdtempSync(join(tmpdir(), "report-bot-checkpoints-"));
  const file = join(dir, "bot.sqlite");
  db = openDatabase(file);
  db.exec("CREATE TABLE filler (text TEXT NOT NULL)");
  // The table itself is copied now, so that the file's size below is only the rows.
  db.pragma("wal_checkpoint(TRUNCATE)");
  return { db, file };
}

/** Writes about `pages` pages of rows, one commit per ten pages, as the cache's flushes do. */
function write(db: Database.Database, pages: number): void {
  const insert = db.prepare("INSERT INTO filler (text) VALUES (?)");
  for (let done = 0; done < pages; done += 10) {
    db.transaction(() => {
      for (let i = 0; i < 10; i++) insert.run("页".repeat(1300));
    })();
  }
}

const fileBytes = (file: string) => statSync(file).size;
const idle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
function keepBusy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe("checkpoints while the bot is idle", () => {
  it("leaves a log of 1,500 pages to the idle time, not to the commit that passes 1,000", () => {
    const { db, file } = open();
    new QuietCheckpoints(db, new StorageHealth());
    const before = fileBytes(file);
    write(db, 1_500);
    // SQLite's default would have copied the log into the file at 1,000 pages.
    expect(fileBytes(file) - before).toBeLessThan(100 * 4096);
  });

  it("copies the log into the database after two idle intervals, not while the thread is busy", async () => {
    const { db, file } = open();
    const checkpoints = new QuietCheckpoints(db, new StorageHealth());
    write(db, 300);
    const before = fileBytes(file);
    keepBusy(200);
    expect(checkpoints.checkpointIfIdle(false)).toBe(false);
    await idle(200);
    // One idle interval may be a pause between two bursts.
    expect(checkpoints.checkpointIfIdle(false)).toBe(false);
    keepBusy(200);
    expect(checkpoints.checkpointIfIdle(false)).toBe(false);
    await idle(200);
    expect(checkpoints.checkpointIfIdle(false)).toBe(false);
    expect(fileBytes(file)).toBe(before);
    await idle(200);
    expect(checkpoints.checkpointIfIdle(false)).toBe(true);
    expect(fileBytes(file) - before).toBeGreaterThan(250 * 4096);
    // Nothing written since: nothing to do.
    await idle(200);
    expect(checkpoints.checkpointIfIdle(false)).toBe(false);
  });

  it("leaves the log alone while other processes fill it", async () => {
    const { db, file } = open();
    const checkpoints = new QuietCheckpoints(db, new StorageHealth());
    write(db, 300);
    const before = fileBytes(file);
    // The writing made the thread busy; the looks after it count idle intervals.
    expect(checkpoints.checkpointIfIdle(false)).toBe(false);
    await idle(200);
    expect(checkpoints.checkpointIfIdle(true)).toBe(false);
    await idle(200);
    expect(checkpoints.checkpointIfIdle(true)).toBe(false);
    expect(fileBytes(file)).toBe(before);
    await idle(200);
    expect(checkpoints.checkpointIfIdle(false)).toBe(true);
  });
});
