import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import { createApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/log.ts";
import { openStore, StoreOpenError } from "../src/store/index.ts";
import { migrate } from "../src/store/migrate.ts";
import { migrations } from "../src/store/migrations/index.ts";
import { SEED_REPORTS } from "./helpers/app.ts";

const ROOT = join(import.meta.dirname, "..");
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "report-bot-faults-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the database file", () => {
  it("is created when missing, in a folder created for it", () => {
    const path = join(dir, "new", "folder", "bot.sqlite");
    const store = openStore({ path, cacheMaxEntries: 100 });
    expect(store.ping()).toBe(true);
    store.close();
  });

  it("is migrated forward when an older version wrote it", () => {
    const path = join(dir, "old.sqlite");
    const old = new Database(path);
    migrate(old, migrations.slice(0, 1));
    expect(old.pragma("user_version", { simple: true })).toBe(1);
    old.close();
    const store = openStore({ path, cacheMaxEntries: 100 });
    store.close();
    const check = new Database(path, { readonly: true });
    expect(check.pragma("user_version", { simple: true })).toBe(migrations.at(-1)?.version);
    check.close();
  });

  it("is refused, untouched, when it is not SQLite", () => {
    const path = join(dir, "notes.sqlite");
    writeFileSync(path, "these are my notes, not a database\n".repeat(200));
    const before = readFileSync(path);
    expect(() => openStore({ path, cacheMaxEntries: 100 })).toThrow(StoreOpenError);
    expect(() => openStore({ path, cacheMaxEntries: 100 })).toThrow(/notes\.sqlite.*not a database/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  // File modes do not stop root (CI runs as root), so this runs for other users only.
  it.skipIf(process.getuid?.() === 0)("is refused with a clear message when it cannot be written", () => {
    const path = join(dir, "ro.sqlite");
    new Database(path).close();
    chmodSync(path, 0o444);
    expect(() => openStore({ path, cacheMaxEntries: 100 })).toThrow(/ro\.sqlite.*readonly/);
  });

  it("stops start-up with one clear line and exit code 1", () => {
    const path = join(dir, "notes.sqlite");
    writeFileSync(path, "not a database".repeat(100));
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      encoding: "utf8",
      input: "",
      env: { PATH: process.env.PATH, DATABASE_PATH: path, REPORTS_DIR: SEED_REPORTS },
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("cannot open the database");
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe("configuration at start-up", () => {
  it("exits with code 2 and names every wrong variable", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      encoding: "utf8",
      input: "",
      env: {
        PATH: process.env.PATH,
        CACHE_MAX_ENTRIES: "lots",
        TELEGRAM_BOT_TOKEN: "123:short",
        DATABASE_PATH: join(dir, "x.sqlite"),
      },
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("CACHE_MAX_ENTRIES");
    expect(run.stderr).toContain("TELEGRAM_BOT_TOKEN");
    expect(run.stderr).not.toContain("123:short");
  });
});

describe("reports that come and go", () => {
  it("drops a deleted report from the answers, and its chats fall back to the default", async () => {
    const reports = join(dir, "reports");
    mkdirSync(reports);
    copyFileSync(join(SEED_REPORTS, "zhongxian-2021.txt"), join(reports, "zhongxian-2021.txt"));
    copyFileSync(
      join(ROOT, "test", "fixtures", "reports", "own-line-headings.txt"),
      join(reports, "yunhu-2022.txt"),
    );
    const config = loadConfig({
      REPORTS_DIR: reports,
      DATABASE_PATH: join(dir, "bot.sqlite"),
      DEFAULT_REPORT: "zhongxian-2021",
    });
    const first = await createApp(config, createLogger("silent"));
    await first.loaded();
    const chosen = await first.dispatcher.handleLine("/report yunhu-2022", CONSOLE_CHAT);
    expect(chosen.ok).toBe(true);
    expect((await first.dispatcher.handleLine("/about", CONSOLE_CHAT)).text).toContain("云湖区");
    first.close();

    unlinkSync(join(reports, "yunhu-2022.txt"));
    const second = await createApp(config, createLogger("silent"));
    await second.loaded();
    const about = await second.dispatcher.handleLine("/about", CONSOLE_CHAT);
    expect(about.text).toContain("忠县");
    expect((await second.dispatcher.handleLine("/report", CONSOLE_CHAT)).text).not.toContain("yunhu");
    second.close();
  });
});
