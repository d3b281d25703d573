/**
 * Bots under test as child processes: report-bot as `npm start` runs it (the build), or a
 * bare framework bot from bench/bots, compiled the same way (bench/build.ts). A bot in its
 * own process is measured as it runs in production, and its event loop is not shared with
 * the fake it talks to.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BARE_BOTS, MAIN } from "./build.ts";

const ROOT = join(import.meta.dirname, "..");
const SEED_REPORTS = join(ROOT, "data", "reports");

/** A new temporary folder holding a copy of the seed reports in reports/. */
export function benchFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "report-bot-bench-"));
  cpSync(SEED_REPORTS, join(dir, "reports"), { recursive: true });
  return dir;
}

/** A bot process that said it is ready. */
export interface BotProcess {
  pid: number;
  /** The folder holding its database (report-bot only). */
  dir: string | null;
  /** The line that said it was ready (report-bot's holds readyMs: process start → ready). */
  readyLine: string;
  /** Its resident set size now, in MB (from /proc). */
  rssMb(): number;
  /** The highest resident set size it has had, in MB. */
  peakRssMb(): number;
  /** Stops it with SIGTERM (SIGKILL after 5 s) and removes its folder. */
  stop(): Promise<void>;
}

/** A memory figure of a process from /proc/PID/status (VmRSS now, VmHWM the peak), in MB. */
function memoryOf(pid: number, field: "VmRSS" | "VmHWM"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, "m").exec(status)?.[1];
  if (kb === undefined) throw new Error(`no ${field} for process ${pid}`);
  return Number(kb) / 1024;
}

function startProcess(
  script: string,
  env: Record<string, string>,
  isReady: (line: string) => boolean,
  dir: string | null,
  nodeArgs: readonly string[] = [],
): Promise<BotProcess> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, script], {
    cwd: ROOT,
    // No .env of the operator's: a real token in it must never reach a benchmark.
    env: {
      PATH: process.env.PATH ?? "",
      DOTENV_CONFIG_PATH: join(tmpdir(), "report-bot-bench-no.env"),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let tail = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    let ready = false;
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      if (ready) return; // later output is read and dropped, so the pipe never fills
      tail = (tail + text).slice(-4000);
      const readyLine = tail.split("\n").find(isReady);
      if (readyLine === undefined) return;
      ready = true;
      const pid = child.pid;
      if (pid === undefined) return reject(new Error(`${script}: no pid`));
      resolve({
        pid,
        dir,
        readyLine,
        rssMb: () => memoryOf(pid, "VmRSS"),
        peakRssMb: () => memoryOf(pid, "VmHWM"),
        stop,
      });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      if (!ready) reject(new Error(`${script} exited (${code}) before it was ready:\n${tail.slice(-1500)}`));
    });
  });
}

/**
 * Starts report-bot (the build) on a fresh database built from the seed report, with the
 * given platform settings (tokens, API roots); resolves once it logs "ready". `nodeArgs`
 * go to node (e.g. --cpu-prof, to see where the time of an end-to-end run goes).
 */
export function startReportBot(
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): Promise<BotProcess> {
  const dir = benchFolder();
  return startProcess(
    MAIN,
    { REPORTS_DIR: join(dir, "reports"), DATABASE_PATH: join(dir, "bot.sqlite"), LOG_LEVEL: "info", ...env },
    (line) => line.includes('"msg":"ready"'),
    dir,
    nodeArgs,
  );
}

/** Starts a bare framework bot from bench/bots; resolves once it writes "ready". */
export function startBareBot(
  name: "bare-telegram" | "bare-discord",
  token: string,
  apiRoot: string,
  nodeArgs: readonly string[] = [],
) {
  return startProcess(
    join(BARE_BOTS, `${name}.js`),
    { BENCH_TOKEN: token, BENCH_API_ROOT: apiRoot },
    (line) => line.trim() === "ready",
    null,
    nodeArgs,
  );
}
