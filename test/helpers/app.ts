import { copyFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { CONSOLE_CHAT } from "../../src/adapters/console.ts";
import type { Answer } from "../../src/answer/answer.ts";
import { type App, createApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/log.ts";

export const SEED_REPORTS = join(import.meta.dirname, "../../data/reports");

/** A fresh app on its own SQLite file in a temp folder, with a copy of the given reports. */
export async function makeTestApp(
  env: Record<string, string> = {},
  reportsFrom = SEED_REPORTS,
  now: () => number = Date.now,
): Promise<{ app: App; dir: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), "report-bot-"));
  const reports = join(dir, "reports");
  cpSync(reportsFrom, reports, { recursive: true });
  const config = loadConfig({ REPORTS_DIR: reports, DATABASE_PATH: join(dir, "bot.sqlite"), ...env });
  const app = await createApp(config, createLogger("silent"), now);
  // The reports are read in the background; tests ask about them at once.
  await app.loaded();
  return {
    app,
    dir,
    cleanup: () => {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh app (see makeTestApp) whose library is these report files, each under its own name. */
async function makeTestAppOf(
  files: readonly string[],
  env: Record<string, string> = {},
): Promise<{ app: App; dir: string; cleanup: () => void }> {
  const source = mkdtempSync(join(tmpdir(), "report-bot-files-"));
  try {
    for (const file of files) copyFileSync(file, join(source, basename(file)));
    return await makeTestApp(env, source);
  } finally {
    // makeTestApp has its own copy.
    rmSync(source, { recursive: true, force: true });
  }
}

/**
 * For the tests of a file or block: an app over these report files (see makeTestAppOf),
 * made before them and closed after; `ask` answers a line in the console chat.
 */
export function appOverReports(
  files: readonly string[],
  env: Record<string, string> = {},
): { ask: (line: string) => Promise<Answer> } {
  let made: { app: App; cleanup: () => void } | null = null;
  beforeAll(async () => {
    made = await makeTestAppOf(files, env);
  });
  afterAll(() => made?.cleanup());
  return {
    ask: (line) => {
      if (!made) throw new Error("appOverReports: asked before the app was made");
      return made.app.dispatcher.handleLine(line, CONSOLE_CHAT);
    },
  };
}
