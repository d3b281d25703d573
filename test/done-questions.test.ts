/**
 * A question about what was done or achieved is answered from the review, not from a plan
 * section whose title happens to say its words. On 阜平县's 2021 report
 * (test/fixtures/corpus/work-reports/fuping-2021.txt): its review (一、“十三五”时期和2020年主要
 * 工作回顾) tells 脱贫攻坚 again and again, first in its area 1.1 (过去五年，是我们坚定不移围绕
 * 脱贫攻坚精准发力…); the 2021 plan's (二) is titled 坚决落实“四个不摘”，巩固脱贫成效实现新提升.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { understand } from "../src/query/question/understand.ts";
import { appOverReports } from "./helpers/app.ts";

const FUPING = join(import.meta.dirname, "fixtures/corpus/work-reports/fuping-2021.txt");
const { ask } = appOverReports([FUPING], { DEFAULT_REPORT: "fuping-2021" });

describe("a question about what was done", () => {
  it("is read as one from its words, in Chinese and in English", () => {
    expect(understand("脱贫攻坚取得了哪些成绩").asksDone).toBe(true);
    expect(understand("What was achieved in poverty alleviation?").asksDone).toBe(true);
    expect(understand("明年打算做什么").asksDone).toBe(false);
    expect(understand("脱贫攻坚有什么安排").asksDone).toBe(false);
  });

  it("gets the review that tells it, not the plan's section titled with its words", async () => {
    const answer = await ask("脱贫攻坚取得了哪些成绩");
    expect(answer.reading?.command).toBe("/section 1.1");
  });
});
