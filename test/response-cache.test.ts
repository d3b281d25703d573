import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import type { App } from "../src/app.ts";
import { syncDirectory } from "../src/store/index.ts";
import { makeTestApp } from "./helpers/app.ts";

let cleanup = () => {};
afterEach(() => cleanup());

async function start(env: Record<string, string> = {}) {
  const made = await makeTestApp(env);
  cleanup = made.cleanup;
  return made;
}
const ask = (app: App, line: string) => app.dispatcher.handleLine(line, CONSOLE_CHAT);

describe("the response cache", () => {
  it("serves a repeated question from the cache, with equal content", async () => {
    const { app } = await start();
    const first = await ask(app, "/stat 法律援助");
    const second = await ask(app, "/stat 法律援助");
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    expect({ ...second, cached: false }).toEqual(first);
    expect(app.store.cache.stats()).toEqual({ hits: 1, misses: 1 });
  });

  it("shares an entry between traditional and simplified, full- and half-width forms", async () => {
    const { app } = await start();
    await ask(app, "/stat 公证");
    expect((await ask(app, "/stat 公證")).cached).toBe(true);
    expect((await ask(app, "/stat　公证")).cached).toBe(true);
  });

  it("never serves an old answer after the report changes", async () => {
    const { app, dir } = await start();
    expect((await ask(app, "/stat 法律援助")).text).toContain("1114件");
    const file = join(dir, "reports", "zhongxian-2021.txt");
    writeFileSync(file, readFileSync(file, "utf8").replace("法律援助案件1114件", "法律援助案件1200件"));
    await syncDirectory(app.store.reports, join(dir, "reports"));
    const after = await ask(app, "/stat 法律援助");
    expect(after.cached).toBe(false);
    expect(after.text).toContain("1200件");
    expect(after.report?.version).toBe(2);
  });

  it("evicts the least recently used entries beyond its size", async () => {
    const { app } = await start({ CACHE_MAX_ENTRIES: "10" });
    await ask(app, "/stat 法律援助");
    for (const k of [
      "公证",
      "复议",
      "欠薪",
      "禁渔",
      "调解",
      "抽检",
      "执法",
      "案件",
      "文件",
      "合同",
      "食品",
    ]) {
      await ask(app, `/stat ${k}`);
    }
    expect(app.store.cache.size()).toBe(10);
    expect((await ask(app, "/stat 法律援助")).cached).toBe(false);
    expect((await ask(app, "/stat 食品")).cached).toBe(true);
  });

  it("does not cache refusals of bad input, and can be emptied at any time", async () => {
    const { app } = await start();
    await ask(app, `/stat ${"长".repeat(150)}`);
    expect(app.store.cache.size()).toBe(0);
    await ask(app, "/stat 公证");
    app.store.cache.clear();
    const again = await ask(app, "/stat 公证");
    expect(again.ok).toBe(true);
    expect(again.cached).toBe(false);
  });
});
