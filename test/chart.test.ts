/**
 * Charts: which figures are drawn, the drawing model (order, proportion, nothing off the
 * page), the PNG (decodes, size, not blank, matches the golden image), the chart cache by
 * report version, and /chart and the /section "图表" button through the dispatcher.
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import type { Answer } from "../src/answer/answer.ts";
import type { App } from "../src/app.ts";
import { ChartCache } from "../src/chart/cache.ts";
import { chartFont } from "../src/chart/font.ts";
import { chartSvg } from "../src/chart/index.ts";
import { type ChartSpec, layoutChart, PAGE_WIDTH } from "../src/chart/layout.ts";
import { PIXEL_RATIO, renderPng } from "../src/chart/render.ts";
import { chartChoice, chooseFigures, nothingToCompare, searchedFigures } from "../src/chart/select.ts";
import { chartSpec } from "../src/chart/spec.ts";
import type { ReportIndex } from "../src/query/report-index.ts";
import type { Figure } from "../src/report/types.ts";
import { syncDirectory } from "../src/store/index.ts";
import { makeTestApp, SEED_REPORTS } from "./helpers/app.ts";
import { consoleTranscript } from "./helpers/console.ts";
import { type DecodedPng, decodePng } from "./helpers/png.ts";

const GOLDEN = join(import.meta.dirname, "fixtures", "chart-golden.png");

/** A chart that does not depend on the parser: two units, a long label, a wrapped footnote. */
const GOLDEN_SPEC: ChartSpec = {
  title: "调解 · 相关数字",
  subtitle: "某县人民政府2021年法治政府建设年度报告",
  groups: [
    {
      unit: "件",
      percent: false,
      bars: [
        { label: "受理矛盾纠纷", raw: "3298件", value: 3298 },
        { label: "调解成功", raw: "3265件", value: 3265 },
        { label: "法律援助案件 (含刑事、民事、行政案件及其他各类)", raw: "1114件", value: 1114 },
        { label: "复议", raw: "40余件", value: 40 },
      ],
    },
    { unit: "%", percent: true, bars: [{ label: "调解成功率", raw: "99%", value: 99 }] },
  ],
  footnote: `来源: ${"1.7 加强基层治理,妥善化解矛盾纠纷；".repeat(4)}1.8 其他`,
};

function figure(
  label: string,
  value: number,
  unit: string,
  offset: number,
  change: Figure["change"] = null,
): Figure {
  return {
    value,
    unit,
    raw: `${value}${unit}`,
    qualifier: null,
    change,
    kind: change === null ? "amount" : "change",
    linkedTo: null,
    label,
    sectionId: "1.2",
    nodeId: "1.2.4",
    sentence: "",
    sentenceIndex: 0,
    offset,
  };
}

/** Share of pixels that are not (near) white. */
function inkShare(png: DecodedPng): number {
  let ink = 0;
  for (let i = 0; i < png.pixels.length; i += 4) {
    if ((png.pixels[i] ?? 255) < 240 || (png.pixels[i + 1] ?? 255) < 240 || (png.pixels[i + 2] ?? 255) < 240)
      ink++;
  }
  return ink / (png.pixels.length / 4);
}

function pixelAt(png: DecodedPng, x: number, y: number): string {
  const i = (Math.round(y) * png.width + Math.round(x)) * 4;
  return `#${[...png.pixels.subarray(i, i + 3)].map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

let app: App;
let dir: string;
let cleanup: () => void;
let report: ReportIndex;

beforeAll(async () => {
  ({ app, dir, cleanup } = await makeTestApp());
  const current = app.knowledge.current("console:local");
  if (!current) throw new Error("the seed report did not load");
  report = current;
});
afterAll(() => cleanup());

const ask = (line: string) => app.dispatcher.handleLine(line, CONSOLE_CHAT);

describe("choosing figures to compare", () => {
  const none = { countOf: () => null, weight: () => 1 };

  it("groups by unit, leaves out changes, keeps a lone count as a value and a lone percentage as a bar", () => {
    const ranked = [
      figure("马上办", 742, "项", 30),
      figure("事项", 1366, "项", 10),
      figure("增加", 10, "项", 5, "increase"),
      figure("金额", 1987.16, "万元", 40),
      figure("占比", 54.32, "%", 35),
    ];
    const { groups, leftOut } = chooseFigures(ranked, none);
    expect(groups.map((g) => [g.unit, g.percent, g.single, g.figures.map((f) => f.label)])).toEqual([
      ["项", false, false, ["事项", "马上办"]],
      ["万元", false, true, ["金额"]],
      ["%", true, false, ["占比"]],
    ]);
    expect(leftOut).toBe(1);
  });

  it("writes a rate beside its count instead of drawing it apart", () => {
    const count = figure("调解成功", 3265, "件", 10);
    const rate = { ...figure("调解成功率", 99, "%", 20), kind: "rate" as const };
    const total = figure("调解纠纷", 3298, "件", 5);
    const choice = chooseFigures([total, count, rate], {
      countOf: (f) => (f === rate ? count : null),
      weight: () => 1,
    });
    expect(choice.groups.map((g) => g.figures.map((f) => f.label))).toEqual([["调解纠纷", "调解成功"]]);
    expect(choice.rates.get(count)).toEqual([rate]);
    expect(choice.leftOut).toBe(0);
  });

  it("keeps one figure per label, the heavier, so no two bars read the same", () => {
    const batches = figure("下发便民代办事项指导目录", 2, "批次", 10);
    const items = figure("下发便民代办事项指导目录", 138, "项", 11);
    const other = figure("一次办", 612, "项", 5);
    const weight = (f: Figure) => (f === batches ? 0.1 : 0.5);
    const choice = chooseFigures([batches, items, other], { countOf: () => null, weight });
    expect(choice.groups.flatMap((g) => g.figures.map((f) => f.raw))).toEqual(["612项", "138项"]);
    expect(choice.leftOut).toBe(1);
  });

  it("keeps the first figures within the limit, drawn in report order", () => {
    const ranked = Array.from({ length: 14 }, (_, i) => figure(`第${i}项`, i + 1, "件", 100 - i));
    const { groups, leftOut } = chooseFigures(ranked, none, { rows: 4 });
    // The four first given, drawn in report order (lower offset first).
    expect(groups[0]?.figures.map((f) => f.label)).toEqual(["第3项", "第2项", "第1项", "第0项"]);
    expect(leftOut).toBe(10);
  });

  it("finds nothing to compare in one figure alone, or in changes only", () => {
    expect(nothingToCompare(chooseFigures([figure("公证案件", 2149, "件", 0)], none))).toBe(
      "只有一项数字 (公证案件 2149件), 没有可以比较的",
    );
    expect(nothingToCompare(chooseFigures([figure("增加", 10, "项", 0, "increase")], none))).toContain(
      "增减",
    );
    expect(
      nothingToCompare(chooseFigures([figure("金额", 1, "万元", 0), figure("人", 2, "人", 1)], none)),
    ).toBeNull();
  });
});

describe("the drawing model", () => {
  it("draws /chart 政务服务 as the total and its parts, each share beside its part, each bar in proportion", () => {
    const spec = searchSpec("政务服务");
    const drawing = layoutChart(spec, chartFont());
    // 全县1366项依申请类政务服务事项实现“马上办”的有742项,占比54.32%;实现全程网办的有1150项,占比84.19%;
    // 实现“一次办”的有612项,占比44.80%;…领取发布120余项…;…指导目录共138项 (分2批次下发: the same label, not drawn).
    expect(drawing.bars.map((b) => `${b.label} ${b.raw}${b.note ? ` ${b.note}` : ""}`)).toEqual([
      "依申请类政务服务事项 1366项",
      "马上办 742项 占比54.32%",
      "全程网办 1150项 占比84.19%",
      "一次办 612项 占比44.80%",
      "领取发布依申请类政务服务事项 120余项",
      "下发忠县村便民代办事项指导目录 138项",
    ]);
    // Top to bottom in that order, every bar from the same baseline, against the largest.
    const ys = drawing.bars.map((b) => b.y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expect(new Set(drawing.bars.map((b) => b.x)).size).toBe(1);
    const longest = Math.max(...drawing.bars.map((b) => b.width));
    for (const b of drawing.bars) expect(b.width / longest).toBeCloseTo(b.value / 1366, 6);
    const texts = drawing.shapes.flatMap((s) => (s.kind === "text" ? [s.text] : []));
    expect(texts).toContain("占比54.32%");
    expect(spec.footnote).toBe("来源: 1.2 持续深化“放管服”改革,不断优化法治化营商环境");
  });

  it("draws percentages against 100%, and a figure alone in its unit as its value without a bar", () => {
    const spec: ChartSpec = {
      title: "t",
      subtitle: "s",
      groups: [
        { unit: "%", percent: true, bars: [{ label: "成功率", raw: "50%", value: 50 }] },
        {
          unit: "批次",
          percent: false,
          single: true,
          bars: [{ label: "抽检", raw: "3229批次", value: 3229, note: "合格率98%" }],
        },
      ],
      footnote: "来源",
    };
    const drawing = layoutChart(spec, chartFont());
    expect(drawing.bars.map((b) => b.label)).toEqual(["成功率"]);
    const rects = drawing.shapes.filter((s) => s.kind === "rect");
    // The 100% track and the 50% bar, half as long; no rectangle for 3229批次.
    expect(rects).toHaveLength(2);
    const [track, bar] = rects.map((r) => (r.kind === "rect" ? r.width : 0));
    expect((bar ?? 0) / (track ?? 1)).toBeCloseTo(0.5, 6);
    const texts = drawing.shapes.flatMap((s) => (s.kind === "text" ? [s.text] : []));
    expect(texts).toEqual(expect.arrayContaining(["抽检", "3229批次", "合格率98%"]));
  });

  it("keeps every line of text on the page, cutting a long label with …", () => {
    const font = chartFont();
    const drawing = layoutChart(GOLDEN_SPEC, font);
    const texts = drawing.shapes.flatMap((s) => (s.kind === "text" ? [s] : []));
    for (const t of texts) {
      expect(t.x).toBeGreaterThanOrEqual(0);
      expect(t.x + font.width(t.text, t.size)).toBeLessThanOrEqual(PAGE_WIDTH);
      expect(t.y).toBeLessThanOrEqual(drawing.height);
    }
    expect(texts.some((t) => t.text.startsWith("法律援助案件") && t.text.endsWith("…"))).toBe(true);
    // The footnote is wrapped, not cut: all of it is there.
    const footnote = texts.filter((t) => t.size === 11.5).map((t) => t.text);
    expect(footnote.length).toBeGreaterThan(1);
    expect(footnote.join("")).toBe(GOLDEN_SPEC.footnote);
  });
});

describe("the PNG", () => {
  it("decodes, is twice the page in size, is not blank, and shows the bars where the model puts them", () => {
    const drawing = layoutChart(GOLDEN_SPEC, chartFont());
    const rendered = renderPng(chartSvg(GOLDEN_SPEC));
    const png = decodePng(rendered.data);
    expect([png.width, png.height]).toEqual([PAGE_WIDTH * PIXEL_RATIO, drawing.height * PIXEL_RATIO]);
    expect([rendered.width, rendered.height]).toEqual([png.width, png.height]);
    const ink = inkShare(png);
    expect(ink).toBeGreaterThan(0.03);
    expect(ink).toBeLessThan(0.5);
    for (const bar of drawing.bars) {
      const middle = (v: number, size: number) => (v + size / 2) * PIXEL_RATIO;
      const colour = pixelAt(png, middle(bar.x, bar.width), middle(bar.y, bar.height));
      expect(colour).toBe(bar.group === 0 ? "#2f6fbd" : "#e07b39");
    }
    // Past the end of the shortest count bar (and its value) the row is white.
    const short = drawing.bars.find((b) => b.label === "复议");
    if (!short) throw new Error("no bar for 复议");
    expect(pixelAt(png, (short.x + 300) * PIXEL_RATIO, (short.y + short.height / 2) * PIXEL_RATIO)).toBe(
      "#ffffff",
    );
  });

  it("matches the golden image within a small tolerance", () => {
    const rendered = renderPng(chartSvg(GOLDEN_SPEC)).data;
    if (process.env.UPDATE_GOLDEN === "1") {
      // A new golden image after a deliberate change of the drawing. Comparing the drawing
      // with the file just written from it would prove nothing, so this run fails instead.
      writeFileSync(GOLDEN, rendered);
      throw new Error(`wrote ${GOLDEN}: look at it, then run the test again without UPDATE_GOLDEN`);
    }
    const png = decodePng(rendered);
    const golden = decodePng(readFileSync(GOLDEN));
    expect([png.width, png.height]).toEqual([golden.width, golden.height]);
    let total = 0;
    let far = 0;
    for (let i = 0; i < png.pixels.length; i += 4) {
      let worst = 0;
      for (let c = 0; c < 3; c++) {
        const d = Math.abs((png.pixels[i + c] ?? 0) - (golden.pixels[i + c] ?? 0));
        total += d;
        worst = Math.max(worst, d);
      }
      if (worst > 64) far++;
    }
    const pixels = png.pixels.length / 4;
    // Anti-aliasing may differ by a shade across machines; a moved bar or label may not.
    expect(total / (pixels * 3)).toBeLessThan(1);
    expect(far / pixels).toBeLessThan(0.002);
  });
});

describe("the chart cache", () => {
  it("renders a chart once per report version and finds the file on the next request", async () => {
    const first = await ask("/chart 调解");
    expect(first.ok).toBe(true);
    expect(first.cached).toBe(false);
    const path = first.image?.path ?? "";
    expect(path.startsWith(join(dir, "charts"))).toBe(true);
    const written = statSync(path).ino;
    const second = await ask("/chart 调解");
    expect(second.cached).toBe(true);
    expect(second.image).toEqual(first.image);
    expect(statSync(path).ino).toBe(written);
    // The file is the picture of exactly this spec: its name carries the SVG's hash.
    const spec = searchSpec("调解");
    expect(new ChartCache(join(dir, "charts")).pathFor(report.ref(), chartSvg(spec))).toBe(path);
  });

  it("keeps at most maxFiles charts, the least recently used going first, and only its own report's versions", () => {
    const folder = join(dir, "bounded");
    const cache = new ChartCache(folder, 2);
    const tiny = (n: number) => `<svg xmlns="http://www.w3.org/2000/svg" width="${n}" height="4"/>`;
    const a = { id: "a", title: "A", version: 1 };
    const other = { id: "a-v2", title: "another report whose id holds -v", version: 1 };
    const first = cache.obtain(a, tiny(1), renderPng).image.path;
    const kept = cache.obtain(other, tiny(2), renderPng).image.path;
    expect(cache.obtain(a, tiny(1), renderPng).cached).toBe(true); // used again: now the newest
    const utime = new Date(Date.now() - 60_000);
    utimesSync(kept, utime, utime);
    cache.obtain(a, tiny(3), renderPng);
    expect([existsSync(first), existsSync(kept)]).toEqual([true, false]);

    // A new version of "a" removes a's old files, not those of "a-v2".
    const roomy = new ChartCache(join(dir, "versions"));
    const old = roomy.obtain(a, tiny(1), renderPng).image.path;
    const others = roomy.obtain(other, tiny(2), renderPng).image.path;
    roomy.obtain({ ...a, version: 2 }, tiny(1), renderPng);
    expect([existsSync(old), existsSync(others)]).toEqual([false, true]);
  });

  it("draws again from the file when the chart folder was emptied", async () => {
    const first = await ask("/chart 政务服务");
    const path = first.image?.path ?? "";
    writeFileSync(path, "");
    const again = await ask("/chart 政务服务");
    expect(again.cached).toBe(false);
    expect(decodePng(readFileSync(path)).width).toBe(PAGE_WIDTH * PIXEL_RATIO);
  });

  it("keys charts by report version: a new version gets new files and the old ones go", async () => {
    const before = await ask("/chart 调解");
    const oldPath = before.image?.path ?? "";
    expect(oldPath).toMatch(/-v1-[0-9a-f]+\.png$/);
    const file = join(dir, "reports", "zhongxian-2021.txt");
    appendFileSync(file, "\n");
    await syncDirectory(app.store.reports, join(dir, "reports"));
    const after = await ask("/chart 调解");
    expect(after.report?.version).toBe(2);
    expect(after.cached).toBe(false);
    expect(after.image?.path).toMatch(/-v2-[0-9a-f]+\.png$/);
    expect(existsSync(oldPath)).toBe(false);
  });
});

/** The spec /chart draws for a keyword. */
function searchSpec(keyword: string): ChartSpec {
  const { figures, source } = searchedFigures(report, [keyword]);
  return chartSpec(`${keyword} · 相关数字`, report, chartChoice(report, figures, source));
}

describe("/chart and the /section button", () => {
  it("answers /chart with the drawn figures, the image's size and a way back to the figures", async () => {
    const answer = await ask("/chart 政务服务");
    expect(answer.ok).toBe(true);
    expect(answer.title).toBe("“政务服务”相关数字 · 图表 (6项)");
    expect(answer.figures.map((f) => f.raw)).toEqual([
      "1366项",
      "742项",
      "1150项",
      "612项",
      "120余项",
      "138项",
    ]);
    expect(answer.figures[1]?.related).toBe("占比54.32%");
    const png = decodePng(readFileSync(answer.image?.path ?? ""));
    expect(answer.image).toMatchObject({ width: png.width, height: png.height });
    expect(answer.actions).toEqual([{ label: "全部数字", command: "/stat 政务服务" }]);
    expect(answer.text).toContain("马上办: 742项");
  });

  it("offers 图表 on a section with comparable figures, and charts that section", async () => {
    const section = await ask("/section 1.7");
    expect(section.actions).toContainEqual({ label: "图表", command: "/chart 1.7" });
    const chart = await ask("/chart 1.7");
    expect(chart.ok).toBe(true);
    expect(chart.figures.every((f) => f.nodeId === "1.7" || f.nodeId.startsWith("1.7."))).toBe(true);
    expect(chart.actions).toEqual([{ label: "↑ 1.7", command: "/section 1.7" }]);
    const plain = await ask("/section 存在的问题");
    expect(plain.actions.some((a) => a.command.startsWith("/chart"))).toBe(false);
  });

  it("charts a topic by its headline figures: /chart 食品安全 with 3229批次, /chart 欠薪 with its three", async () => {
    // 完成食品安全监督抽检3229批次,抽检量达4.5批次/千人,食品安全评价性抽检合格率98%。…食品安全群众综合满意度86.41分
    const food = await ask("/chart 食品安全");
    expect(food.ok).toBe(true);
    expect(food.figures[0]).toMatchObject({ raw: "3229批次", related: "食品安全评价性抽检合格率98%" });
    expect(food.figures.map((f) => f.raw)).toContain("86.41分");
    // 共受理欠薪投诉229件,涉及农民工1760人、金额1987.16万元。
    const wages = await ask("/chart 欠薪");
    expect(wages.ok).toBe(true);
    expect(wages.image).toBeDefined();
    expect(wages.figures.map((f) => f.raw).sort()).toEqual(["1760人", "1987.16万元", "229件"]);
  });

  it("never draws two bars or values with the same label", () => {
    const specs = [
      ...report.sections.map((s) =>
        chartSpec(s.id, report, chartChoice(report, report.figuresUnder(s.id), { sectionId: s.id })),
      ),
      ...["政务服务", "执法", "案件", "食品", "农民工", "万元", "人次", "事项"].map(searchSpec),
    ];
    for (const spec of specs) {
      const labels = spec.groups.flatMap((g) => g.bars.map((b) => b.label));
      expect(new Set(labels).size, `${spec.title}: ${labels.join(" ")}`).toBe(labels.length);
    }
  });

  it("refuses what cannot be compared, and what matches nothing, without drawing", async () => {
    const alone = await ask("/chart 公证");
    expect(alone.ok).toBe(false);
    expect(alone.error?.code).toBe("not_found");
    expect(alone.text).toContain("只有一项数字 (公证案件 2149件), 没有可以比较的");
    expect(alone.suggestions).toEqual(["/stat 公证"]);
    expect(alone.image).toBeUndefined();
    const none = await ask("/chart 火星基地");
    expect(none.error?.code).toBe("not_found");
    expect(none.image).toBeUndefined();
  });

  it("adds image {path, width, height} to ask --json, the chart kept beside the database", () => {
    const result = spawnSync(
      process.execPath,
      ["--import", "tsx", "src/cli/ask.ts", "--json", "/chart 调解"],
      {
        cwd: join(import.meta.dirname, ".."),
        encoding: "utf8",
        timeout: 60_000,
        env: {
          PATH: process.env.PATH,
          REPORTS_DIR: SEED_REPORTS,
          DATABASE_PATH: join(dir, "ask", "bot.sqlite"),
        },
      },
    );
    expect(result.status).toBe(0);
    const { image } = JSON.parse(result.stdout) as Answer;
    expect(Object.keys(image ?? {}).sort()).toEqual(["height", "path", "width"]);
    expect(image?.path.startsWith(join(dir, "ask", "charts"))).toBe(true);
    const png = decodePng(readFileSync(image?.path ?? ""));
    expect([png.width, png.height]).toEqual([image?.width, image?.height]);
  });

  it("prints the PNG's path in the console", async () => {
    const shown = await consoleTranscript(app, "/chart 调解\n");
    expect(shown).toMatch(/图表: \/\S+\.png/);
    const path = /图表: (\S+\.png)/.exec(shown)?.[1] ?? "";
    expect(decodePng(readFileSync(path)).width).toBe(PAGE_WIDTH * PIXEL_RATIO);
  });
});
