/**
 * A question whether something was done (有没有开展…, 是否…, did they…) is answered by the
 * sentences that say it, not by a figure that stands beside them nor by a section one of its
 * words titles. Read from the seed (data/reports/zhongxian-2021.txt): 开展“法律进校园”活动,…
 * 开展法治副校长授课、“莎姐”讲法、检察院开放日等活动200余场 (one sentence, in 1.1.1), and
 * 开展行政执法调研3次 (in 1.5.4); the plan's 3.2 is titled 继续开展法治政府建设示范创建.
 */

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Answer } from "../src/answer/answer.ts";
import { appOverReports, SEED_REPORTS } from "./helpers/app.ts";

const { ask } = appOverReports([join(SEED_REPORTS, "zhongxian-2021.txt")]);

function sentences(answer: Answer): string[] {
  return answer.blocks.flatMap((b) => (b.kind === "sentences" ? b.sentences.map((s) => s.text) : []));
}

describe("a question whether something was done", () => {
  it("gets the sentence that says it, not the figure beside it", async () => {
    const answer = await ask("县里有没有开展法律进校园活动");
    expect(answer.blocks.some((b) => b.kind === "figures")).toBe(false);
    expect(sentences(answer)[0]).toContain("开展“法律进校园”活动");
  });

  it("gets the sentences, not a section titled by one of its words (开展)", async () => {
    const answer = await ask("是否开展了行政执法调研");
    expect(answer.reading?.command).not.toBe("/section 3.2");
    expect(sentences(answer).some((s) => s.includes("开展行政执法调研3次"))).toBe(true);
  });

  it("in English too", async () => {
    const answer = await ask("Did they hold legal lectures?");
    expect(sentences(answer)[0]).toContain("法治专题讲座2次");
  });

  it("leaves a question of how many to the figures", async () => {
    const answer = await ask("开展了多少场法律进校园活动");
    expect(answer.blocks.some((b) => b.kind === "figures")).toBe(true);
  });
});
