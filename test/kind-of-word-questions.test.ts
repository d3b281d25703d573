/**
 * A question may ask with a broader word than the report writes: 财政收入 of a report that
 * speaks only of 一般公共预算收入 (whose other name, 地方财政收入, is a kind of 财政收入) is
 * read as that, and the answer says so. Read from the corpus: fuping-2022 一般公共预算收入完成6.5亿元，
 * 增长21.2%, and no 财政收入 anywhere.
 */

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { glossary } from "../src/query/question/glossary.ts";
import { appOverReports } from "./helpers/app.ts";

const CORPUS = join(import.meta.dirname, "fixtures", "corpus", "work-reports");
const { ask } = appOverReports([join(CORPUS, "fuping-2022.txt")]);

describe("a question with a broader word than the report's", () => {
  it("is read as the kind of it the report says (财政收入 → 一般公共预算收入)", async () => {
    const answer = await ask("财政收入是多少");
    expect(answer.ok).toBe(true);
    expect(answer.title).toContain("“财政收入”按“一般公共预算收入”理解");
    expect(answer.figures[0]).toMatchObject({ raw: "6.5亿元", label: "一般公共预算收入" });
  });

  it("names kinds only of a word of three characters or more (收入 has too many)", () => {
    const kinds = (word: string) =>
      glossary()
        .kindsOf(word)
        .map((t) => t.text);
    expect(kinds("财政收入")).toEqual(expect.arrayContaining(["一般公共预算收入", "全部财政收入"]));
    expect(kinds("收入")).toEqual([]);
  });
});
