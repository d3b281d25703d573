/**
 * The library is not lost by accident, and no file in the reports folder can hold start-up:
 * only regular files within the size limit are read (a FIFO is never opened), an empty or
 * missing folder keeps the stored reports, two files with one id settle on one without a
 * version climbing, and a start on a full disk serves what is stored.
 */
import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import { type App, createApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { openStore, type Store, syncDirectory } from "../src/store/index.ts";
import { readReport } from "../src/store/read-report.ts";
import { SEED_REPORTS } from "./helpers/app.ts";
import { capturingLogger, type LogLine } from "./helpers/log.ts";

const SEED = join(SEED_REPORTS, "zhongxian-2021.txt");
const LONGHUA = join(import.meta.dirname, "fixtures/corpus/fazhi/longhua-2019.txt");

let dir: string;
let reports: string;
const cleanups: (() => void)[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "report-bot-folder-"));
  reports = join(dir, "reports");
  execFileSync("mkdir", ["-p", reports]);
  copyFileSync(SEED, join(reports, "zhongxian-2021.txt"));
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function store(): Store {
  const opened = openStore({ path: join(dir, "bot.sqlite"), cacheMaxEntries: 100 });
  cleanups.push(() => opened.close());
  return opened;
}

/** Files older than the stamp's settling time, so a second sync skips them on their stamp. */
function settle(file: string): void {
  const past = new Date(Date.now() - 60_000);
  utimesSync(file, past, past);
}

const failed = (results: Awaited<ReturnType<typeof syncDirectory>>["results"], id: string) =>
  results.flatMap((r) => (r.id === id && r.outcome === "failed" ? [r.error] : []));

describe("only regular files are read", () => {
  it("skips a FIFO named *.txt without opening it (opening one waits for a writer)", async () => {
    execFileSync("mkfifo", [join(reports, "pipe.txt")]);
    const { results } = await syncDirectory(store().reports, reports);
    expect(results.find((r) => r.id === "zhongxian-2021")?.outcome).toBe("new");
    expect(failed(results, "pipe")).toEqual([expect.stringMatching(/pipe\.txt: a named pipe \(FIFO\)/)]);
  });

  it("skips a device and a socket with a report's name", async () => {
    symlinkSync("/dev/zero", join(reports, "zero.txt")); // read, it would never end
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(join(reports, "socket.txt"), resolve));
    cleanups.push(() => server.close());
    const { results } = await syncDirectory(store().reports, reports);
    expect(results.find((r) => r.id === "zhongxian-2021")?.outcome).toBe("new");
    expect(failed(results, "zero")).toEqual([expect.stringContaining("a device, not a regular file")]);
    expect(failed(results, "socket")).toEqual([expect.stringContaining("a socket, not a regular file")]);
  });

  it("follows a symbolic link to a folder once, not round a loop", async () => {
    symlinkSync(reports, join(reports, "again"));
    const { results } = await syncDirectory(store().reports, reports);
    expect(results.map((r) => [r.id, r.outcome])).toEqual([["zhongxian-2021", "new"]]);
  });

  it("refuses a file over the size limit, 20 MB unless told otherwise, without reading it", async () => {
    const huge = join(reports, "huge.txt");
    writeFileSync(huge, "");
    truncateSync(huge, 21 * 1024 * 1024); // sparse: nothing written
    let { results } = await syncDirectory(store().reports, reports);
    expect(failed(results, "huge")).toEqual([expect.stringContaining("21 MB, more than the limit of 20 MB")]);
    // The seed is 18 KB: a limit of 10 KB refuses it too.
    ({ results } = await syncDirectory(store().reports, reports, { maxFileBytes: 10_000 }));
    expect(failed(results, "zhongxian-2021")).toEqual([expect.stringContaining("more than the limit")]);
  });

  it("keeps serving a stored report whose file became too large, saying which version", async () => {
    const repo = store().reports;
    await syncDirectory(repo, reports);
    const { results, removed } = await syncDirectory(repo, reports, { maxFileBytes: 10_000 });
    expect(removed).toEqual([]);
    expect(results).toEqual([expect.objectContaining({ id: "zhongxian-2021", outcome: "failed", kept: 1 })]);
    expect(repo.get("zhongxian-2021")?.version).toBe(1);
  });
});

describe("the library is not lost by accident", () => {
  it("keeps the stored reports when the folder is empty, and says so", async () => {
    const repo = store().reports;
    await syncDirectory(repo, reports);
    unlinkSync(join(reports, "zhongxian-2021.txt"));
    const sync = await syncDirectory(repo, reports);
    expect(sync.removed).toEqual([]);
    expect(sync.keptLibrary).toEqual({ folder: "empty", reports: 1 });
    expect(repo.get("zhongxian-2021")?.version).toBe(1);
  });

  it("keeps them when the folder is missing", async () => {
    const repo = store().reports;
    await syncDirectory(repo, reports);
    rmSync(reports, { recursive: true });
    const sync = await syncDirectory(repo, reports);
    expect(sync.keptLibrary).toEqual({ folder: "missing", reports: 1 });
    expect(repo.list().map((r) => r.id)).toEqual(["zhongxian-2021"]);
  });

  it("starts on a missing folder with a warning, and answers from the stored reports", async () => {
    const config = loadConfig({ REPORTS_DIR: reports, DATABASE_PATH: join(dir, "bot.sqlite") });
    const first = await createApp(config, capturingLogger().log);
    await first.loaded();
    first.close();
    rmSync(reports, { recursive: true });
    const { log, lines } = capturingLogger();
    const app = await createApp(config, log);
    cleanups.push(() => app.close());
    await app.loaded();
    expect(lines.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([
      "the reports folder is missing: the report stored is kept and served (is its volume mounted?)",
    ]);
    expect((await app.dispatcher.handleLine("/stat 法律援助", CONSOLE_CHAT)).text).toContain("1114件");
  });

  it("still removes the report of a single file removed", async () => {
    copyFileSync(LONGHUA, join(reports, "longhua-2019.txt"));
    const repo = store().reports;
    await syncDirectory(repo, reports);
    unlinkSync(join(reports, "longhua-2019.txt"));
    const sync = await syncDirectory(repo, reports);
    expect(sync.removed).toEqual(["longhua-2019"]);
    expect(sync.keptLibrary).toBeNull();
    expect(repo.list().map((r) => r.id)).toEqual(["zhongxian-2021"]);
  });

  it("reads one of two files with one id, the same one on every start, its version not climbing", async () => {
    // The later name by path is written first: the one read does not depend on the order of writing.
    unlinkSync(join(reports, "zhongxian-2021.txt"));
    const seed = readFileSync(SEED, "utf8");
    writeFileSync(
      join(reports, "zhongxian-2021.txt"),
      seed.replace("法律援助案件1114件", "法律援助案件1115件"),
    );
    writeFileSync(join(reports, "Zhongxian 2021.txt"), seed);
    for (const name of ["zhongxian-2021.txt", "Zhongxian 2021.txt"]) settle(join(reports, name));
    for (let start = 1; start <= 3; start++) {
      const repo = store().reports; // a new connection, as a new process
      const { results } = await syncDirectory(repo, reports);
      const read = results.find((r) => r.outcome !== "failed");
      expect(read).toMatchObject({ file: join(reports, "Zhongxian 2021.txt"), version: 1 });
      expect(read?.outcome).toBe(start === 1 ? "new" : "unchanged");
      expect(failed(results, "zhongxian-2021")).toEqual([
        `${join(reports, "zhongxian-2021.txt")}: its report id "zhongxian-2021" is already that of ${join(reports, "Zhongxian 2021.txt")}, which is read instead; rename one of them`,
      ]);
      const figures = repo.content("zhongxian-2021")?.figures ?? [];
      expect(figures.some((f) => f.raw === "1114件")).toBe(true);
    }
  });

  it("reads a UTF-16 report with a byte-order mark", async () => {
    unlinkSync(join(reports, "zhongxian-2021.txt"));
    const text = readFileSync(SEED, "utf8");
    writeFileSync(
      join(reports, "utf16.txt"),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]),
    );
    const repo = store().reports;
    const { results } = await syncDirectory(repo, reports);
    expect(results.map((r) => [r.id, r.outcome])).toEqual([["utf16", "new"]]);
    // "全年共受理各类法律援助案件1114件" in the report's text.
    expect(
      repo.content("utf16")?.figures.some((f) => f.raw === "1114件" && f.sentence.includes("法律援助")),
    ).toBe(true);
  });
});

describe("starting on a full disk", () => {
  const messages = (lines: LogLine[], pattern: RegExp) => lines.filter((l) => pattern.test(l.msg));

  /** The bot started on the database as built so far, allowed to grow no further. */
  async function startFull(): Promise<{ app: App; lines: LogLine[] }> {
    const size = statSync(join(dir, "bot.sqlite")).size;
    const { log, lines } = capturingLogger();
    const config = loadConfig({
      REPORTS_DIR: reports,
      DATABASE_PATH: join(dir, "bot.sqlite"),
      DATABASE_MAX_MB: String(size / 2 ** 20),
    });
    const app = await createApp(config, log);
    cleanups.push(() => app.close());
    await app.loaded();
    return { app, lines };
  }

  /** The database built with the folder's reports and closed, without a free page left in it. */
  async function build(): Promise<void> {
    const built = openStore({ path: join(dir, "bot.sqlite"), cacheMaxEntries: 100 });
    await syncDirectory(built.reports, reports);
    built.close();
    const db = new Database(join(dir, "bot.sqlite"));
    db.exec("VACUUM");
    db.close();
  }

  it("starts when a report whose file is gone cannot be removed, and keeps serving it", async () => {
    copyFileSync(LONGHUA, join(reports, "longhua-2019.txt"));
    await build();
    unlinkSync(join(reports, "longhua-2019.txt"));
    const { app, lines } = await startFull();
    expect(
      messages(lines, /^report not removed, still served, though its file is gone: .*SQLITE_FULL/),
    ).toHaveLength(1);
    expect((await app.dispatcher.handleLine("/stat 法律援助", CONSOLE_CHAT)).text).toContain("1114件");
  });

  it("indexes in the background within DATABASE_MAX_MB, as the bot writes", async () => {
    const built = openStore({ path: join(dir, "bot.sqlite"), cacheMaxEntries: 100 });
    const parsed = readReport(readFileSync(SEED), SEED, false).parsed;
    built.reports.save("zhongxian-2021", SEED, "hash", parsed, null); // stored without its index
    built.close();
    const db = new Database(join(dir, "bot.sqlite"));
    db.exec("VACUUM");
    db.close();
    const capped = openStore({
      path: join(dir, "bot.sqlite"),
      cacheMaxEntries: 100,
      maxBytes: statSync(join(dir, "bot.sqlite")).size,
    });
    cleanups.push(() => capped.close());
    const errors: Error[] = [];
    capped.indexInBackground((error) => errors.push(error));
    await capped.indexed();
    expect(errors.map((e) => e.message)).toEqual(["database or disk is full (SQLITE_FULL)"]);
    expect(capped.reports.unindexed()).toEqual(["zhongxian-2021"]);
  }, 30_000);

  it("serves the stored version of a changed report it cannot store, and says so", async () => {
    await build();
    // Grown by another report's text: it needs pages the disk no longer has.
    const file = join(reports, "zhongxian-2021.txt");
    writeFileSync(file, `${readFileSync(file, "utf8")}\n${readFileSync(LONGHUA, "utf8")}`);
    const { app, lines } = await startFull();
    expect(
      messages(
        lines,
        /^report not updated, version 1 still served: .*database or disk is full \(SQLITE_FULL\)/,
      ),
    ).toHaveLength(1);
    expect(messages(lines, /no report loaded/)).toEqual([]);
    const answer = await app.dispatcher.handleLine("/stat 法律援助", CONSOLE_CHAT);
    expect(answer.text).toContain("1114件");
    expect(answer.report?.version).toBe(1);
  });
});
