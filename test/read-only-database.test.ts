/**
 * A database file the bot may not write stops start-up with one clear line and is left as it
 * was. File modes do not stop root, and CI runs as root: there the bot is started as the
 * unprivileged user `nobody`, for whom a root-owned file of mode 444 is read-only.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore } from "../src/store/index.ts";
import { SEED_REPORTS } from "./helpers/app.ts";

const ROOT = join(import.meta.dirname, "..");
const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;
/** Whether `nobody` can read the project (not so when it is checked out under a private home). */
const nobodyReadsProject =
  isRoot &&
  spawnSync(
    process.execPath,
    ["-e", `require("fs").accessSync(${JSON.stringify(join(ROOT, "src/main.ts"))})`],
    {
      uid: NOBODY,
      gid: NOBODY,
    },
  ).status === 0;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "report-bot-readonly-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("a read-only database file", () => {
  it.runIf(nobodyReadsProject)(
    "stops start-up with one line naming the file, and leaves it untouched",
    () => {
      const path = join(dir, "bot.sqlite");
      openStore({ path, cacheMaxEntries: 100 }).close();
      chmodSync(path, 0o444);
      // nobody may enter the folder and read the file, not write either.
      chmodSync(dir, 0o755);
      const before = readFileSync(path);
      const run = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
        cwd: ROOT,
        uid: NOBODY,
        gid: NOBODY,
        encoding: "utf8",
        input: "",
        env: { PATH: process.env.PATH, DATABASE_PATH: path, REPORTS_DIR: SEED_REPORTS },
        timeout: 30_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split("\n")).toEqual([
        `report-bot: cannot open the database ${path}: attempt to write a readonly database. The file was left as it is.`,
      ]);
      expect(readFileSync(path).equals(before)).toBe(true);
    },
  );
});
