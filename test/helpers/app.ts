import { copyFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
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
export async function makeTestAppOf(
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
