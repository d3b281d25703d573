import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * Starts a worker thread running one of the store's modules (`name`, without extension).
 * The build runs its compiled JavaScript; from source (tests, `npm run dev`) the worker
 * loads TypeScript through tsx, as its parent does.
 */
export function startWorker(name: string, options: WorkerOptions = {}): Worker {
  const fromSource = import.meta.url.endsWith(".ts");
  const entry = new URL(`./${name}${fromSource ? ".ts" : ".js"}`, import.meta.url);
  if (!fromSource) return new Worker(entry, options);
  const tsx = import.meta.resolve("tsx/esm/api");
  return new Worker(
    `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`,
    { ...options, eval: true },
  );
}
