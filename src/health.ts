import { createServer, type Server } from "node:http";
import type { App } from "./app.ts";

/** Whether a platform adapter is connected, for /healthz. */
export type ConnectionCheck = () => boolean;

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
    "# HELP reportbot_deliveries Reminder deliveries by status.",
    "# TYPE reportbot_deliveries gauge",
    ...Object.entries(deliveries).map(([status, n]) => `reportbot_deliveries{status="${status}"} ${n}`),
  ];
  return `${lines.join("\n")}\n`;
}

/**
 * Serves /healthz (200 when every adapter is connected and the database answers, else 503)
 * and /metrics, on loopback unless told otherwise.
 */
export function startHealthServer(
  app: App,
  port: number,
  host: string,
  connections: Record<string, ConnectionCheck>,
): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === "/healthz") {
      const adapters = Object.fromEntries(
        Object.entries(connections).map(([name, check]) => [name, check()]),
      );
      const database = app.store.ping();
      const healthy = database && Object.values(adapters).every(Boolean);
      res.writeHead(healthy ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: healthy, database, adapters }));
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
