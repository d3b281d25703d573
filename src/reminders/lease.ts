import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "../log.ts";
import type { Lease, Store } from "../store/index.ts";

/** The lease's name in the store. */
export const DELIVERY_LEASE = "reminders";

/** What a process is to reminder delivery after keeping its lease. */
export type LeaseState =
  /** It holds the lease, and did before. */
  | "held"
  /** It has just taken the lease: at start, or over from a process that stopped renewing it. */
  | "acquired"
  /** Another process holds it. */
  | "elsewhere";

/** A name for this process as a lease holder: host, process id, and a random part for a restart that reuses the id. */
export function newHolderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/**
 * This process's side of the delivery lease. Any number of processes may share one
 * database; the one holding the lease delivers reminders. It renews the lease as it works
 * (once a third of its time has gone by), and another process takes it when it lapses.
 * The lease runs on the wall clock, which processes on one host share: a clock stepping
 * forward may hand it over early (claims still keep a send in flight from being repeated),
 * one stepping back delays a takeover after a crash by the size of the step.
 *
 * Every change is one log line: taken, taken over, lost, standing by, released.
 */
export class DeliveryLease {
  private expiresAt = 0;
  private renewedAt = 0;
  /** The other holder last reported, so standing by is one line per holder. */
  private reportedHolder: string | null = null;

  constructor(
    private readonly leases: Store["leases"],
    readonly holder: string,
    private readonly ttlMs: number,
    private readonly log: Logger,
  ) {}

  /** Whether this process held the lease at `now`, as last renewed (no database read). */
  holds(now: number): boolean {
    return now < this.expiresAt;
  }

  /**
   * Renews the lease when a third of it has gone by, or takes it when it is free or has
   * lapsed. May throw a StorageWriteError (a full disk): the lease then runs out as if
   * this process had stopped.
   */
  keep(now: number): LeaseState {
    const held = this.holds(now);
    if (held && now >= this.renewedAt && now - this.renewedAt < this.ttlMs / 3) return "held";
    const current = this.leases.get(DELIVERY_LEASE);
    const taken = current !== null && current.holder !== this.holder && now < current.expiresAt;
    if (taken || !this.leases.acquire(DELIVERY_LEASE, this.holder, now, now + this.ttlMs)) {
      this.standBy(held, taken ? current : this.leases.get(DELIVERY_LEASE));
      return "elsewhere";
    }
    this.expiresAt = now + this.ttlMs;
    this.renewedAt = now;
    if (held) return "held";
    this.reportedHolder = null;
    if (current && current.holder !== this.holder) {
      this.log.warn(
        { holder: this.holder, from: current.holder, lapsedAt: new Date(current.expiresAt).toISOString() },
        "reminder lease taken over: the process that held it stopped renewing it; this process delivers reminders",
      );
    } else {
      this.log.info({ holder: this.holder }, "reminder lease taken: this process delivers reminders");
    }
    return "acquired";
  }

  /** Gives the lease up (at shutdown), so another process takes delivery over at once. */
  release(): void {
    this.expiresAt = 0;
    if (this.leases.release(DELIVERY_LEASE, this.holder)) {
      this.log.info({ holder: this.holder }, "reminder lease released");
    }
  }

  private standBy(wasHeld: boolean, other: Lease | null): void {
    this.expiresAt = 0;
    const holder = other?.holder ?? null;
    if (wasHeld) {
      this.log.warn({ holder }, "reminder lease lost: another process delivers reminders now");
    } else if (holder !== this.reportedHolder) {
      this.log.info({ holder }, "another process delivers reminders: standing by");
    }
    this.reportedHolder = holder;
  }
}
