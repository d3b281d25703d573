import { rmSync } from "node:fs";
import { join } from "node:path";
import { type App, createApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/log.ts";
import { benchFolder } from "./children.ts";

/** The bot's core in this process, on its own database and a copy of the seed reports. */
export async function benchApp(): Promise<{ app: App; cleanup: () => void }> {
  const dir = benchFolder();
  const config = loadConfig({ REPORTS_DIR: join(dir, "reports"), DATABASE_PATH: join(dir, "bot.sqlite") });
  const app = await createApp(config, createLogger("silent"));
  await app.loaded();
  return {
    app,
    cleanup: () => {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
