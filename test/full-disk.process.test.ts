/**
 * A full disk as an operator meets it: the database on a 600 KiB tmpfs, `npm start` in
 * console mode answering questions until the disk is full, then kept running past the
 * cache flush, stopped, and started again on the full disk. Needs root to mount the
 * tmpfs (full-disk.test.ts simulates the same without it).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SEED_REPORTS } from "./helpers/app.ts";
import { canMountTmpfs, Tmpfs } from "./helpers/tmpfs.ts";

const ROOT = join(import.meta.dirname, "..");
const APOLOGY = "抱歉";

let disk: Tmpfs;
let bot: ChildProcess | undefined;
beforeEach(() => {
  if (canMountTmpfs) disk = Tmpfs.mount(600);
});
afterEach(async () => {
  if (bot && bot.exitCode === null) {
    const gone = new Promise((resolve) => bot?.once("exit", resolve));
    bot.kill("SIGKILL");
    await gone;
  }
  disk?.unmount();
});

function botEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    DATABASE_PATH: join(disk.path, "bot.sqlite"),
    REPORTS_DIR: SEED_REPORTS,
    LOG_LEVEL: "warn",
  };
}

/**
 * The answers the console printed: each found answer ends with its source line (then the
 * line of its buttons, left out here), each failure is the apology.
 */
function answersIn(stdout: string): string[] {
  return stdout
    .replace(/^按钮: .*$/gm, "")
    .split(/(?<=^(?:来源: .*|抱歉.*)$)/m)
    .filter((a) => a.trim() !== "");
}

describe.runIf(canMountTmpfs)("the bot on a disk that fills up", () => {
  it("keeps answering, survives the cache flush, stops cleanly and starts again on the full disk", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: ROOT, env: botEnv() });
    bot = child;
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const questions = [
      ...["调解", "公证", "复议", "执法", "案件", "培训", "宣传", "信访", "社区", "律师"].flatMap((w) => [
        `/stat ${w}`,
        `/search ${w}`,
      ]),
      // Enough new answers to fill what the disk has left (they are written in batches).
      ...Array.from({ length: 600 }, (_, i) => `/search 填满磁盘${i}`),
      "/stat 法律援助",
    ];
    child.stdin.write(`${questions.join("\n")}\n`);
    const deadline = Date.now() + 60_000;
    while (answersIn(stdout).length < questions.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const answers = answersIn(stdout);
    expect(answers).toHaveLength(questions.length);
    expect(answers.filter((a) => a.includes(APOLOGY))).toEqual([]);
    expect(answers.at(-1)).toContain("1114件");

    // New answers and the hit counts are written behind every 5 s: the flush meets the full
    // disk (its transaction is refused whole, so the log, not the free space, tells).
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(child.exitCode).toBeNull();
    child.stdin.end();
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/"msg":"response cache skipped: database or disk is full \(SQLITE_FULL\)/);

    const again = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env: botEnv(),
      input: "/stat 法律援助\n/stat 调解\n",
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(again.status).toBe(0);
    const restarted = answersIn(again.stdout);
    expect(restarted).toHaveLength(2);
    expect(restarted[0]).toContain("1114件");
    expect(restarted.join("")).not.toContain(APOLOGY);
  }, 90_000);
});
