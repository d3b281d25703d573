/**
 * A part that closes on the report's problems lists them as problems, not as its points.
 * 曲阳县's 2020 report (test/fixtures/corpus/work-reports/quyang-2020.txt) tells its year in
 * 一、2019年工作回顾 and ends it with “在肯定成绩的同时，我们也清醒的认识到…一是经济基础仍然
 * 薄弱，…六是治理体系和治理能力建设还需要加强…”.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Block } from "../src/answer/answer.ts";
import { appOverReports } from "./helpers/app.ts";

const QUYANG = join(import.meta.dirname, "fixtures/corpus/work-reports/quyang-2020.txt");
const { ask } = appOverReports([QUYANG], { DEFAULT_REPORT: "quyang-2020" });

/** The list under a heading of an answer, or null when there is no such heading. */
function listUnder(blocks: readonly Block[], heading: string): string[] | null {
  const at = blocks.findIndex((b) => b.kind === "heading" && b.text === heading);
  const list = blocks[at + 1];
  return at >= 0 && list?.kind === "list" ? list.items : null;
}

describe("a section whose items are the report's problems", () => {
  it("lists them as its problems, not as its points", async () => {
    const review = await ask("/section 1");
    expect(listUnder(review.blocks, "要点")).toBeNull();
    const problems = listUnder(review.blocks, "存在的问题 (/problems)");
    expect(problems).toHaveLength(6);
    expect(problems?.[0]).toMatch(/^经济基础仍然薄弱/);
  });
});
