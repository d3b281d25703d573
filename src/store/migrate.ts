import type Database from "better-sqlite3";

/** One forward-only schema step; `version` is what PRAGMA user_version becomes. */
export interface Migration {
  version: number;
  sql: string;
}

/** Applies the migrations newer than the database, each in its own transaction. */
export function migrate(db: Database.Database, migrations: Migration[]): number {
  const current = db.pragma("user_version", { simple: true }) as number;
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db.pragma("user_version", { simple: true }) as number;
}
