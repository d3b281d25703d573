import { closeSync, mkdirSync, openSync, readSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";
import { migrate } from "./migrate.ts";
import { migrations } from "./migrations/index.ts";

/** A database that cannot be opened as ours; the message says which file and why. */
export class StoreOpenError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`cannot open the database ${path}: ${reason}`);
    this.name = "StoreOpenError";
  }
}

/**
 * Opens (creating if needed) and migrates the SQLite file; ":memory:" works for tools.
 * With `maxBytes`, the file may grow no further (SQLite's max_page_count): a write beyond
 * it fails as on a full disk.
 */
export function openDatabase(path: string, maxBytes?: number): Database.Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: false });
    // Reading the schema fails at once on a file that is not SQLite.
    db.pragma("schema_version");
  } catch (error) {
    throw new StoreOpenError(path, error instanceof Error ? error.message : String(error));
  }
  try {
    if (path !== ":memory:") db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    db.pragma("synchronous = NORMAL");
    db.pragma("busy_timeout = 5000");
    migrate(db, migrations);
    if (maxBytes !== undefined) {
      const pageSize = z.number().parse(db.pragma("page_size", { simple: true }));
      db.pragma(`max_page_count = ${Math.max(1, Math.floor(maxBytes / pageSize))}`);
    }
  } catch (error) {
    db.close();
    throw new StoreOpenError(path, error instanceof Error ? error.message : String(error));
  }
  return db;
}

/**
 * Between two tries for the write lock in retryWhileBusy. SQLite's own busy handler sleeps
 * 1, 2, 5, 10, 15… ms in turn, about as long as another ingest worker takes to store a
 * report: two workers sharing the lock took 6.0 ms to store a report where one alone takes
 * 4.5 ms, and 5.1 ms with these short tries (1,000 reports).
 */
const LOCK_RETRY_MS = 0.2;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Whether an error says another connection holds the write lock (busy_timeout 0). */
export function isLockBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code === "SQLITE_BUSY";
}

/**
 * Runs a write that takes the write lock at its start (an IMMEDIATE transaction) on a
 * connection with busy_timeout 0, trying again every LOCK_RETRY_MS while another
 * connection holds the lock, for at most `timeoutMs`. For a process that only writes (an
 * ingest worker): it sleeps between tries.
 */
export function retryWhileBusy<T>(write: () => T, timeoutMs = 5_000): T {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      return write();
    } catch (error) {
      if (!isLockBusy(error) || performance.now() > deadline) throw error;
      Atomics.wait(sleeper, 0, 0, LOCK_RETRY_MS);
    }
  }
}

/** A child process's arguments for a database's size cap (see openDatabase), and back. */
export function capArguments(maxBytes: number | undefined): string[] {
  return maxBytes === undefined ? [] : [String(maxBytes)];
}

export function capArgument(arg: string | undefined): number | undefined {
  return arg === undefined ? undefined : z.coerce.number().int().positive().parse(arg);
}

/** The first bytes of every SQLite file. */
const MAGIC = Buffer.from("SQLite format 3\0", "latin1");

/** Whether the file starts with an SQLite header: the magic string and a valid page size. */
function headerIntact(path: string): boolean {
  const header = Buffer.alloc(100);
  const fd = openSync(path, "r");
  try {
    if (readSync(fd, header, 0, header.length, 0) < header.length) return false;
  } finally {
    closeSync(fd);
  }
  const pageSize = header.readUInt16BE(16);
  return header.subarray(0, MAGIC.length).equals(MAGIC) && (pageSize === 1 || pageSize >= 512);
}

/**
 * Whether the file at `path` still reads as a database of this bot, read afresh from the
 * disk. The open connection would not notice a file overwritten under it: it serves
 * pages from its cache, so `SELECT 1`, a schema count, even `PRAGMA quick_check` pass on
 * it. A new connection reads the schema, but takes pages the WAL holds from the WAL, so
 * the file's own header is read too. About 1 ms.
 */
export function fileReadsAsDatabase(path: string): boolean {
  try {
    if (!headerIntact(path)) return false;
    const check = new Database(path, { readonly: true, fileMustExist: true });
    try {
      check.prepare("SELECT count(*) FROM sqlite_schema").get();
      // A newer release may have migrated it further; an older schema (or none) is not ours.
      return (
        z.number().parse(check.pragma("user_version", { simple: true })) >= (migrations.at(-1)?.version ?? 0)
      );
    } finally {
      check.close();
    }
  } catch {
    return false;
  }
}
