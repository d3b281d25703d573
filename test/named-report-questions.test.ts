/**
 * A question that names a place of the library, and maybe a year, is answered from that
 * place's report, whichever report the chat reads. Read from the texts:
 * - 阜平县 2021 (work-reports/fuping-2021.txt): 一般公共预算收入由2.35亿元增长到5.34亿元.
 * - 阜平县 2022: 地区生产总值预计完成55亿元.
 * - 清苑县 2005 (the place was a 县 then, a 区 after 2015): 全县财政收入完成22015万元.
 * - 定兴县 2020 is in the library; 确定兴建 holds 定兴 across two words.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import type { Answer } from "../src/answer/answer.ts";
import { openStore, syncDirectory } from "../src/store/index.ts";
import { shownFigures } from "./helpers/answers.ts";
import { appOverReports, makeTestApp, SEED_REPORTS } from "./helpers/app.ts";

const REPORTS = join(import.meta.dirname, "fixtures/corpus/work-reports");
const { ask } = appOverReports(
  ["fuping-2021", "fuping-2022", "qingyuan-2005", "qingyuan-2025", "mancheng-2020", "dingxing-2020"].map(
    (id) => join(REPORTS, `${id}.txt`),
  ),
  { DEFAULT_REPORT: "mancheng-2020" },
);

const figureRaws = (answer: Answer) => shownFigures(answer).map((f) => f.raw);

describe("a question naming a place and a year of the library", () => {
  it("is answered from that place's report of that year, and says so", async () => {
    const answer = await ask("阜平县2021年一般公共预算收入是多少");
    expect(answer.report?.id).toBe("fuping-2021");
    expect(figureRaws(answer)).toContain("5.34亿元");
    expect(answer.title).toContain("2021年阜平县政府工作报告");
  });

  it("finds the place under the kind it had that year: 清苑区 2005 is 清苑县's report", async () => {
    const answer = await ask("清苑区2005年财政收入多少");
    expect(answer.report?.id).toBe("qingyuan-2005");
    expect(figureRaws(answer)[0]).toBe("22015万元");
  });

  it("is kept apart in the cache from the chat's own report", async () => {
    const again = await ask("清苑区2005年财政收入多少");
    expect(again.cached).toBe(true);
    expect(again.report?.id).toBe("qingyuan-2005");
    const own = await ask("财政收入多少");
    expect(own.report?.id).toBe("mancheng-2020");
  });
});

describe("a question naming a place without a year", () => {
  it("is answered from the place's latest report, by its short name", async () => {
    const answer = await ask("阜平的地区生产总值");
    expect(answer.report?.id).toBe("fuping-2022");
    expect(figureRaws(answer)).toContain("55亿元");
  });

  it("keeps the chat's report when that is one of the place's", async () => {
    await ask("/report fuping-2021");
    const answer = await ask("阜平县一般公共预算收入是多少");
    expect(answer.report?.id).toBe("fuping-2021");
    expect(answer.title).not.toContain("问题所指");
    await ask("/report mancheng-2020");
  });

  it("does not take a place's short name out of another word (确定兴建 is not 定兴)", async () => {
    const answer = await ask("确定兴建了多少个项目");
    expect(answer.report?.id).toBe("mancheng-2020");
  });

  it("leaves the chat reading its own report afterwards", async () => {
    await ask("阜平县2021年一般公共预算收入是多少");
    const plain = await ask("一般公共预算收入是多少");
    expect(plain.report?.id).toBe("mancheng-2020");
  });
});

describe("a question about the library rather than one report", () => {
  it("lists a place's reports when it asks which there are, and keeps the chat's report", async () => {
    const answer = await ask("阜平县有哪些报告");
    expect(answer.text).toContain("/report fuping-2021");
    expect(answer.text).toContain("/report fuping-2022");
    expect(answer.text).not.toContain("/report mancheng-2020");
    expect(answer.actions?.map((a) => a.command)).toEqual(["/report fuping-2022", "/report fuping-2021"]);
    expect((await ask("阜平县有哪些报告")).cached).toBe(false);
    expect((await ask("一般公共预算收入是多少")).report?.id).toBe("mancheng-2020");
  });

  it("lists the whole library when it names no place", async () => {
    const answer = await ask("一共有几份报告");
    expect(answer.command).toBe("report");
    expect(answer.title).toContain("已加载6份报告");
  });

  it("compares a place's years when it asks which year", async () => {
    const answer = await ask("阜平县哪一年地区生产总值最高");
    expect(answer.reading?.intent).toBe("compare");
    expect(answer.text).toContain("阜平县地区生产总值最高的是2022年的报告: 55亿元");
    // 2021's 由29.1亿元增长到50.1亿元 is five years' growth, not the year's level.
    const growth = await ask("阜平县哪一年地区生产总值增长最快");
    expect(growth.text).toContain("阜平县地区生产总值增长最快的是2022年的报告: 增长10%");
  });
});

describe("the cached answer to a question naming a report", () => {
  it("is read again when that report changes, though the chat's own did not", async () => {
    const source = mkdtempSync(join(tmpdir(), "named-report-"));
    copyFileSync(join(SEED_REPORTS, "zhongxian-2021.txt"), join(source, "zhongxian-2021.txt"));
    copyFileSync(join(REPORTS, "fuping-2022.txt"), join(source, "fuping-2022.txt"));
    const { app, dir, cleanup } = await makeTestApp({ DEFAULT_REPORT: "zhongxian-2021" }, source);
    rmSync(source, { recursive: true, force: true });
    const other = openStore({ path: join(dir, "bot.sqlite"), cacheMaxEntries: 10 });
    try {
      const ask = (line: string) => app.dispatcher.handleLine(line, CONSOLE_CHAT);
      expect(figureRaws(await ask("阜平的地区生产总值"))).toContain("55亿元");
      expect((await ask("阜平的地区生产总值")).cached).toBe(true);

      const file = join(dir, "reports", "fuping-2022.txt");
      writeFileSync(file, readFileSync(file, "utf8").replace("预计完成55亿元", "预计完成56亿元"));
      await syncDirectory(other.reports, join(dir, "reports"));

      const after = await ask("阜平的地区生产总值");
      expect(after.cached).toBe(false);
      expect(figureRaws(after)).toContain("56亿元");
    } finally {
      other.close();
      cleanup();
    }
  });
});
