import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, syncDirectory } from "../src/store/index.ts";
import { round } from "./stats.ts";

const ROOT = join(import.meta.dirname, "..");
const SEED = join(ROOT, "data", "reports", "zhongxian-2021.txt");

/** Starts the bot as `npm start` does and returns the ready time it logs (process start → ready). */
function readyMs(env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "info", ...env },
      stdio: ["pipe", "ignore", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      const m = /"readyMs":(\d+)/.exec(err);
      if (m) {
        child.stdin.end();
        resolve(Number(m[1]));
      }
    });
    child.on("exit", (code) => reject(new Error(`bot exited (${code}) before ready: ${err.slice(-500)}`)));
  });
}

export async function benchStartup(copies: number) {
  const dir = mkdtempSync(join(tmpdir(), "report-bot-bench-"));
  try {
    const reports = join(dir, "reports");
    const one = join(reports, "one");
    const many = join(reports, "many");
    for (const d of [one, many]) mkdirSync(d, { recursive: true });
    copyFileSync(SEED, join(one, "zhongxian-2021.txt"));
    for (let i = 0; i < copies; i++)
      copyFileSync(SEED, join(many, `county-${String(i).padStart(3, "0")}.txt`));

    const db = join(dir, "bot.sqlite");
    const newDb = await readyMs({ REPORTS_DIR: one, DATABASE_PATH: db });
    const builtDb = await readyMs({ REPORTS_DIR: one, DATABASE_PATH: db });

    // Ingest alone, in this process: one report, then many.
    const ingest = (folder: string, path: string) => {
      const store = openStore({ path, cacheMaxEntries: 1000 });
      const start = performance.now();
      syncDirectory(store.reports, folder);
      const ms = performance.now() - start;
      store.close();
      return ms;
    };
    ingest(one, join(dir, "warm.sqlite")); // loads the jieba dictionary once
    const ingestOne = ingest(one, join(dir, "one.sqlite"));
    const ingestMany = ingest(many, join(dir, "many.sqlite"));
    return {
      ready_ms: builtDb,
      ready_new_db_ms: newDb,
      ingest_seed_ms: round(ingestOne),
      [`ingest_${copies}_copies_ms`]: round(ingestMany),
      ingest_per_report_ms: round(ingestMany / copies),
      database_bytes_50: statSync(join(dir, "many.sqlite")).size,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
