/**
 * Logs as the person at the terminal sees them: in the console chat on a terminal, one quiet
 * start line and the logs in a file; short readable lines on a terminal otherwise; JSON lines
 * for a service, a pipe or LOG_FORMAT=json; secrets masked whatever the form.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/log.ts";
import { chooseLogOutput } from "../src/log-output.ts";
import { prettyLines } from "../src/log-pretty.ts";
import { makeTestApp, SEED_REPORTS } from "./helpers/app.ts";
import { consoleTranscript } from "./helpers/console.ts";

const ROOT = join(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "report-bot-logs-"));
let app: App;
let cleanup: () => void;
beforeAll(async () => {
  ({ app, cleanup } = await makeTestApp());
});
afterAll(() => {
  cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe("where logs go", () => {
  const config = (env: Record<string, string> = {}) =>
    loadConfig({ REPORTS_DIR: SEED_REPORTS, DATABASE_PATH: "data/bot.sqlite", ...env });
  const terminal = { consoleChat: false, stdinIsTerminal: true, stderrIsTerminal: true };

  it("to a file beside the database when a person chats in the terminal, as short lines on a terminal otherwise", () => {
    expect(chooseLogOutput(config(), { ...terminal, consoleChat: true })).toEqual({
      kind: "file",
      path: join("data", "report-bot.log"),
    });
    expect(chooseLogOutput(config(), terminal)).toEqual({ kind: "pretty", colors: true });
  });

  it("as JSON lines for a service or a pipe, or when asked; to LOG_FILE when set", () => {
    const piped = { consoleChat: true, stdinIsTerminal: false, stderrIsTerminal: false };
    expect(chooseLogOutput(config(), piped)).toEqual({ kind: "json" });
    expect(chooseLogOutput(config({ LOG_FORMAT: "json" }), { ...terminal, consoleChat: true })).toEqual({
      kind: "json",
    });
    expect(chooseLogOutput(config({ LOG_FORMAT: "pretty" }), piped)).toEqual({
      kind: "pretty",
      colors: false,
    });
    expect(chooseLogOutput(config({ LOG_FILE: "/var/log/bot.log" }), terminal)).toEqual({
      kind: "file",
      path: "/var/log/bot.log",
    });
    expect(() => config({ LOG_FORMAT: "xml" })).toThrow(
      /LOG_FORMAT: got "xml", expected auto, json or pretty/,
    );
  });
});

describe("what a log line looks like", () => {
  const token = "123456789:AAEhBOweik9ai2o4gq1xKztv-ZbNa0EeXaZ";

  it("short and readable on a terminal, with secrets masked", () => {
    const lines: string[] = [];
    // Where the logger would write to stderr, the test keeps the pretty line.
    const capture = createLogger("info", [token], {
      pretty: (line) => {
        lines.push(prettyLines(false)(line));
        return "";
      },
    });
    capture.info({ platforms: ["console"], url: `https://api.telegram.org/bot${token}/getMe` }, "ready");
    expect(lines[0]).toMatch(
      /^\[\d\d:\d\d:\d\d\] INFO: ready \{"platforms":\["console"\],"url":"https:\/\/api\.telegram\.org\/bot<token>\/getMe"\}\n$/,
    );
    expect(lines[0]).not.toContain(token);
  });

  it("JSON in a file, with secrets masked", () => {
    const file = join(dir, "logs", "bot.log");
    const log = createLogger("info", [], { file });
    log.warn({ err: `fetch failed: https://api.telegram.org/bot${token}/getUpdates` }, "poll failed");
    const [line] = readFileSync(file, "utf8").trim().split("\n");
    expect(JSON.parse(line ?? "")).toMatchObject({ level: 40, msg: "poll failed" });
    expect(line).not.toContain(token);
  });
});

describe("the console chat on a terminal", () => {
  it("starts with one line: the report it reads, where the logs are, how to begin and leave", async () => {
    const shown = await consoleTranscript(app, "", { terminal: true, logFile: "data/report-bot.log" });
    expect(shown.split("\n")[0]).toBe(
      "report-bot: 正在读《忠县人民政府2021年法治政府建设年度报告》; 日志写在 data/report-bot.log。输入 /help 查看命令, 或直接提问; Ctrl-D 退出。",
    );
  });

  it("keeps stderr free of log lines when they go to LOG_FILE", () => {
    const file = join(dir, "console.log");
    const result = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      input: "/stat 公证\n",
      encoding: "utf8",
      timeout: 60_000,
      env: {
        PATH: process.env.PATH,
        REPORTS_DIR: SEED_REPORTS,
        DATABASE_PATH: join(dir, "console.sqlite"),
        LOG_FILE: file,
      },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("公证案件: 2149件");
    expect(result.stderr).toBe("");
    const messages = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages).toContain("ready");
  });
});
