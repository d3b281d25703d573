/**
 * The bot holds each report's index in memory and checks it against the database cheaply
 * (one change mark per turn of the event loop). A report changed or removed through
 * another connection — `npm run ingest` in another process — must still be seen on the
 * next answer.
 */
import { execFile } from "node:child_process";
import { copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import type { App } from "../src/app.ts";
import { openStore, type Store, syncDirectory } from "../src/store/index.ts";
import { makeTestApp } from "./helpers/app.ts";

const LONGHUA = join(import.meta.dirname, "fixtures/corpus/fazhi/longhua-2019.txt");

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const done of cleanups.splice(0).reverse()) done();
});

async function start() {
  const made = await makeTestApp();
  cleanups.push(made.cleanup);
  return made;
}

/** A second connection to the bot's database, as another process would open it. */
function otherConnection(dir: string): Store {
  const store = openStore({ path: join(dir, "bot.sqlite"), cacheMaxEntries: 100 });
  cleanups.push(() => store.close());
  return store;
}

const ask = (app: App, line: string) => app.dispatcher.handleLine(line, CONSOLE_CHAT);

describe("reports changed by another process", () => {
  it("answers from the new version on the next question", async () => {
    const { app, dir } = await start();
    expect((await ask(app, "/stat 法律援助")).text).toContain("1114件");
    expect((await ask(app, "/stat 法律援助")).cached).toBe(true);

    const reports = join(dir, "reports");
    const file = join(reports, "zhongxian-2021.txt");
    writeFileSync(file, readFileSync(file, "utf8").replace("法律援助案件1114件", "法律援助案件1200件"));
    await syncDirectory(otherConnection(dir).reports, reports);

    const after = await ask(app, "/stat 法律援助");
    expect(after.cached).toBe(false);
    expect(after.text).toContain("1200件");
    expect(after.report?.version).toBe(2);
  });

  it("stops answering from a report removed there", async () => {
    const { app, dir } = await start();
    expect((await ask(app, "/stat 法律援助")).ok).toBe(true);

    // Another report stays: a folder left empty keeps the library (an unmounted volume).
    const reports = join(dir, "reports");
    copyFileSync(LONGHUA, join(reports, "longhua-2019.txt"));
    rmSync(join(reports, "zhongxian-2021.txt"));
    await syncDirectory(otherConnection(dir).reports, reports);

    expect(app.knowledge.current("console:local")?.report.id).toBe("longhua-2019");
    expect((await ask(app, "/stat 法律援助")).text).not.toContain("1114件");
  });

  it("answers from a version another process ingested (npm run ingest)", async () => {
    const { app, dir } = await start();
    expect((await ask(app, "/stat 法律援助")).text).toContain("1114件");

    const file = join(dir, "reports", "zhongxian-2021.txt");
    writeFileSync(file, readFileSync(file, "utf8").replace("法律援助案件1114件", "法律援助案件1300件"));
    await promisify(execFile)(process.execPath, ["--import", "tsx", "src/cli/ingest.ts", file], {
      cwd: join(import.meta.dirname, ".."),
      env: {
        PATH: process.env.PATH,
        REPORTS_DIR: join(dir, "reports"),
        DATABASE_PATH: join(dir, "bot.sqlite"),
      },
    });

    const after = await ask(app, "/stat 法律援助");
    expect(after.text).toContain("1300件");
    expect(after.report?.version).toBe(2);
  });
});
