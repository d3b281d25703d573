import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
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

/** Opens (creating if needed) and migrates the SQLite file; ":memory:" works for tools. */
export function openDatabase(path: string): Database.Database {
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
  } catch (error) {
    db.close();
    throw new StoreOpenError(path, error instanceof Error ? error.message : String(error));
  }
  return db;
}
