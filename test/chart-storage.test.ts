/**
 * A chart whose file cannot be written: the user gets the figures as text with a short
 * note, not the apology, and no partial file is left in the chart folder.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import { type App, createApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { SEED_REPORTS } from "./helpers/app.ts";
import { capturingLogger } from "./helpers/log.ts";
import { canMountTmpfs, Tmpfs } from "./helpers/tmpfs.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

async function appWithCharts(chartDir: string) {
  const dir = mkdtempSync(join(tmpdir(), "report-bot-"));
  cpSync(SEED_REPORTS, join(dir, "reports"), { recursive: true });
  const { log, lines } = capturingLogger();
  const config = loadConfig({
    REPORTS_DIR: join(dir, "reports"),
    DATABASE_PATH: join(dir, "bot.sqlite"),
    CHART_DIR: chartDir,
  });
  const app = await createApp(config, log);
  await app.loaded();
  cleanups.push(() => {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { app, lines };
}

const ask = (app: App, line: string) => app.dispatcher.handleLine(line, CONSOLE_CHAT);

describe("a chart that cannot be saved", () => {
  it("is answered with the figures and a note when the chart folder cannot be made", async () => {
    const dir = mkdtempSync(join(tmpdir(), "report-bot-charts-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, "charts"), "a file where the folder should be");
    const { app } = await appWithCharts(join(dir, "charts", "png"));
    const answer = await ask(app, "/chart 政务服务");
    expect(answer.ok).toBe(true);
    expect(answer.image).toBeUndefined();
    expect(answer.text).toContain("图表暂时画不出来 (服务器无法保存图片)");
    expect(answer.figures.length).toBeGreaterThan(1);
    expect(answer.text).toContain("1366项");
  });

  it.runIf(canMountTmpfs)(
    "is answered with the figures and a note on a full disk, and leaves no temporary file",
    async () => {
      const disk = Tmpfs.mount(32); // a chart is about 60 KB
      cleanups.push(() => disk.unmount());
      const charts = disk.folder("charts");
      const { app, lines } = await appWithCharts(charts);
      const answer = await ask(app, "/chart 政务服务");
      expect(answer.ok).toBe(true);
      expect(answer.image).toBeUndefined();
      expect(answer.text).toContain("图表暂时画不出来 (服务器存储空间已满)");
      expect(answer.text).toContain("1366项");
      expect(readdirSync(charts)).toEqual([]);
      expect(lines.filter((l) => l.msg === "chart not drawn: its file could not be written")).toHaveLength(1);
      expect(JSON.stringify(lines)).toContain("ENOSPC");
    },
  );
});
