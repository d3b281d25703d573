/**
 * A figure's weight in its section, as /summary, /section and charts use it: the roles read
 * from the sentences (a total and its parts, a rate and its count, an item's lead figure),
 * and what the answers then lead with. Every expected value is read from the reports' text.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import type { App } from "../src/app.ts";
import type { ReportIndex } from "../src/query/report-index.ts";
import type { Figure } from "../src/report/types.ts";
import { makeTestApp } from "./helpers/app.ts";

const CORPUS = join(import.meta.dirname, "fixtures", "corpus", "work-reports");

let app: App;
let seed: ReportIndex;
let workReport: ReportIndex;
let cleanup: () => void;
let reports: string;
beforeAll(async () => {
  // The seed, and 易县2019年政府工作报告 for a part that opens with its year's figures.
  reports = mkdtempSync(join(tmpdir(), "report-bot-weights-"));
  cpSync(join(import.meta.dirname, "..", "data", "reports"), reports, { recursive: true });
  cpSync(join(CORPUS, "yixian-2019.txt"), join(reports, "yixian-2019.txt"));
  ({ app, cleanup } = await makeTestApp({ DEFAULT_REPORT: "zhongxian-2021" }, reports));
  const a = app.knowledge.index("zhongxian-2021");
  const b = app.knowledge.index("yixian-2019");
  if (!a || !b) throw new Error("the reports did not load");
  seed = a;
  workReport = b;
});
afterAll(() => {
  cleanup();
  rmSync(reports, { recursive: true, force: true });
});

const ask = (line: string) => app.dispatcher.handleLine(line, CONSOLE_CHAT);

/** The figure written `raw` in the sentence starting with `opening`. */
function find(report: ReportIndex, raw: string, opening: string): Figure {
  const f = report.figures.find((g) => g.raw === raw && g.sentence.startsWith(opening));
  if (!f) throw new Error(`no ${raw} in “${opening}…”`);
  return f;
}

describe("what a figure is to the figures around it", () => {
  it("reads a total and its parts: 其中, a clause that only says what was done, a count with its share", () => {
    const role = (raw: string, opening: string) =>
      seed.figureWeights.role(find(seed, raw, opening)).partOf?.raw;
    // 2021年共计立案查处案件258件,其中食品案件132件,药品案件36件。
    expect(role("132件", "认真开展民生领域")).toBe("258件");
    expect(role("36件", "认真开展民生领域")).toBe("258件");
    // 全县各调委会调解各类纠纷3298件,调解成功3265件,成功率达99 %。
    expect(role("3265件", "深入实施“枫桥经验”")).toBe("3298件");
    // 2021共收到劳动仲裁申请185件,立案处理157件,办结156件,结案率98.1%。
    expect(role("157件", "2021共收到劳动仲裁申请")).toBe("185件");
    expect(["185件", "157件"]).toContain(role("156件", "2021共收到劳动仲裁申请"));
    // 全县1366项依申请类政务服务事项实现“马上办”的有742项,占比54.32%; 实现全程网办的有1150项,占比84.19%;
    expect(role("742项", "全县1366项")).toBe("1366项");
    expect(role("1150项", "实现全程网办")).toBe("1366项");
  });

  it("keeps apart what is counted side by side: 收缴 and 免交, two kinds of case, 城镇 and 农村", () => {
    const role = (report: ReportIndex, raw: string, opening: string) =>
      report.figureWeights.role(find(report, raw, opening)).partOf;
    // 收缴64个工程项目农民工工资保证金2180.99万元,33个工程项目免交农民工工资保证金846.69万元;
    expect(role(seed, "846.69万元", "落实“一金三制”")).toBeNull();
    expect(role(seed, "33个", "落实“一金三制”")).toBeNull();
    // 立案查处食品案件132件,药品案件36件。
    expect(role(seed, "36件", "立案查处食品案件")).toBeNull();
    // 城乡居民人均可支配收入分别达到24302元和9194元
    expect(role(workReport, "9194元", "城乡居民人均可支配收入分别")).toBeNull();
  });

  it("pairs a rate with the count it rates, and leaves a rate alone when it has none", () => {
    const count = (raw: string, opening: string) =>
      seed.figureWeights.role(find(seed, raw, opening)).countOf?.raw;
    expect(count("99 %", "深入实施“枫桥经验”")).toBe("3265件");
    expect(count("54.32%", "全县1366项")).toBe("742项");
    expect(count("98.1%", "2021共收到劳动仲裁申请")).toBe("156件");
    // 完成食品安全监督抽检3229批次,抽检量达4.5批次/千人,食品安全评价性抽检合格率98%: not the per-capita ratio.
    expect(count("98%", "加强食品药品安全执法监管")).toBe("3229批次");
    expect(count("83.3%", "强化司法行政机关")).toBeUndefined();
  });

  it("pairs a rank with the figure it ranks, and shows them together", async () => {
    // 食品安全群众综合满意度86.41分,列全市第四。
    expect(seed.figureWeights.role(find(seed, "全市第四", "食品安全群众综合满意度")).countOf?.raw).toBe(
      "86.41分",
    );
    const chart = await ask("/chart 食品安全");
    expect(chart.text).toContain("86.41分, 列全市第四");
  });
});

describe("the heaviest figures of a section", () => {
  it("puts a total before its part and the largest counts first", () => {
    const inside = seed.figuresUnder("1.7");
    const weights = seed.figureWeights.weigh(inside, "1.7");
    const weight = (raw: string) => weights.get(inside.find((f) => f.raw === raw) as Figure) ?? 0;
    expect(weight("3298件")).toBeGreaterThan(weight("3265件"));
    expect(weight("2149件")).toBeGreaterThan(weight("52件"));
    expect(weight("1114件")).toBeGreaterThan(weight("224件"));
  });

  it("leads a work report's review with the figures of its opening (生产总值122.4亿元)", () => {
    const heaviest = workReport.figureWeights
      .heaviest(workReport.figuresUnder("1"), 5, "1")
      .map((f) => f.raw);
    expect(heaviest).toContain("122.4亿元");
    expect(heaviest).toContain("106亿元");
  });
});

describe("/section, /summary and /stat <section id>", () => {
  it("shows /section 七's biggest figures, 3298件, 1114件 and 2149件, and says how to see all ten", async () => {
    const a = await ask("/section 七");
    const raws = a.figures.map((f) => f.raw);
    for (const raw of ["3298件", "1114件", "2149件"]) expect(raws).toContain(raw);
    expect(raws).not.toContain("52件");
    expect(a.text).toContain("共10项数字, /stat 1.7 查看全部");
  });

  it("shows a rate beside its count rather than in a line of its own", async () => {
    const a = await ask("/section 1.5");
    const sampling = a.figures.find((f) => f.raw === "3229批次");
    expect(sampling?.related).toBe("食品安全评价性抽检合格率98%");
    expect(a.figures.map((f) => f.raw)).not.toContain("98%");
    expect(a.text).toContain("食品安全监督抽检: 3229批次, 食品安全评价性抽检合格率98%");
    const stat = await ask("/stat 调解");
    expect(stat.figures.find((f) => f.raw === "3265件")?.related).toBe("成功率99 %");
  });

  it("heads each area of /summary with a figure worth it, and none with a handful", async () => {
    const lines = (await ask("/summary")).text.split("\n");
    const area = (id: string) => lines.find((l) => l.startsWith(`• ${id} `)) ?? "";
    expect(area("1.4")).not.toContain("1名");
    expect(area("1.5")).not.toContain("2篇");
    expect(area("1.5")).toContain("16870人次");
    expect(area("1.6")).toContain("83.3%");
    expect(area("1.7")).toContain("3298件");
  });

  it("lists every figure of a section on /stat 1.7, in report order", async () => {
    const a = await ask("/stat 1.7");
    expect(a.ok).toBe(true);
    expect(a.figures.map((f) => f.raw)).toEqual([
      "3298件",
      "3265件",
      "99 %",
      "52件",
      "320余场次",
      "1.2万余人次",
      "224件",
      "1114件",
      "1610.8万余元",
      "2149件",
    ]);
    expect(a.actions[0]).toEqual({ label: "↑ 1.7", command: "/section 1.7" });
    const long = await ask("/stat 1.5");
    expect(long.paging?.line).toBe("/stat 1.5");
    expect((await ask("/stat 2")).error?.code).toBe("not_found");
  });
});
