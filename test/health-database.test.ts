/**
 * /healthz reads the database file itself. A file overwritten while the bot runs is still
 * served from the open connection's page cache, so a query on that connection (SELECT 1,
 * a schema count, even PRAGMA quick_check) passes; and a new connection takes the pages the
 * WAL holds from the WAL. The check must read the file itself, wherever its pages are.
 */
import { randomBytes } from "node:crypto";
import { closeSync, copyFileSync, openSync, statSync, writeSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { startHealthServer } from "../src/health.ts";
import { makeTestApp } from "./helpers/app.ts";

let cleanup = () => {};
afterEach(() => cleanup());

describe("/healthz and the database file", () => {
  it.each([
    ["while its pages are in the WAL", false],
    ["after they were copied into it", true],
  ])("says 503 once the file is overwritten with garbage while the bot runs, %s", async (_, checkpoint) => {
    const made = await makeTestApp();
    const path = join(made.dir, "bot.sqlite");
    if (checkpoint) {
      const other = new Database(path);
      expect(other.pragma("wal_checkpoint(TRUNCATE)", { simple: true })).toBe(0);
      other.close();
    }
    const server = await startHealthServer(made.app, 0, "127.0.0.1", {});
    cleanup = () => {
      server.close();
      made.cleanup();
    };
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
    expect((await fetch(url)).status).toBe(200);

    // Overwritten in place, as `dd` or a stray copy would: same file, same size, other bytes.
    const fd = openSync(path, "r+");
    writeSync(fd, randomBytes(statSync(path).size), 0, undefined, 0);
    closeSync(fd);

    const response = await fetch(url);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      ok: false,
      status: "down: database unreadable",
      database: false,
    });
  });

  it("says 503 when the file is replaced by another SQLite database", async () => {
    const made = await makeTestApp();
    const server = await startHealthServer(made.app, 0, "127.0.0.1", {});
    cleanup = () => {
      server.close();
      made.cleanup();
    };
    const path = join(made.dir, "bot.sqlite");
    const other = new Database(path);
    other.pragma("wal_checkpoint(TRUNCATE)");
    other.close();
    const foreign = join(made.dir, "notes.sqlite");
    const notes = new Database(foreign);
    notes.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('not the bot''s')");
    notes.close();
    copyFileSync(foreign, path);

    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
    expect(response.status).toBe(503);
  });
});
