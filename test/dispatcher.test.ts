/**
 * What the dispatcher does for every command: the "no report loaded" refusal for commands
 * that need a report, which answers it keeps in the response cache, and the choices it
 * offers while a user types.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import { refusal } from "../src/answer/build.ts";
import { Charts } from "../src/chart/index.ts";
import { Dispatcher } from "../src/command/dispatch.ts";
import { Registry } from "../src/command/registry.ts";
import { defineCommand, requiredText } from "../src/command/types.ts";
import { makeTestApp } from "./helpers/app.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function start(reportsFrom?: string) {
  const made = await makeTestApp({}, reportsFrom);
  cleanups.push(made.cleanup);
  return made;
}

describe("commands that need a report", () => {
  it("are refused once, by the dispatcher, when no report is loaded; the others still answer", async () => {
    const empty = mkdtempSync(join(tmpdir(), "report-bot-empty-"));
    cleanups.push(() => rmSync(empty, { recursive: true, force: true }));
    const { app } = await start(empty);
    const needing = app.registry.commands.filter((c) => c.needsReport);
    expect(needing.map((c) => c.name).sort()).toEqual(
      [
        "ask",
        "chart",
        "plan",
        "problems",
        "quote",
        "search",
        "section",
        "stat",
        "subscribe",
        "summary",
        "toc",
      ].sort(),
    );
    for (const command of needing) {
      const answer = await app.dispatcher.handleLine(`/${command.examples[0]?.slice(1)}`, CONSOLE_CHAT);
      expect(answer.error?.code, command.name).toBe("no_report");
      expect(answer.text).toContain("还没有加载任何报告");
    }
    expect((await app.dispatcher.handleLine("/help", CONSOLE_CHAT)).ok).toBe(true);
    expect((await app.dispatcher.handleLine("/about", CONSOLE_CHAT)).text).toContain("尚未加载报告");
  });
});

describe("the response cache, as the dispatcher fills it", () => {
  /** A cacheable command that refuses its input, or finds nothing, and counts its runs. */
  async function probe() {
    const { app, dir } = await start();
    let runs = 0;
    const command = defineCommand({
      name: "probe",
      description: { zh: "试探", en: "probe" },
      examples: ["/probe 什么"],
      options: { text: requiredText({ zh: "文字", en: "text" }) },
      cacheable: true,
      run(_ctx, args) {
        runs++;
        return args.text === "坏"
          ? refusal("probe", "bad_input", "这个输入不行。")
          : refusal("probe", "not_found", "没有找到。");
      },
    });
    const dispatcher = new Dispatcher(new Registry([command]), {
      knowledge: app.knowledge,
      cache: app.store.cache,
      subscriptions: app.subscriptions,
      charts: new Charts(join(dir, "charts")),
    });
    const ask = (line: string) => dispatcher.handleLine(line, CONSOLE_CHAT);
    return { ask, runs: () => runs };
  }

  it("keeps a “nothing found”: asked again, it is served without running the command", async () => {
    const { ask, runs } = await probe();
    expect((await ask("/probe 无")).cached).toBe(false);
    const again = await ask("/probe 无");
    expect(again.cached).toBe(true);
    expect(again.error?.code).toBe("not_found");
    expect(runs()).toBe(1);
  });

  it("does not keep a command's refusal of the input: asked again, the command runs again", async () => {
    const { ask, runs } = await probe();
    await ask("/probe 坏");
    const again = await ask("/probe 坏");
    expect(again.cached).toBe(false);
    expect(again.error?.code).toBe("bad_input");
    expect(runs()).toBe(2);
  });
});

describe("choices while typing", () => {
  const stat = { ...CONSOLE_CHAT, command: "stat" };

  it("offers the report's figure labels for /stat's keywords, the matching ones first", async () => {
    const { app } = await start();
    const choices = app.dispatcher.choices(stat, "keywords", "法律");
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((c) => c.value)).toContain("法律援助案件");
    expect(choices.every((c) => c.name.includes("法律"))).toBe(true);
  });

  it("offers zone names for /timezone, section ids for /section, and nothing for an option without choices", async () => {
    const { app } = await start();
    expect(app.dispatcher.choices({ ...stat, command: "timezone" }, "zone", "berlin", 5)).toEqual([
      { name: "Europe/Berlin", value: "Europe/Berlin" },
    ]);
    expect(app.dispatcher.choices({ ...stat, command: "section" }, "ref", "1.7")[0]?.value).toBe("1.7");
    expect(app.dispatcher.choices({ ...stat, command: "search" }, "text", "法律")).toEqual([]);
    expect(app.dispatcher.choices({ ...stat, command: "nonexistent" }, "x", "")).toEqual([]);
  });
});
