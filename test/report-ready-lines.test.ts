/**
 * What the operator reads while the reports folder is read at start: a line per report for
 * a few new files; for a large batch (a new library) only the line that ends the reading,
 * with its counts, so that a thousand reports do not mean a thousand lines.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { SEED_REPORTS } from "./helpers/app.ts";
import { capturingLogger } from "./helpers/log.ts";

const SEED = readFileSync(join(SEED_REPORTS, "zhongxian-2021.txt"), "utf8");

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the app on a folder of `count` reports (the seed, each with its own legal aid figure) and reads it. */
async function readFolder(count: number) {
  dir = mkdtempSync(join(tmpdir(), "report-bot-ready-lines-"));
  const reports = join(dir, "reports");
  mkdirSync(reports);
  for (let i = 0; i < count; i++) {
    const text = SEED.replace("法律援助案件1114件", `法律援助案件${2000 + i}件`);
    writeFileSync(join(reports, `county-${i}.txt`), text);
  }
  const { log, lines } = capturingLogger("info");
  const app = await createApp(
    loadConfig({ REPORTS_DIR: reports, DATABASE_PATH: join(dir, "bot.sqlite") }),
    log,
  );
  await app.loaded();
  app.close();
  return {
    ready: lines.filter((l) => l.msg === "report ready"),
    inLine: lines.find((l) => l.msg === "reports in line with the folder"),
  };
}

describe("the lines of a start that reads report files", () => {
  it("has a line for each of a few new reports", async () => {
    const { ready, inLine } = await readFolder(3);
    expect(ready.map((l) => l.report).sort()).toEqual(["county-0", "county-1", "county-2"]);
    expect(inLine?.new).toBe(3);
  });

  it("sums up a batch of more than twenty in the closing line", async () => {
    const { ready, inLine } = await readFolder(21);
    expect(ready).toEqual([]);
    expect(inLine?.new).toBe(21);
  });
});
