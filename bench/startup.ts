import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, syncDirectory } from "../src/store/index.ts";
import { MAIN } from "./build.ts";
import { quantile, round } from "./stats.ts";

const ROOT = join(import.meta.dirname, "..");
const SEED = join(ROOT, "data", "reports", "zhongxian-2021.txt");

/**
 * Starts the bot as `npm start` does and returns the time it logs from process start to
 * "ready" or, with `until` "loaded", to the end of its background ingest ("reports in line
 * with the folder"; the bot answers before that).
 */
export function readyMs(env: Record<string, string>, until: "ready" | "loaded" = "ready"): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      // No .env of the operator's: a token in it would start a platform adapter.
      env: {
        PATH: process.env.PATH ?? "",
        DOTENV_CONFIG_PATH: join(tmpdir(), "no.env"),
        LOG_LEVEL: "info",
        ...env,
      },
      stdio: ["pipe", "ignore", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      const m = (until === "ready" ? /"readyMs":(\d+)/ : /"loadedMs":(\d+)/).exec(err);
      if (m) {
        child.stdin.end();
        resolve(Number(m[1]));
      }
    });
    child.on("exit", (code) => reject(new Error(`bot exited (${code}) before ready: ${err.slice(-500)}`)));
  });
}

/** The median of `times` start-ups, each with the settings `envFor(i)` gives. */
export async function medianReady(
  times: number,
  envFor: (i: number) => Record<string, string>,
  until: "ready" | "loaded" = "ready",
): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < times; i++) runs.push(await readyMs(envFor(i), until));
  return quantile(
    runs.sort((a, b) => a - b),
    0.5,
  );
}

/**
 * Start-up as `npm start` in console mode (no platform token): with a new database and with
 * one already built, the median of `starts` runs each; then the seed's ingest alone, in
 * this process (a library's ingest is measured by the scale benchmark).
 */
export async function benchStartup(starts: number) {
  const dir = mkdtempSync(join(tmpdir(), "report-bot-bench-"));
  try {
    const one = join(dir, "reports");
    mkdirSync(one, { recursive: true });
    copyFileSync(SEED, join(one, "zhongxian-2021.txt"));

    const db = join(dir, "bot.sqlite");
    // A new database: ready at once, the seed read in the background; timed to its end.
    const newDb = await medianReady(
      starts,
      (i) => ({
        REPORTS_DIR: one,
        DATABASE_PATH: i === 0 ? db : join(dir, `new-${i}.sqlite`),
      }),
      "loaded",
    );
    const builtDb = await medianReady(starts, () => ({ REPORTS_DIR: one, DATABASE_PATH: db }));

    const ingest = async (path: string) => {
      const store = openStore({ path, cacheMaxEntries: 1000 });
      const start = performance.now();
      await syncDirectory(store.reports, one);
      const ms = performance.now() - start;
      store.close();
      return ms;
    };
    await ingest(join(dir, "warm.sqlite")); // loads the jieba dictionary once
    return {
      ready_ms: builtDb,
      ready_new_db_ms: newDb,
      ingest_seed_ms: round(await ingest(join(dir, "seed.sqlite"))),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
