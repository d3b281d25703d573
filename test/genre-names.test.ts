/**
 * The genre named right everywhere: /start, /help and /about call the chat's report what it
 * is (法治政府建设年度报告 or 政府工作报告, read from the report), and the examples they offer
 * answer for that report.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import type { App } from "../src/app.ts";
import { makeTestApp } from "./helpers/app.ts";

let app: App;
let cleanup: () => void;
let reports: string;
const fazhi = CONSOLE_CHAT;
const workReport = {
  ...CONSOLE_CHAT,
  chat: { platform: "console" as const, id: "work", kind: "private" as const },
};

beforeAll(async () => {
  reports = mkdtempSync(join(tmpdir(), "report-bot-genres-"));
  cpSync(join(import.meta.dirname, "..", "data", "reports"), reports, { recursive: true });
  cpSync(
    join(import.meta.dirname, "fixtures", "corpus", "work-reports", "yixian-2019.txt"),
    join(reports, "yixian-2019.txt"),
  );
  ({ app, cleanup } = await makeTestApp({ DEFAULT_REPORT: "zhongxian-2021" }, reports));
  await app.dispatcher.handleLine("/report yixian-2019", workReport);
});
afterAll(() => {
  cleanup();
  rmSync(reports, { recursive: true, force: true });
});

describe("the genre, from the chat's report", () => {
  it("is a 法治政府建设年度报告 for the seed, in /start, /help and /about", async () => {
    const start = await app.dispatcher.handleLine("/start", fazhi);
    expect(start.title).toBe("你好! 我可以回答关于这份法治政府建设年度报告的问题。");
    const help = await app.dispatcher.handleLine("/help", fazhi);
    expect(help.title).toBe("report-bot: 查询法治政府建设年度报告");
    for (const a of [start, help]) expect(a.text).not.toContain("政府工作报告");
    expect((await app.dispatcher.handleLine("/about", fazhi)).text).toContain("类型: 法治政府建设年度报告");
    const english = await app.dispatcher.handleLine("/help", { ...fazhi, locale: "en" });
    expect(english.title).toBe("report-bot: ask about the annual report on building law-based government");
  });

  it("is a 政府工作报告 for a work report, in the same commands", async () => {
    const start = await app.dispatcher.handleLine("/start", workReport);
    expect(start.title).toBe("你好! 我可以回答关于这份政府工作报告的问题。");
    expect((await app.dispatcher.handleLine("/help", workReport)).title).toBe("report-bot: 查询政府工作报告");
    expect((await app.dispatcher.handleLine("/about", workReport)).text).toContain("类型: 政府工作报告");
  });

  it("offers examples that answer for the chat's report", async () => {
    for (const chat of [fazhi, workReport]) {
      const start = await app.dispatcher.handleLine("/start", chat);
      const lines = start.blocks.flatMap((b) => (b.kind === "list" ? b.items : []));
      for (const example of lines
        .map((l) => l.split(" — ")[0] ?? "")
        .filter((l) => /^\/(stat|section) /.test(l))) {
        expect((await app.dispatcher.handleLine(example, chat)).ok, example).toBe(true);
      }
    }
    // 预计全县生产总值完成122.4亿元: the work report's example is its first figure.
    expect((await app.dispatcher.handleLine("/start", workReport)).text).toContain("/stat 生产总值");
  });
});
