/**
 * Start-up on a library of stored reports while a new file is read in the background: the
 * bot as `npm start` runs it (console mode) on a library built beforehand, with a new
 * report of one 800 KB line without 。 added. Times "ready", the first answer about a
 * stored report asked at once (from "ready" to its answer printed), against the same with
 * nothing to read, and the end of the background ingest.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MAIN } from "./build.ts";
import { SEED, writeLibrary } from "./library.ts";
import { readyMs } from "./startup.ts";
import { round } from "./stats.ts";

/** A report whose body is one line of `chars` characters: the seed's text, its sentence ends made commas. */
export function longLineReport(chars: number): string {
  const seed = readFileSync(SEED, "utf8").replace(/[。！？!?；;\r\n]/g, "，");
  const line = seed.repeat(Math.ceil(chars / seed.length)).slice(0, chars);
  return `某县人民政府2021年法治政府建设年度报告\n一、工作情况\n${line}\n二、工作安排\n（一）继续推进。\n`;
}

interface Timings {
  ready_ms: number;
  first_answer_ms: number;
  /** From ready to the end of the background ingest: the first answer came well within it. */
  ingest_after_ready_ms: number;
}

/** One start: ready, a question at once, its answer, and the end of ingest. */
function startAndAsk(env: Record<string, string>, question: string, answerHas: string): Promise<Timings> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], {
      cwd: join(import.meta.dirname, ".."),
      env: {
        PATH: process.env.PATH ?? "",
        DOTENV_CONFIG_PATH: join(tmpdir(), "no.env"),
        LOG_LEVEL: "info",
        ...env,
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let err = "";
    let out = "";
    let readyAt = Number.NaN;
    let answeredAt = Number.NaN;
    let loadedAt = Number.NaN;
    const finish = () => {
      const ready = /"readyMs":(\d+)/.exec(err);
      if (!ready || Number.isNaN(answeredAt) || Number.isNaN(loadedAt)) return;
      child.stdin.end();
      resolve({
        ready_ms: Number(ready[1]),
        first_answer_ms: round(answeredAt - readyAt),
        ingest_after_ready_ms: Math.max(0, Math.round(loadedAt - readyAt)),
      });
    };
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      if (Number.isNaN(readyAt) && /"msg":"ready"/.test(err)) {
        readyAt = performance.now();
        child.stdin.write(`${question}\n`);
      }
      if (Number.isNaN(loadedAt) && /"msg":"reports in line with the folder"/.test(err))
        loadedAt = performance.now();
      finish();
    });
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (Number.isNaN(answeredAt) && out.includes(answerHas)) answeredAt = performance.now();
      finish();
    });
    child.on("exit", (code) => reject(new Error(`bot exited (${code}) early: ${err.slice(-500)}`)));
  });
}

/**
 * A library of `size` reports built by a start that read them all, then a start with an
 * 800 KB-line report added: what `npm start` shows while that file is read.
 */
export async function benchAnswerWhileIngesting(size: number): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), "report-bot-ingesting-"));
  try {
    const library = join(dir, "reports");
    writeLibrary(library, size);
    const env = { REPORTS_DIR: library, DATABASE_PATH: join(dir, "bot.sqlite") };
    await readyMs(env, "loaded");
    // The same first answer with nothing to read: its own cost (a report index built, the
    // segmentation dictionary loaded), which the background ingest should not add to.
    const idle = await startAndAsk(env, "/stat 法律援助", "1114件");
    writeFileSync(join(library, "long-line.txt"), longLineReport(800_000));
    const t = await startAndAsk(env, "/stat 法律援助", "1114件");
    return {
      [`first_answer_idle_${size}_ms`]: idle.first_answer_ms,
      [`ready_while_ingesting_${size}_ms`]: t.ready_ms,
      [`first_answer_while_ingesting_${size}_ms`]: t.first_answer_ms,
      [`ingest_after_ready_${size}_ms`]: t.ingest_after_ready_ms,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
