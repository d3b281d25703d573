/**
 * /report over a library: the reports listed by place and year, a page at a time, and a
 * chat's report picked by place and year.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeLibrary } from "../bench/library.ts";
import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import { answerKeyboard, CallbackStore } from "../src/adapters/telegram/keyboard.ts";
import type { Answer } from "../src/answer/answer.ts";
import type { App } from "../src/app.ts";
import { makeTestApp } from "./helpers/app.ts";

const WORK_REPORTS = join(import.meta.dirname, "fixtures/corpus/work-reports");

const listItems = (a: Answer) => a.blocks.flatMap((b) => (b.kind === "list" ? b.items : []));

describe("/report over 300 generated reports in sub-folders", () => {
  let app: App;
  let cleanup: () => void;
  let source: string;
  beforeAll(async () => {
    source = mkdtempSync(join(tmpdir(), "report-bot-library-"));
    // The seed, and 299 copies of it about other places and years, four to a sub-folder.
    writeLibrary(source, 300, "seed");
    ({ app, cleanup } = await makeTestApp({}, source));
  }, 180_000);
  afterAll(() => {
    cleanup();
    rmSync(source, { recursive: true, force: true });
  });
  const ask = (line: string) => app.dispatcher.handleLine(line, CONSOLE_CHAT);

  it("pages through every place once, each with its years, the chat's report marked", async () => {
    const first = await ask("/report");
    expect(first.ok).toBe(true);
    expect(first.title).toMatch(/^已加载300份报告, \d+个地区$/);
    expect(first.paging?.page).toBe(1);
    expect(first.paging?.next?.command).toBe("/report page:2");
    expect(listItems(first)).toHaveLength(20);

    const lines: string[] = [];
    let page: Answer | null = first;
    const pages = first.paging?.pages ?? 0;
    for (let n = 1; page; n++) {
      expect(page.paging?.page).toBe(n);
      lines.push(...listItems(page));
      const next: string | undefined = page.paging?.next?.command;
      page = next ? await ask(next) : null;
    }
    expect(lines.length).toBeGreaterThan(20 * (pages - 1));
    // Each line is one place; the places are all different and every report is counted once.
    const places = lines.map((l) => l.split(": ")[0]);
    expect(new Set(places).size).toBe(lines.length);
    const counted = lines
      .flatMap((l) => (l.split(": ")[1] ?? "").split(" · "))
      .reduce((n, year) => n + Number(/×(\d+)$/.exec(year)?.[1] ?? 1), 0);
    expect(counted).toBe(300);
    // The default report, the seed, is marked where its place is listed.
    expect(lines.filter((l) => l.includes("▶"))).toEqual(["忠县: ▶2021"]);
  });

  it("says which report the chat reads, and how to pick another", async () => {
    const first = await ask("/report");
    expect(first.text).toContain("当前报告: 忠县人民政府2021年法治政府建设年度报告 (zhongxian-2021)");
    expect(first.text).toMatch(/切换: \/report <地区> <年份> \(例: \/report \S+ \d{4}\)/);
  });

  it("keeps a page number in range", async () => {
    const last = await ask("/report page:1000");
    expect(last.paging?.page).toBe(last.paging?.pages);
    expect(last.paging?.next).toBeNull();
  });

  it("reads a report's figures without building its index", async () => {
    const { library } = app.knowledge;
    const other = library.reports().find((r) => r.id !== "zhongxian-2021");
    expect(other).toBeDefined();
    const held = app.knowledge.heldIndexes();
    const figures = library.figures(other?.id ?? "");
    expect(app.knowledge.heldIndexes()).toBe(held);
    expect(figures).toEqual(app.store.reports.content(other?.id ?? "")?.figures);
    expect(figures.length).toBeGreaterThan(0);
  });

  it("gets its paging buttons from the answer's paging", async () => {
    const first = await ask("/report");
    const buttons = answerKeyboard(first, new CallbackStore())?.inline_keyboard.flat() ?? [];
    expect(buttons.map((b) => b.text)).toContain("更多 ›");
  });
});

describe("/report with a place and a year", () => {
  let app: App;
  let cleanup: () => void;
  beforeAll(async () => {
    ({ app, cleanup } = await makeTestApp({}, WORK_REPORTS));
  }, 180_000);
  afterAll(() => cleanup());
  const ask = (line: string) => app.dispatcher.handleLine(line, CONSOLE_CHAT);

  it("switches the chat to that report", async () => {
    const picked = await ask("/report 清苑 2021");
    expect(picked.ok).toBe(true);
    expect(picked.title).toBe("本聊天现在使用: 保定市清苑区2021年政府工作报告");
    expect(picked.report?.id).toBe("qingyuan-2021");
    expect((await ask("/about")).text).toContain("保定市清苑区2021年政府工作报告");
  });

  it("takes the place's full name and the year written with 年", async () => {
    expect((await ask("/report 2022年 清苑区")).report?.id).toBe("qingyuan-2022");
  });

  it("offers the reports a place alone fits, without switching", async () => {
    await ask("/report 清苑 2021");
    const several = await ask("/report 清苑");
    expect(several.ok).toBe(true);
    expect(several.title).toMatch(/^“清苑”对应\d+份报告, 请选一份:$/);
    expect(several.actions.map((a) => a.command)).toContain("/report qingyuan-2024");
    expect((await ask("/about")).text).toContain("保定市清苑区2021年政府工作报告");
  });

  it("says so when no report fits", async () => {
    const none = await ask("/report 清苑 1999");
    expect(none.ok).toBe(false);
    expect(none.error?.code).toBe("not_found");
  });
});
