/** The store's child processes (ingest workers, the indexer) run below the bot's CPU priority. */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { getPriority, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { startChild } from "../src/store/child.ts";

let dir: string;
let child: ChildProcess | null = null;
afterEach(() => {
  child?.kill();
  rmSync(dir, { recursive: true, force: true });
});

it("starts a child process ten steps nicer than the bot, so that an answer goes first", () => {
  dir = mkdtempSync(join(tmpdir(), "report-bot-child-"));
  child = startChild("ingest-worker", [join(dir, "bot.sqlite")]);
  const pid = child.pid;
  expect(pid).toBeDefined();
  expect(getPriority(pid)).toBe(Math.min(19, getPriority() + 10));
});
