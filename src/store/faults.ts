/**
 * Storage trouble as values. The store has no logger: it records what went wrong in a
 * StorageHealth, which the app listens to (and logs) and /healthz reads. A write that can
 * be done without (the response cache) is skipped; a write that matters (a subscription,
 * a chat's setting) fails as a StorageWriteError that the dispatcher answers politely.
 */
import Database from "better-sqlite3";

/** What kind of trouble SQLite reported. */
export type StorageFaultKind = "full" | "readonly" | "io" | "damaged" | "busy";

export interface StorageFault {
  kind: StorageFaultKind;
  /** SQLite's result code: SQLITE_FULL, SQLITE_IOERR_WRITE… */
  code: string;
  /** SQLite's message: "database or disk is full". */
  message: string;
  /** What was being read or written: "response cache", "subscriptions". */
  during: string;
  /** Whether the work was skipped without harm (a cache write) rather than refused. */
  skipped: boolean;
}

/** A change of the storage's state, for whoever logs it. */
export type StorageEvent =
  | { type: "failed"; fault: StorageFault }
  | { type: "recovered"; fault: StorageFault };

/** How each kind is named in /healthz ("degraded: disk full"). */
export const FAULT_NAMES: Record<StorageFaultKind, string> = {
  full: "disk full",
  readonly: "database read-only",
  io: "disk I/O error",
  damaged: "database file damaged",
  busy: "database locked by another process",
};

// Extended codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED…) start with their primary code.
const KINDS: [prefix: string, kind: StorageFaultKind][] = [
  ["SQLITE_FULL", "full"],
  ["SQLITE_READONLY", "readonly"],
  ["SQLITE_IOERR", "io"],
  ["SQLITE_CANTOPEN", "io"],
  ["SQLITE_CORRUPT", "damaged"],
  ["SQLITE_NOTADB", "damaged"],
  ["SQLITE_BUSY", "busy"],
  ["SQLITE_LOCKED", "busy"],
];

/** The storage fault an error stands for, or null when it is not one (a bug, a constraint). */
export function storageFaultOf(error: unknown, during: string, skipped: boolean): StorageFault | null {
  if (!(error instanceof Database.SqliteError)) return null;
  const kind = KINDS.find(([prefix]) => error.code.startsWith(prefix))?.[1];
  return kind ? { kind, code: error.code, message: error.message, during, skipped } : null;
}

/**
 * What a storage fault meant for one report file, as the file's problem ("reports/a.txt:
 * database or disk is full (SQLITE_FULL)"), or null when the error is no storage fault.
 */
export function fileStorageProblem(file: string, error: unknown): string | null {
  const fault = storageFaultOf(error, "reports", false);
  return fault ? `${file}: ${fault.message} (${fault.code})` : null;
}

/** A write that matters was refused by the storage: nothing was saved. */
export class StorageWriteError extends Error {
  /** SQLite's code, as on the error it replaces. */
  readonly code: string;

  constructor(
    readonly fault: StorageFault,
    cause: unknown,
  ) {
    super(`${fault.during} not saved: ${fault.message} (${fault.code})`, { cause });
    this.name = "StorageWriteError";
    this.code = fault.code;
  }
}

/**
 * Whether the database takes writes, as the last write found. Each kind of work that
 * fails is reported once until a write works again, so a full disk is one log line per
 * kind of work, not one per answer.
 */
export class StorageHealth {
  private current: StorageFault | null = null;
  private readonly reported = new Set<string>();
  private readonly listeners = new Set<(event: StorageEvent) => void>();

  /** The trouble the last failed write met, while writes keep failing; null once one works. */
  get fault(): StorageFault | null {
    return this.current;
  }

  /** Calls `listener` on each change; returns a function that stops it. */
  onChange(listener: (event: StorageEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  failed(fault: StorageFault): void {
    this.current = fault;
    if (this.reported.has(fault.during)) return;
    this.reported.add(fault.during);
    this.emit({ type: "failed", fault });
  }

  worked(): void {
    const fault = this.current;
    if (fault === null) return;
    this.current = null;
    this.reported.clear();
    this.emit({ type: "recovered", fault });
  }

  private emit(event: StorageEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** Kinds that only a write can meet: reads go on, so a refusal names what was not saved. */
const WRITE_KINDS: ReadonlySet<StorageFaultKind> = new Set(["full", "readonly"]);

/**
 * The repository with every method guarded: a write the storage refuses (disk full,
 * read-only) is recorded in `health` and thrown as a StorageWriteError naming `what`.
 * Other errors pass as they are. The repository's own code stays plain SQL.
 */
export function guardWrites<T extends object>(repository: T, what: string, health: StorageHealth): T {
  const guarded = new Map<PropertyKey, unknown>();
  return new Proxy(repository, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== "function") return value;
      let wrapper = guarded.get(property);
      if (wrapper === undefined) {
        wrapper = (...args: unknown[]) => {
          try {
            return value.apply(target, args);
          } catch (error) {
            const fault = storageFaultOf(error, what, false);
            if (!fault || !WRITE_KINDS.has(fault.kind)) throw error;
            health.failed(fault);
            throw new StorageWriteError(fault, error);
          }
        };
        guarded.set(property, wrapper);
      }
      return wrapper;
    },
  });
}
