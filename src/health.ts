import { createServer, type Server } from "node:http";
import type { RunningAdapter } from "./adapters/adapter.ts";
import type { App } from "./app.ts";
import { FAULT_NAMES } from "./store/index.ts";

/** What /healthz asks of a platform adapter. */
export type AdapterHealth = Pick<RunningAdapter, "connected" | "problem">;

/** Prometheus text for /metrics: answers by command, cache hits and misses, deliveries. */
export function metricsText(app: App): string {
  const { hits, misses } = app.store.cache.stats();
  const deliveries = app.store.deliveries.counts();
  const lines = [
    "# HELP reportbot_answers_total Answers given since start, by command.",
    "# TYPE reportbot_answers_total counter",
    ...[...app.dispatcher.answered].map(
      ([command, n]) => `reportbot_answers_total{command="${command.replace(/[^\w-]/g, "_")}"} ${n}`,
    ),
    "# HELP reportbot_cache_hits_total Response cache hits.",
    "# TYPE reportbot_cache_hits_total counter",
    `reportbot_cache_hits_total ${hits}`,
    "# HELP reportbot_cache_misses_total Response cache misses.",
    "# TYPE reportbot_cache_misses_total counter",
    `reportbot_cache_misses_total ${misses}`,
    "# HELP reportbot_cache_hit_ratio Share of cacheable answers served from the cache.",
    "# TYPE reportbot_cache_hit_ratio gauge",
    `reportbot_cache_hit_ratio ${hits + misses === 0 ? 0 : hits / (hits + misses)}`,
    "# HELP reportbot_reminder_lease Whether this process holds the reminder delivery lease (1) or another one does (0).",
    "# TYPE reportbot_reminder_lease gauge",
    `reportbot_reminder_lease ${app.delivery.holdsLease() ? 1 : 0}`,
    "# HELP reportbot_deliveries Reminder deliveries by status.",
    "# TYPE reportbot_deliveries gauge",
    ...Object.entries(deliveries).map(([status, n]) => `reportbot_deliveries{status="${status}"} ${n}`),
  ];
  return `${lines.join("\n")}\n`;
}

/** The body of /healthz. */
export interface HealthReport {
  /** True while the bot answers: the database reads and every platform takes updates. */
  ok: boolean;
  /** "ok", "degraded: disk full" (answers go out, nothing new is saved), or what is down. */
  status: string;
  /** Whether the database file reads as the bot's database, read from the file itself. */
  database: boolean;
  /** "ok", or why the last write failed ("disk full"). */
  writes: string;
  adapters: Record<string, boolean>;
  /**
   * Whether this process holds the reminder lease and so delivers reminders; false in every
   * other process on the same database (standing by), and without a chat platform.
   */
  deliversReminders: boolean;
}

/** The state of the bot for /healthz, checked now. */
export function healthReport(app: App, adapters: Record<string, AdapterHealth>): HealthReport {
  const database = app.store.ping();
  const fault = app.store.health.fault;
  const writes = fault ? FAULT_NAMES[fault.kind] : "ok";
  const connected = Object.fromEntries(Object.entries(adapters).map(([name, a]) => [name, a.connected()]));
  const down = [
    ...(database ? [] : ["database unreadable"]),
    ...Object.entries(adapters)
      .filter(([name]) => !connected[name])
      .map(([name, a]) => `${name}: ${a.problem?.() ?? "not connected"}`),
  ];
  const ok = down.length === 0;
  const status = !ok ? `down: ${down.join("; ")}` : fault ? `degraded: ${writes}` : "ok";
  return { ok, status, database, writes, adapters: connected, deliversReminders: app.delivery.holdsLease() };
}

/**
 * Serves /healthz (200 while the bot answers, degraded or not; else 503, saying what is
 * down) and /metrics, on loopback unless told otherwise.
 */
export function startHealthServer(
  app: App,
  port: number,
  host: string,
  adapters: Record<string, AdapterHealth>,
): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === "/healthz") {
      const report = healthReport(app, adapters);
      res.writeHead(report.ok ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify(report));
    } else if (req.url === "/metrics") {
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
      res.end(metricsText(app));
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
