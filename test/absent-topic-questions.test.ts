/**
 * A question about something the report does not count is not answered with figures of
 * some other thing that shares a word with it. Read from the texts:
 * - 深圳市龙华区 2019 (test/fixtures/corpus/fazhi/longhua-2019.txt) never says 援助; its 法律 is
 *   法律顾问 (区委、区政府共聘请法律顾问12家). It says 公平竞争审查 once, in a sentence with no
 *   figure (完善公平竞争审查和公正监管制度), and counts other 文件 (规范性文件28件).
 * - 涞源县 2022 (work-reports/laiyuan-2022.txt) says 全年植树造林21.8万亩, and 绿化 elsewhere.
 * - 清苑区 2025 (work-reports/qingyuan-2025.txt) says 新改建中小学校及幼儿园38所.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Answer } from "../src/answer/answer.ts";
import { appOverReports } from "./helpers/app.ts";

const CORPUS = join(import.meta.dirname, "fixtures/corpus");
const { ask } = appOverReports(
  [
    join(CORPUS, "fazhi/longhua-2019.txt"),
    join(CORPUS, "work-reports/laiyuan-2022.txt"),
    join(CORPUS, "work-reports/qingyuan-2025.txt"),
  ],
  { DEFAULT_REPORT: "longhua-2019" },
);

function figureLabels(answer: Answer): string[] {
  return answer.blocks.flatMap((b) => (b.kind === "figures" ? b.figures.map((f) => f.label) : []));
}

function blockTexts(answer: Answer): string[] {
  return answer.blocks.flatMap((b) => (b.kind === "paragraph" ? [b.text] : []));
}

describe("a question whose topic the report lacks", () => {
  it("is told the report does not have it, not given figures of another 法律", async () => {
    const answer = await ask("法律援助案件有多少件");
    expect(figureLabels(answer)).toEqual([]);
    expect(blockTexts(answer).join("\n")).toContain("报告里没有“法律援助案件”");
    expect(answer.reading?.command ?? null).toBeNull();
  });

  it("gets the sentence that says its topic when no figure does, not the report's other 文件", async () => {
    const answer = await ask("公平竞争审查了多少文件");
    expect(figureLabels(answer)).toEqual([]);
    const first = answer.blocks.find((b) => b.kind === "sentences");
    expect(first?.kind === "sentences" && first.sentences[0]?.text).toContain(
      "完善公平竞争审查和公正监管制度",
    );
  });
});

describe("a question whose figures leave out a short word of it", () => {
  it("still gets them: 造林绿化 is 植树造林", async () => {
    await ask("/report laiyuan-2022");
    const answer = await ask("造林绿化多少亩");
    expect(answer.blocks.find((b) => b.kind === "figures")?.kind).toBe("figures");
    const first = answer.blocks.flatMap((b) => (b.kind === "figures" ? b.figures : []))[0];
    expect(first?.raw).toBe("21.8万亩");
  });

  it("still gets them: the unit 所 asks for 学校 of 新建学校", async () => {
    await ask("/report qingyuan-2025");
    const answer = await ask("新建学校几所");
    const first = answer.blocks.flatMap((b) => (b.kind === "figures" ? b.figures : []))[0];
    expect(first?.raw).toBe("38所");
  });
});
