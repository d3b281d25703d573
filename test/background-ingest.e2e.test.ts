/**
 * Ingest never blocks answering. In process: a new database is ready before its first
 * report is stored and asks for patience until then; a changed report is served in its
 * stored version until the new one is stored. As an operator sees it: the real process
 * (console mode) started on a library already stored, with a new report file of one 800 KB
 * line without 。 in the folder, logs "ready" and answers about the stored report while
 * that file is still being read, tells a question about the new report to wait, and serves
 * it once read.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import { createApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/log.ts";
import { SEED_REPORTS } from "./helpers/app.ts";
import { capturingLogger } from "./helpers/log.ts";

const ROOT = join(import.meta.dirname, "..");

let dir: string;
let bot: ChildProcess | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "report-bot-background-"));
  cpSync(SEED_REPORTS, join(dir, "reports"), { recursive: true });
});
afterEach(async () => {
  if (bot && bot.exitCode === null) {
    const gone = new Promise((resolve) => bot?.once("exit", resolve));
    bot.kill("SIGKILL");
    await gone;
  }
  rmSync(dir, { recursive: true, force: true });
});

/** A report whose body is one line of `chars` characters without 。: the seed's text, its sentence ends made commas. */
function longLineReport(chars: number): string {
  const seed = readFileSync(join(SEED_REPORTS, "zhongxian-2021.txt"), "utf8").replace(
    /[。！？!?；;\r\n]/g,
    "，",
  );
  const line = seed.repeat(Math.ceil(chars / seed.length)).slice(0, chars);
  return `某县人民政府2021年法治政府建设年度报告\n一、工作情况\n${line}\n二、工作安排\n（一）继续推进。\n`;
}

/** What the process wrote, in order, each chunk with the stream it came on. */
interface Output {
  events: { stream: "out" | "err"; text: string }[];
  /** Resolves once everything written so far matches `pattern`; the index of that event. */
  waitFor(stream: "out" | "err", pattern: RegExp, timeoutMs?: number): Promise<number>;
}

function record(child: ChildProcess): Output {
  const events: Output["events"] = [];
  const text = (stream: "out" | "err") =>
    events
      .filter((e) => e.stream === stream)
      .map((e) => e.text)
      .join("");
  child.stdout?.on("data", (chunk: Buffer) => events.push({ stream: "out", text: chunk.toString("utf8") }));
  child.stderr?.on("data", (chunk: Buffer) => events.push({ stream: "err", text: chunk.toString("utf8") }));
  return {
    events,
    async waitFor(stream, pattern, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(text(stream))) {
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`never saw ${pattern} on std${stream}: ${text(stream).slice(-800)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return events.length - 1;
    },
  };
}

describe("a new database", () => {
  it("is ready before its first report is stored, and asks for patience until then", async () => {
    // Over 256 KB: parsed in a child process, which takes a second to start.
    rmSync(join(dir, "reports", "zhongxian-2021.txt"));
    writeFileSync(join(dir, "reports", "long-line.txt"), longLineReport(300_000));
    const { log, lines } = capturingLogger();
    const app = await createApp(
      loadConfig({ REPORTS_DIR: join(dir, "reports"), DATABASE_PATH: join(dir, "bot.sqlite") }),
      log,
    );
    try {
      const early = await app.dispatcher.handleLine("/toc", CONSOLE_CHAT);
      expect(early.error).toMatchObject({ code: "no_report", message: "报告正在载入, 请稍候再试。" });
      expect((await app.dispatcher.handleLine("/report", CONSOLE_CHAT)).text).toContain("报告正在载入");
      await app.loaded();
      expect((await app.dispatcher.handleLine("/toc", CONSOLE_CHAT)).ok).toBe(true);
      expect(lines.map((l) => l.msg)).not.toContain("no report loaded");
    } finally {
      app.close();
    }
  }, 60_000);
});

describe("a changed report file", () => {
  it("is served in its stored version until the new one is stored", async () => {
    const config = loadConfig({ REPORTS_DIR: join(dir, "reports"), DATABASE_PATH: join(dir, "bot.sqlite") });
    const first = await createApp(config, createLogger("silent"));
    await first.loaded();
    first.close();
    // Grown past 256 KB: read in a child process, which takes a second to start.
    const file = join(dir, "reports", "zhongxian-2021.txt");
    writeFileSync(file, `${readFileSync(file, "utf8")}\n${longLineReport(300_000)}`);
    const app = await createApp(config, createLogger("silent"));
    try {
      expect(app.knowledge.isLoading("zhongxian-2021")).toBe(true);
      const before = await app.dispatcher.handleLine("/stat 法律援助", CONSOLE_CHAT);
      expect(before.text).toContain("1114件");
      expect(before.report?.version).toBe(1);
      await app.loaded();
      expect(app.knowledge.isLoading("zhongxian-2021")).toBe(false);
      expect((await app.dispatcher.handleLine("/stat 法律援助", CONSOLE_CHAT)).report?.version).toBe(2);
    } finally {
      app.close();
    }
  }, 60_000);
});

describe("a new report file read in the background", () => {
  it("is ready and answers from the stored reports before the file is read, then serves it", async () => {
    const env = { REPORTS_DIR: join(dir, "reports"), DATABASE_PATH: join(dir, "bot.sqlite") };
    const setup = await createApp(loadConfig(env), createLogger("silent"));
    await setup.loaded();
    setup.close();
    writeFileSync(join(dir, "reports", "long-line.txt"), longLineReport(800_000));

    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOG_LEVEL: "info", ...env },
    });
    bot = child;
    const output = record(child);
    const ready = await output.waitFor("err", /"msg":"ready"/);
    child.stdin?.write("/stat 法律援助\n");
    const answered = await output.waitFor("out", /1114件/);
    child.stdin?.write("/report long-line\n");
    const toldToWait = await output.waitFor("out", /报告“long-line”正在载入, 请稍候再试。/);
    const read = await output.waitFor("err", /"report":"long-line","outcome":"new"/);
    const inLine = await output.waitFor("err", /"msg":"reports in line with the folder"/);
    // Ready and both answers came before the file was read.
    expect(ready).toBeLessThan(read);
    expect(answered).toBeLessThan(read);
    expect(toldToWait).toBeLessThan(read);
    expect(read).toBeLessThanOrEqual(inLine);

    child.stdin?.write("/report long-line\n");
    await output.waitFor("out", /本聊天现在使用: 某县人民政府2021年法治政府建设年度报告/);
    // Its figures are ranked in time linear in the length of its one sentence.
    child.stdin?.write("/stat 法律援助\n");
    await output.waitFor("out", /本聊天现在使用[\s\S]*1114件/);
    child.stdin?.end();
    await new Promise((resolve) => child.once("exit", resolve));
  }, 120_000);
});
