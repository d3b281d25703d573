/**
 * A question of how long something took or takes (几个工作日, 多少天, 要多久) is answered by
 * the sentences that say it: a duration is no figure, and the figures beside it (a share, a
 * count) answer another question. Days that are counted (优良天数达到176天) stay figures.
 * Read from the corpus: qingyuan-2020 企业开办时间压缩到2个工作日以内; fuping-2020
 * 社会投资项目推行“拿地即开工”模式，审批时限压减到25个工作日; fuping-2017 2016年全年空气优良天数达到 176 天.
 */

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Answer } from "../src/answer/answer.ts";
import { understand } from "../src/query/question/understand.ts";
import { appOverReports } from "./helpers/app.ts";

const CORPUS = join(import.meta.dirname, "fixtures", "corpus", "work-reports");
const { ask } = appOverReports(
  ["qingyuan-2020.txt", "fuping-2020.txt", "fuping-2017.txt"].map((name) => join(CORPUS, name)),
);

async function askOf(report: string, question: string): Promise<Answer> {
  await ask(`/report ${report}`);
  return ask(question);
}

function sentences(answer: Answer): string[] {
  return answer.blocks.flatMap((b) => (b.kind === "sentences" ? b.sentences.map((s) => s.text) : []));
}

const hasFigures = (answer: Answer) => answer.blocks.some((b) => b.kind === "figures");

describe("a question of how long", () => {
  it("gets the sentence that says it (几个工作日, 要多久)", async () => {
    for (const question of ["企业开办时间压缩到几个工作日", "企业开办要多久"]) {
      const answer = await askOf("qingyuan-2020", question);
      expect(hasFigures(answer)).toBe(false);
      expect(sentences(answer)[0]).toContain("企业开办时间压缩到2个工作日以内");
    }
  });

  it("gets no figure standing beside the duration", async () => {
    const answer = await askOf("fuping-2020", "社会投资项目审批时限压减到多少天");
    expect(hasFigures(answer)).toBe(false);
    expect(sentences(answer)[0]).toContain("审批时限压减到25个工作日");
  });

  it("is asked with a length of time: 几个月 is one, 几月份 and 几周年 are none", () => {
    expect(understand("用了几个月建成").asksDuration).toBe(true);
    expect(understand("几月份开展了多少次培训").asksDuration).toBe(false);
    expect(understand("成立几周年").asksDuration).toBe(false);
  });

  it("leaves days that are counted to the figures (优良天数)", async () => {
    const answer = await askOf("fuping-2017", "空气优良天数有多少天");
    expect(answer.figures[0]).toMatchObject({ value: 176, unit: "天" });
  });
});
