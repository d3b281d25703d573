/**
 * Whole quotes on demand: /quote (/原文) gives a whole paragraph or sentence with its place in
 * the report and the report's source, ready to paste; figure and sentence answers carry a
 * button for it; a sentence that is its section's title is printed once; /about names where
 * the report was published. Expected texts are copied from the reports by reading them.
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
beforeAll(async () => {
  ({ app, cleanup } = await makeTestApp());
});
afterAll(() => cleanup());

const ask = (line: string) => app.dispatcher.handleLine(line, CONSOLE_CHAT);

// 一、2021年法治政府建设情况 (七)加强基层治理,妥善化解矛盾纠纷 三是提高公共法律服务水平, its last sentence.
const LEGAL_AID_SENTENCE =
  "提升公共法律服务质效,降低法律援助门槛,开辟“绿色”通道,开展法律援助案件评查、律师值班和认罪认罚工作,实现“应援尽援”,全年共受理各类法律援助案件1114件,为当事人避免或挽回损1610.8万余元;加强对公证业务指导,推动公证体制改革,提高公证案件质量,全年办结各类公证案件2149件。";
const SEED_SOURCE = "出处: 《忠县人民政府2021年法治政府建设年度报告》, 忠县人民政府, 2022-02-14";

describe("/quote", () => {
  it("gives the whole sentence of a section that holds some words, with where it sits and its source", async () => {
    const a = await ask("/quote 1.7.3 1114件");
    expect(a.ok).toBe(true);
    expect(a.text).toContain(`“${LEGAL_AID_SENTENCE}”`);
    expect(a.text).toContain(SEED_SOURCE);
    expect(a.text).toContain(
      "位置: 一、2021年法治政府建设情况 › (七)加强基层治理,妥善化解矛盾纠纷 › 三是提高公共法律服务水平",
    );
    expect(a.text).toContain("网址: 报告文件未注明");
  });

  it("finds the sentence anywhere from its words alone, and by its Chinese name", async () => {
    const a = await ask("/原文 法律援助案件1114件");
    expect(a.text).toContain(`“${LEGAL_AID_SENTENCE}”`);
  });

  it("gives a section's whole paragraph, as printed, where /section shows its opening", async () => {
    const a = await ask("/quote 1.5.3");
    const quote = a.blocks.find((b) => b.kind === "paragraph")?.text ?? "";
    expect(quote.startsWith("“三是加强重点领域执法。加强农业领域执法,积极开展“春雷行动”")).toBe(true);
    expect(quote.endsWith("责令其限期整改,立案查处5件。”")).toBe(true);
    expect(quote).not.toContain("…");

    const section = await ask("/section 1.5.3");
    const intro = section.blocks.find((b) => b.kind === "paragraph")?.text ?? "";
    // Cut after a clause, never inside a word, and says where the rest is.
    expect(intro).toMatch(/[,，;；、]… \(全文: \/quote 1\.5\.3\)$/);
    expect(section.actions).toContainEqual({ label: "原文", command: "/quote 1.5.3" });
  });

  it("sends a part too long for one message to its sub-sections", async () => {
    const a = await ask("/quote 一");
    expect(a.text).toContain("请分节引用: /quote 1.1 · /quote 1.2");
    expect(a.text.length).toBeLessThanOrEqual(4000);
  });

  it("says plainly when there is nothing to quote", async () => {
    expect((await ask("/quote 1.7 火星")).text).toContain("1.7 加强基层治理,妥善化解矛盾纠纷中没有“火星”");
    expect((await ask("/quote 火星基地")).error?.code).toBe("not_found");
  });
});

describe("the 原文 buttons", () => {
  it("on /stat quote the whole sentence behind the figures, one button for figures of one sentence", async () => {
    const a = await ask("/stat 法律援助");
    expect(a.actions).toEqual([{ label: "原文 1·2", command: "/quote 1.7.3 1114件" }]);
    const pressed = await ask(a.actions[0]?.command ?? "");
    expect(pressed.text).toContain(`“${LEGAL_AID_SENTENCE}”`);
  });

  it("on /search and on questions quote the sentence shown", async () => {
    const search = await ask("/search 公证");
    const second = await ask(search.actions[1]?.command ?? "");
    // The sentence runs from 提升公共法律服务质效 to its 。, the semicolon before 加强对公证业务指导 included.
    expect(second.text).toContain(`“${LEGAL_AID_SENTENCE}”`);
    const question = await ask("法律援助案件有多少件?");
    expect(question.actions[0]?.command).toBe("/quote 1.7.3 1114件");
  });
});

describe("no doubled text", () => {
  it("tags a sentence that is its section's title (a heading, a plan item) by the id alone", async () => {
    const a = await ask("/search 示范创建");
    // 三、2022年度工作安排 (二)继续开展法治政府建设示范创建。
    expect(a.text).toContain("〔3.2〕继续开展法治政府建设示范创建。");
    expect(a.text).not.toContain("〔3.2 继续开展法治政府建设示范创建〕继续开展法治政府建设示范创建");
    const heading = await ask("/search 加强重点领域执法");
    expect(heading.text).toContain("〔1.5.3〕加强重点领域执法。");
  });
});

describe("where the report was published", () => {
  it("shows the page's address in /about and at the end of a quote when the saved page names it", async () => {
    const reports = mkdtempSync(join(tmpdir(), "report-bot-source-"));
    cpSync(
      join(import.meta.dirname, "fixtures", "reports", "zhongxian-2021.gbk.html"),
      join(reports, "zhongxian-2021.html"),
    );
    const page = await makeTestApp({}, reports);
    try {
      const say = (line: string) => page.app.dispatcher.handleLine(line, CONSOLE_CHAT);
      // <link rel="canonical" href="https://zhongxian.example.gov.cn/zwgk/fzzfjsndbg/202202/t20220214_1.html">
      const address = "https://zhongxian.example.gov.cn/zwgk/fzzfjsndbg/202202/t20220214_1.html";
      const about = await say("/about");
      expect(about.text).toContain(`网址: ${address}`);
      expect(about.text).toContain("发布单位: 忠县人民政府");
      expect(about.text).toContain("发布日期: 2022-02-14");
      const quote = await say("/quote 1.7.3 2149件");
      expect(quote.text).toContain(`网址: ${address}`);
      expect(quote.text).toContain(SEED_SOURCE);
    } finally {
      page.cleanup();
      rmSync(reports, { recursive: true, force: true });
    }
  });
});
