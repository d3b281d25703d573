import { dirname, join } from "node:path";
import { Charts } from "./chart/index.ts";
import { Dispatcher } from "./command/dispatch.ts";
import { FloodGuard } from "./command/rate-limit.ts";
import { loadRegistry, type Registry } from "./command/registry.ts";
import type { Config } from "./config.ts";
import { describeError, type Logger } from "./log.ts";
import { Knowledge } from "./query/knowledge.ts";
import { DeliveryLoop } from "./reminders/delivery.ts";
import { DEFAULT_REMINDER_OPTIONS, type ReminderOptions } from "./reminders/options.ts";
import { Subscriptions } from "./reminders/subscriptions.ts";
import { type IngestResult, openStore, type StorageEvent, type Store, startSync } from "./store/index.ts";

const CACHE_FLUSH_MS = 5_000;
/** How often the store looks whether the bot is idle enough to copy its log (see QuietCheckpoints). */
const IDLE_CHECK_MS = 1_000;

/** The platform-neutral bot: store, knowledge, commands. Adapters are attached to it. */
export interface App {
  config: Config;
  log: Logger;
  store: Store;
  knowledge: Knowledge;
  registry: Registry;
  dispatcher: Dispatcher;
  /** Chats' reminder subscriptions, as commands manage them. */
  subscriptions: Subscriptions;
  /** Sends the reminders that come due through the attached platforms. */
  delivery: DeliveryLoop;
  /** Per-user and per-chat flood limits, shared by the chat platforms. */
  floods: FloodGuard;
  /**
   * Resolves when the new and changed report files, read in the background after start,
   * are all stored (or failed, each logged).
   */
  loaded(): Promise<void>;
  close(): void;
}

/**
 * Opens the database, loads the commands and brings the reports in line with REPORTS_DIR:
 * the reports stored are served at once, new and changed files are read in the background.
 */
export async function createApp(
  config: Config,
  log: Logger,
  /** The reminders' clock; tests move a fake one. */
  now: () => number = Date.now,
): Promise<App> {
  const store = openStore({
    path: config.DATABASE_PATH,
    cacheMaxEntries: config.CACHE_MAX_ENTRIES,
    ...(config.DATABASE_MAX_MB ? { maxBytes: Math.floor(config.DATABASE_MAX_MB * 1024 * 1024) } : {}),
  });
  store.health.onChange((event) => logStorage(log, event));
  try {
    const knowledge = new Knowledge(store, {
      defaultReportId: config.DEFAULT_REPORT,
      indexesKept: config.REPORTS_IN_MEMORY,
    });
    const stopIngest = new AbortController();
    const ingest = loadReports(store, knowledge, config, log, stopIngest.signal);
    // Answers depend on the code as well as the report, and a start may bring new code: the
    // answers a previous process kept are dropped rather than served in an old form (on a
    // full disk they are left unserved, and the bot starts on what is stored).
    store.cache.clear();
    const registry = await loadRegistry();
    const reminderOptions: ReminderOptions = {
      ...DEFAULT_REMINDER_OPTIONS,
      minIntervalSeconds: config.REMINDER_MIN_INTERVAL_S,
      graceSeconds: config.REMINDER_GRACE_S,
      leaseSeconds: config.REMINDER_LEASE_S,
      defaultTimezone: config.DEFAULT_TIMEZONE,
    };
    const subscriptions = new Subscriptions(store, knowledge, log, reminderOptions, now);
    const delivery = new DeliveryLoop(store, knowledge, log, reminderOptions, now);
    const charts = new Charts(config.CHART_DIR ?? join(dirname(config.DATABASE_PATH), "charts"), (error) =>
      log.warn({ err: describeError(error) }, "chart not drawn: its file could not be written"),
    );
    const dispatcher = new Dispatcher(registry, { knowledge, cache: store.cache, subscriptions, charts });
    const floods = new FloodGuard({
      perUser: config.RATE_LIMIT_PER_USER,
      perChat: config.RATE_LIMIT_PER_CHAT,
      windowMs: config.RATE_LIMIT_WINDOW_S * 1000,
    });
    // Cache hit counts are kept in memory and written behind (see ResponseCache). Nothing
    // thrown in a timer may end the process: a failed flush is logged and tried again.
    const flush = () => {
      try {
        store.cache.flush();
      } catch (error) {
        log.error({ err: describeError(error) }, "response cache counts not written");
      }
    };
    const flushTimer = setInterval(flush, CACHE_FLUSH_MS);
    flushTimer.unref();
    let readingReports = true;
    void ingest.finally(() => {
      readingReports = false;
    });
    const checkpointTimer = setInterval(() => {
      try {
        store.checkpointIfIdle(readingReports);
      } catch (error) {
        log.error({ err: describeError(error) }, "database log not checkpointed");
      }
    }, IDLE_CHECK_MS);
    checkpointTimer.unref();
    const close = () => {
      stopIngest.abort();
      clearInterval(flushTimer);
      clearInterval(checkpointTimer);
      flush();
      store.close();
    };
    return {
      config,
      log,
      store,
      knowledge,
      registry,
      dispatcher,
      subscriptions,
      delivery,
      floods,
      loaded: () => ingest,
      close,
    };
  } catch (error) {
    store.close();
    throw error;
  }
}

/** Files read in one go up to which each report read gets its own info line. */
const READY_LINES_MAX = 20;

/**
 * Brings the store in line with the reports folder (see startSync): what needs no parsing
 * now, with its log lines; the new and changed files in the background, each logged as it
 * is stored, their ids meanwhile in `knowledge`'s loading set so a question about one is
 * told to wait. The promise never rejects: a failure is logged, and the stored versions
 * are served.
 */
function loadReports(
  store: Store,
  knowledge: Knowledge,
  config: Config,
  log: Logger,
  signal: AbortSignal,
): Promise<void> {
  const syncStart = performance.now();
  const count = { new: 0, updated: 0, unchanged: 0, failed: 0 };
  // Set as soon as the files to read are known: a large batch logs its reports at debug.
  let readyLevel: "info" | "debug" = "info";
  const logResult = (r: IngestResult) => {
    count[r.outcome]++;
    if (r.outcome !== "failed") {
      if (r.outcome !== "unchanged")
        log[readyLevel]({ report: r.id, outcome: r.outcome, version: r.version }, "report ready");
    } else if (r.kept !== undefined) {
      log.warn(
        { report: r.id, file: r.file, version: r.kept },
        `report not updated, version ${r.kept} still served: ${r.error}`,
      );
    } else log.warn({ file: r.file }, `report not loaded: ${r.error}`);
  };
  const sync = startSync(store.reports, config.REPORTS_DIR, {
    maxFileBytes: Math.floor(config.REPORT_MAX_MB * 1024 * 1024),
    signal,
    onParsed: (r) => {
      knowledge.doneLoading(r.id);
      logResult(r);
    },
  });
  // A few new files are each worth a line; a new library of hundreds is summed up in the
  // line that ends the reading (those lines cost the bot ~0.3 s of CPU at 1,000 reports).
  if (sync.parsing.length > READY_LINES_MAX) readyLevel = "debug";
  // A line per report read; the unchanged ones, which may be a thousand, only counted.
  for (const r of sync.results) logResult(r);
  if (sync.keptLibrary) {
    const { folder, reports } = sync.keptLibrary;
    log.warn(
      { dir: config.REPORTS_DIR, reports },
      `the reports folder is ${folder}: the ${reports === 1 ? "report" : `${reports} reports`} stored ${reports === 1 ? "is" : "are"} kept and served (is its volume mounted?)`,
    );
  }
  for (const id of sync.removed) log.info({ report: id }, "report removed: its file is gone");
  for (const { id, error } of sync.notRemoved)
    log.warn({ report: id }, `report not removed, still served, though its file is gone: ${error}`);
  knowledge.startLoading(sync.parsing.map((f) => f.id));
  if (sync.parsing.length > 0)
    log.info(
      { files: sync.parsing.length, childProcesses: sync.parsers },
      "reading new and changed report files in the background",
    );
  // Reports a previous process stored without their full-text index.
  const indexInBackground = () =>
    store.indexInBackground((error) => log.error(`the background indexer stopped: ${describeError(error)}`));
  indexInBackground();
  return sync.finished
    .then(
      () => {
        if (signal.aborted) return;
        log.info(
          {
            ...count,
            removed: sync.removed.length,
            ms: Math.round(performance.now() - syncStart),
            loadedMs: Math.round(process.uptime() * 1000),
          },
          "reports in line with the folder",
        );
        if (store.reports.list().length === 0) log.warn({ dir: config.REPORTS_DIR }, "no report loaded");
        indexInBackground();
      },
      (error: unknown) => {
        log.error(`reading the report files stopped: ${describeError(error)}; the reports stored are served`);
      },
    )
    .finally(() => knowledge.doneLoading());
}

/** One line per change of the storage: the first failure of each kind of work, and the recovery. */
function logStorage(log: Logger, event: StorageEvent): void {
  const { fault } = event;
  if (event.type === "recovered") {
    log.info({ after: fault.code }, "database writes work again");
  } else if (fault.skipped) {
    log.warn(
      { code: fault.code, during: fault.during },
      `${fault.during} skipped: ${fault.message} (${fault.code}); answers go out without it until writes work again`,
    );
  } else {
    log.error(
      { code: fault.code, during: fault.during },
      `${fault.during} not saved: ${fault.message} (${fault.code})`,
    );
  }
}
