/**
 * The real process (`node --import tsx src/main.ts`, as npm start runs it) with both bot
 * tokens, debug logging, and the fake Telegram and Discord on 127.0.0.1 failing in the ways
 * the network fails: server errors, cut connections, a dropped gateway. Whatever happens,
 * neither token appears anywhere in what the process writes, from start-up to SIGTERM; nor
 * when start-up fails, nor when a token is pasted into the wrong setting.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DISCORD_TEST_TOKEN, FakeDiscord } from "./fakes/discord-server.ts";
import { type FakeChat, FakeTelegramApi, type FakeUser, TEST_TOKEN } from "./fakes/telegram-api.ts";
import { SEED_REPORTS } from "./helpers/app.ts";

const ROOT = join(import.meta.dirname, "..");
const APOLOGY = "抱歉, 处理这条消息时出了错, 已记录。";

/** The parts of each token that are secret: a log holding any of them leaks the token. */
const SECRETS = [
  TEST_TOKEN,
  TEST_TOKEN.split(":")[1] ?? "",
  DISCORD_TEST_TOKEN,
  DISCORD_TEST_TOKEN.split(".")[2] ?? "",
];

function expectNoSecret(output: string): void {
  for (const secret of SECRETS) expect(output).not.toContain(secret);
}

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** The bot as a child process, with everything it writes. */
class BotProcess {
  stdout = "";
  stderr = "";
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private readonly waiting = new Set<() => void>();

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout?.on("data", (chunk: Buffer) => this.take("stdout", chunk));
    this.child.stderr?.on("data", (chunk: Buffer) => this.take("stderr", chunk));
    this.exited = new Promise((resolve) => this.child.on("exit", (code) => resolve(code)));
  }

  /** The log lines so far (stderr lines that are JSON). */
  get logs(): LogLine[] {
    return this.stderr
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as LogLine);
  }

  /** Resolves with the first log line matching `predicate`; rejects if the process ends first. */
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs = 20_000): Promise<LogLine> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.logs.find(predicate);
        if (!found && this.child.exitCode === null) return;
        clearTimeout(timer);
        this.waiting.delete(check);
        if (found) resolve(found);
        else reject(new Error(`the bot exited without such a log line:\n${this.stderr}`));
      };
      const timer = setTimeout(() => {
        this.waiting.delete(check);
        reject(new Error(`no such log line within ${timeoutMs} ms:\n${this.stderr}`));
      }, timeoutMs);
      this.waiting.add(check);
      check();
    });
  }

  stop(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  private take(stream: "stdout" | "stderr", chunk: Buffer): void {
    this[stream] += chunk.toString("utf8");
    for (const check of [...this.waiting]) check();
  }
}

let dir: string;
let running: BotProcess | undefined;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "report-bot-tokens-"));
});
afterEach(async () => {
  // A test that failed half-way leaves no process behind.
  running?.stop("SIGKILL");
  await running?.exited;
  running = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(env: Record<string, string>): BotProcess {
  running = new BotProcess({
    REPORTS_DIR: SEED_REPORTS,
    DATABASE_PATH: join(dir, `bot-${Date.now()}-${Math.random().toString(36).slice(2)}.sqlite`),
    LOG_LEVEL: "debug",
    ...env,
  });
  return running;
}

describe("the bot's output, with both tokens and debug logging", () => {
  let telegram: FakeTelegramApi;
  let discord: FakeDiscord;
  beforeAll(async () => {
    telegram = await FakeTelegramApi.start();
    discord = await FakeDiscord.start();
  });
  afterAll(async () => {
    await telegram?.close();
    await discord?.stop();
  });

  it("never holds a token, through server errors, cut connections and a dropped gateway, to SIGTERM", async () => {
    const bot = start({
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      DISCORD_TOKEN: DISCORD_TEST_TOKEN,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_ROOT: discord.apiRoot,
    });
    const ready = await bot.waitForLog((l) => l.msg === "ready");
    expect(ready.platforms).toEqual(["telegram (@ReportTestBot)", "discord"]);

    const user: FakeUser = { id: 4242, is_bot: false, first_name: "读者", language_code: "zh" };
    const chat: FakeChat = { id: 4242, type: "private", first_name: "读者" };

    // Telegram: a server error, answered after auto-retry's pause.
    telegram.refuseNext("sendMessage", 500);
    telegram.sendText(chat, user, "/stat 法律援助");
    await telegram.waitFor(
      (c) => c.method === "sendMessage" && c.status === 200 && c.payload.chat_id === chat.id,
    );
    // Telegram: the connection cut under a reply (an HttpError, whose URL holds the token).
    telegram.dropNext("sendMessage");
    telegram.sendText(chat, user, "/stat 公证");
    await telegram.waitFor((c) => c.method === "sendMessage" && String(c.payload.text) === APOLOGY);
    // Telegram: the long poll cut (the held poll returns with the next update, the one after
    // it is cut); the bot polls again and answers.
    telegram.dropNext("getUpdates");
    telegram.sendText(chat, user, "/stat 法律援助");
    await telegram.waitFor((c) => c.method === "getUpdates" && c.status === 0);
    await bot.waitForLog((l) => l.msg === "telegram call failed" && l.method === "getUpdates");
    telegram.sendText(chat, user, "/stat 公证");
    await telegram.waitForCount(
      (c) => c.method === "sendMessage" && c.status === 200 && c.payload.chat_id === chat.id,
      4,
    );

    // Discord: every response to an interaction refused with 500, the apology too.
    const callback = /^\/interactions\/\d+\/[^/]+\/callback$/;
    discord.refuseNext("POST", callback, 500, 10);
    discord.injectCommand("stat", { keywords: "法律援助" });
    await bot.waitForLog((l) => l.msg.startsWith("discord interaction failed"));
    // Discord: the gateway cut without a close frame; the bot reconnects and answers.
    discord.dropConnection("terminate");
    await bot.waitForLog((l) => l.msg === "discord gateway dropped: reconnecting");
    await discord.waitFor("a new gateway session", () =>
      discord.received.filter((p) => p.op === 2 || p.op === 6).length >= 2 ? true : undefined,
    );
    const id = discord.injectCommand("stat", { keywords: "法律援助" });
    expect(JSON.stringify(await discord.response(id))).toContain("1114件");

    bot.stop("SIGTERM");
    expect(await bot.exited).toBe(0);
    expect(bot.logs.some((l) => l.msg === "shutting down")).toBe(true);
    expect(bot.logs.filter((l) => l.level >= 40).length).toBeGreaterThanOrEqual(4);
    // Every line on stderr is a structured log line; stdout is left to answers.
    expect(
      bot.stderr
        .trim()
        .split("\n")
        .every((line) => line.startsWith("{")),
    ).toBe(true);
    expectNoSecret(bot.stdout + bot.stderr);
  }, 60_000);

  it("never holds a token when start-up fails: Telegram refuses the token", async () => {
    // Not a 500: auto-retry would wait 3 + 6 + 12 s before giving up.
    telegram.refuseNext("getMe", 401);
    const bot = start({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr).toContain("report-bot failed to start");
    expectNoSecret(bot.stdout + bot.stderr);
  }, 60_000);

  it("never holds a token while Telegram cannot be reached at start, until SIGTERM", async () => {
    // A port that was just free: each connection is refused.
    const closed = await FakeTelegramApi.start();
    const root = closed.apiRoot;
    await closed.close();
    const bot = start({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: root });
    // grammY keeps trying to connect (the network may come back); each failure is logged.
    const failed = await bot.waitForLog((l) => l.msg === "telegram call failed" && l.method === "getMe");
    expect(failed.err).toContain("Network request for 'getMe' failed");
    expect(failed.err).toContain(`ECONNREFUSED ${new URL(root).host}`);
    bot.stop("SIGTERM");
    expect(await bot.exited).toBe(0);
    expectNoSecret(bot.stdout + bot.stderr);
  }, 60_000);
});

describe("a wrong setting that holds a token", () => {
  it("stops start-up with exit code 2 and a line naming the variable, the token masked", async () => {
    const bot = start({
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      // The token pasted into the URL, with a trailing slash; the Discord token in the id's place.
      TELEGRAM_API_ROOT: `http://127.0.0.1:9/bot${TEST_TOKEN}/`,
      DISCORD_TOKEN: DISCORD_TEST_TOKEN,
      DISCORD_APPLICATION_ID: DISCORD_TEST_TOKEN,
    });
    expect(await bot.exited).toBe(2);
    const lines = bot.stderr.trim().split("\n");
    expect(lines).toContain(
      'TELEGRAM_API_ROOT: got "http://127.0.0.1:9/bot<token>/", expected a URL without a trailing slash',
    );
    expect(lines).toContain(`DISCORD_APPLICATION_ID: got "<token>", expected the application's numeric id`);
    expectNoSecret(bot.stdout + bot.stderr);
  }, 60_000);
});
