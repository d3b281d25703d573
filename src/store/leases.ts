import type Database from "better-sqlite3";
import { z } from "zod";

/** Who holds a lease, until when (UTC ms), and since when. */
export interface Lease {
  holder: string;
  expiresAt: number;
  acquiredAt: number;
}

const leaseRow = z.object({ holder: z.string(), expires_at: z.number(), acquired_at: z.number() });

/**
 * Leases in SQLite: a named right that one process holds at a time, for as long as it keeps
 * renewing it. Taking one is a single statement, so two processes trying at once cannot
 * both succeed: SQLite runs one write at a time, and the second finds the row taken.
 */
export class LeaseRepository {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      get: db.prepare("SELECT holder, expires_at, acquired_at FROM leases WHERE name = ?"),
      // Inserted when free; renewed by its holder; taken over once lapsed. acquired_at stays
      // while the same holder renews.
      acquire: db.prepare(
        `INSERT INTO leases (name, holder, expires_at, acquired_at) VALUES (@name, @holder, @expiresAt, @now)
         ON CONFLICT (name) DO UPDATE SET
           holder = excluded.holder,
           expires_at = excluded.expires_at,
           acquired_at = CASE WHEN leases.holder = excluded.holder THEN leases.acquired_at ELSE excluded.acquired_at END
         WHERE leases.holder = excluded.holder OR leases.expires_at <= @now`,
      ),
      release: db.prepare("DELETE FROM leases WHERE name = ? AND holder = ?"),
    };
  }

  /** The lease as stored, lapsed or not; null when nobody holds it. */
  get(name: string): Lease | null {
    const row = this.s.get.get(name);
    if (row === undefined) return null;
    const r = leaseRow.parse(row);
    return { holder: r.holder, expiresAt: r.expires_at, acquiredAt: r.acquired_at };
  }

  /**
   * Takes the lease for `holder` until `expiresAt` when it is free, lapsed at `now`, or
   * already the holder's (a renewal). False when another holder's lease still runs.
   */
  acquire(name: string, holder: string, now: number, expiresAt: number): boolean {
    return this.s.acquire.run({ name, holder, now, expiresAt }).changes === 1;
  }

  /** Gives the lease up, if `holder` still holds it, so another may take it at once. */
  release(name: string, holder: string): boolean {
    return this.s.release.run(name, holder).changes === 1;
  }
}
