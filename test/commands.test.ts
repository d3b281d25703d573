import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import type { Answer } from "../src/answer/answer.ts";
import type { App } from "../src/app.ts";
import { makeTestApp } from "./helpers/app.ts";

let app: App;
let cleanup: () => void;
beforeAll(async () => {
  ({ app, cleanup } = await makeTestApp());
});
afterAll(() => cleanup());

const ask = (line: string): Promise<Answer> => app.dispatcher.handleLine(line, CONSOLE_CHAT);
const raws = (a: Answer) => a.figures.map((f) => f.raw);

describe("/stat", () => {
  it("answers with the figures, their labels, sections and source sentences", async () => {
    const a = await ask("/stat 法律援助");
    expect(a.ok).toBe(true);
    expect(raws(a).slice(0, 2)).toEqual(["1114件", "1610.8万余元"]);
    expect(a.figures[0]).toMatchObject({ value: 1114, unit: "件", label: "法律援助案件", sectionId: "1.7" });
    expect(a.figures[0]?.sentence).toContain("法律援助案件1114件");
    expect(a.sections[0]).toEqual({ id: "1.7", title: "加强基层治理,妥善化解矛盾纠纷" });
    expect(a.text).toContain("来源: 忠县人民政府2021年法治政府建设年度报告");
  });

  it("ranks a label match above a sentence match", async () => {
    // 16870人次 is labelled 执法人员; other figures only mention it in their sentences.
    const a = await ask("/stat 执法人员");
    expect(raws(a)[0]).toBe("16870人次");
  });

  it("matches the title of the item a figure sits in", async () => {
    const a = await ask("/stat 合法性审核");
    expect(raws(a)).toEqual(expect.arrayContaining(["82件", "82份", "812条"]));
  });

  it("ANDs several keywords", async () => {
    const a = await ask("/stat 食品 合格率");
    expect(raws(a)).toContain("98%");
    expect(a.figures.every((f) => `${f.label}${f.sentence}`.includes("合格率"))).toBe(true);
  });

  it("reads traditional characters and full-width input", async () => {
    expect(raws(await ask("/stat 公證"))).toContain("2149件");
    expect(raws(await ask("／stat　行政複議"))).toContain("52件");
  });

  it("pages long answers, ten at a time", async () => {
    const first = await ask("/stat 件");
    expect(first.figures).toHaveLength(10);
    expect(first.paging?.next?.command).toBe("/stat 件 page:2");
    const second = await ask(first.paging?.next?.command ?? "");
    expect(second.paging?.page).toBe(2);
    expect(second.figures[0]?.raw).not.toBe(first.figures[0]?.raw);
  });

  it("suggests near words when nothing matches", async () => {
    const a = await ask("/stat 法律援肋");
    expect(a.ok).toBe(false);
    expect(a.error?.code).toBe("not_found");
    expect(a.suggestions.length).toBeGreaterThan(0);
    expect(a.suggestions.length).toBeLessThanOrEqual(5);
    expect(a.suggestions.join(" ")).toContain("法律");
  });

  it("asks for keywords when given none", async () => {
    const a = await ask("/stat");
    expect(a.ok).toBe(false);
    expect(a.error?.code).toBe("bad_input");
    expect(a.text).toContain("/stat <关键词>");
  });
});

describe("/section and /summary", () => {
  const forms: [string, string][] = [
    ["1.7", "1.7"],
    ["七", "1.7"],
    ["(七)", "1.7"],
    ["（七）", "1.7"],
    ["第七", "1.7"],
    ["7", "1.7"],
    ["三", "3"],
    ["二、", "2"],
    ["矛盾纠纷", "1.7"],
    ["放管服", "1.2"],
    ["存在的问题", "2"],
    ["1.3.2", "1.3.2"],
  ];
  for (const [ref, id] of forms) {
    it(`finds section ${id} from "${ref}"`, async () => {
      const a = await ask(`/section ${ref}`);
      expect(a.ok).toBe(true);
      expect(a.sections[0]?.id).toBe(id);
    });
  }

  it("summarises a section with its lead points, key figures and navigation", async () => {
    const a = await ask("/section 七");
    expect(a.title).toBe("1.7 加强基层治理,妥善化解矛盾纠纷");
    expect(a.text).toContain("多元化解矛盾纠纷");
    expect(a.text).toContain("提高公共法律服务水平");
    expect(a.figures.length).toBeGreaterThanOrEqual(3);
    expect(a.figures.length).toBeLessThanOrEqual(5);
    expect(a.actions.map((x) => x.command)).toEqual([
      "/section 1.6",
      "/section 1",
      "/section 1.8",
      "/quote 1.7",
      "/chart 1.7",
    ]);
  });

  it("refuses an unknown section and points at the outline", async () => {
    const a = await ask("/section 航天");
    expect(a.ok).toBe(false);
    expect(a.text).toContain("/toc");
  });

  it("gives an overview with each area's headline figure, the problems and the plan", async () => {
    const a = await ask("/summary");
    expect(a.ok).toBe(true);
    expect(a.text).toContain("忠县人民政府2021年法治政府建设年度报告");
    expect(a.text).toContain("83.3%");
    expect(a.text).toContain("存在的问题: 4项");
    expect(a.text).toContain("法治副主任");
    expect((await ask("/summary 七")).sections[0]?.id).toBe("1.7");
  });
});

describe("/search, /plan, /problems, /toc", () => {
  it("finds sentences with their sections", async () => {
    const a = await ask("/search 十年禁渔");
    expect(a.text).toContain("垂钓");
    expect(a.sections[0]?.id).toBe("1.5");
    const notary = await ask("/search 公证");
    expect(notary.title).toMatch(/共[2-5]句/);
    expect(notary.text).toContain("2149件");
  });

  it("lists the plan and the problems, numbered", async () => {
    const plan = await ask("/plan");
    expect(plan.title).toContain("2022年度工作安排");
    expect(plan.text).toContain("8. 为全县经济社会发展大局保驾护航");
    const problems = await ask("/problems");
    expect(problems.text).toContain("柔性执法");
    expect(problems.text).toContain("4. 各部门重大决策事项档案整理归档不规范");
  });

  it("shows the outline with ids", async () => {
    const toc = await ask("/toc");
    expect(toc.text).toContain("1.7 加强基层治理");
    expect(toc.text).toContain("3.3 为全县经济社会发展大局保驾护航");
    expect(toc.text.length).toBeLessThanOrEqual(4000);
  });
});

describe("/report, /help, /start, /about and unknown commands", () => {
  it("lists the loaded report and says it is the only one", async () => {
    const a = await ask("/report");
    expect(a.title).toContain("1份报告");
    expect(a.text).toContain("zhongxian-2021");
    expect((await ask("/report nosuch")).ok).toBe(false);
  });

  it("explains every command, and one in detail", async () => {
    const help = await ask("/help");
    for (const name of [
      "stat",
      "section",
      "summary",
      "search",
      "plan",
      "problems",
      "toc",
      "report",
      "about",
    ]) {
      expect(help.text).toContain(`/${name}`);
    }
    expect((await ask("/help stat")).text).toContain("/stat 法律援助");
    expect((await ask("/start")).text).toMatch(/\/stat \S+ — 查数字及出处/);
  });

  it("tells the report, version and cache hit rate", async () => {
    const a = await ask("/about");
    expect(a.text).toContain("忠县");
    expect(a.text).toContain("第1版");
    expect(a.text).toMatch(/缓存命中率: [\d.]+%/);
  });

  it("points an unknown command at the nearest one and /help", async () => {
    const typo = await ask("/stats 公证");
    expect(typo.ok).toBe(false);
    expect(typo.text).toContain("/stat");
    const other = await ask("/frobnicate");
    expect(other.error?.code).toBe("unknown_command");
    expect(other.text).toContain("/help");
  });

  it("answers Chinese aliases and plain questions", async () => {
    expect(raws(await ask("/统计 公证"))).toContain("2149件");
    expect(raws(await ask("法律援助"))).toContain("1114件");
    // A phrase no figure's clause says is answered with the sentences that say it.
    const fallback = await ask("法治副主任");
    expect(fallback.command).toBe("ask");
    expect(fallback.reading?.command).toBe("/search 法治副主任");
    expect(fallback.blocks.some((b) => b.kind === "sentences")).toBe(true);
  });
});

describe("hostile input", () => {
  const inputs = [
    '/stat "',
    "/stat *",
    "/stat NEAR(公证",
    "/stat 公证 OR 复议",
    "/search ' OR 1=1; DROP TABLE reports; --",
    "/search <b>法律</b> & <script>",
    `/stat ${"法".repeat(10_000)}`,
    "/stat \u0000\u0007\u202e公证\u200b",
    "/section )(",
    "/search ^:*",
    "/stat page:abc",
    "/stat 公证 page:0",
  ];
  for (const line of inputs) {
    it(`answers ${JSON.stringify(line.slice(0, 30))} with a valid answer`, async () => {
      const a = await ask(line);
      expect(typeof a.ok).toBe("boolean");
      expect(a.text.length).toBeGreaterThan(0);
      expect(a.text.length).toBeLessThanOrEqual(4000);
      if (!a.ok) expect(a.error?.message).toBeTruthy();
    });
  }

  it("refuses input over 100 characters politely", async () => {
    const a = await ask(`/stat ${"法".repeat(101)}`);
    expect(a.ok).toBe(false);
    expect(a.error?.code).toBe("too_long");
  });

  it("leaves the database as it was", async () => {
    for (const line of inputs) await ask(line);
    expect(app.store.reports.list()).toHaveLength(1);
    expect((await ask("/stat 法律援助")).ok).toBe(true);
  });
});

describe("keywords as people type them", () => {
  it("reads /stat 法律援助。 as /stat 法律援助, and “马上办” as 马上办", async () => {
    const stop = await ask("/stat 法律援助。");
    expect(stop.ok).toBe(true);
    expect(stop.title).toBe("“法律援助”的相关数字 (共2项)");
    expect(raws(await ask("/stat “马上办”"))).toContain("742项");
  });

  it("gives each keyword's figures when no figure has both, and says so", async () => {
    // 全年共受理各类法律援助案件1114件 …; 全年办结各类公证案件2149件。
    const a = await ask("/stat 法律援助 公证");
    expect(a.ok).toBe(true);
    expect(a.title).toContain("没有同时涉及“法律援助”和“公证”的数字");
    expect(raws(a)).toEqual(expect.arrayContaining(["1114件", "2149件"]));
  });
});
