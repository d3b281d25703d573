/**
 * The line chart of the drawing model: a line per place over the years, points left to
 * right in year order at heights in proportion to their values from zero, a missing year
 * breaking its line, nothing off the page; and its PNG.
 */
import { describe, expect, it } from "vitest";
import { chartFont } from "../src/chart/font.ts";
import { chartSvg } from "../src/chart/index.ts";
import { PAGE_WIDTH } from "../src/chart/layout.ts";
import { type LineChartSpec, layoutLineChart } from "../src/chart/line.ts";
import { PIXEL_RATIO, renderPng } from "../src/chart/render.ts";
import { decodePng } from "./helpers/png.ts";

const SPEC: LineChartSpec = {
  title: "地区生产总值",
  subtitle: "2个地区 · 2020–2023年",
  unit: "亿元",
  categories: ["2020年", "2021年", "2022年", "2023年"],
  series: [
    {
      name: "甲区",
      points: [
        { value: 100, raw: "100亿元" },
        { value: 150, raw: "150亿元" },
        null,
        { value: 200, raw: "200亿元" },
      ],
    },
    { name: "乙县", points: [{ value: 50, raw: "50亿元" }, { value: 60, raw: "60亿元" }, null, null] },
  ],
  footnote: "来源: 4份报告",
};

describe("the line chart's layout", () => {
  const drawing = layoutLineChart(SPEC, chartFont());

  it("puts each series' points left to right in year order, higher for larger values, from zero", () => {
    const first = drawing.points.filter((p) => p.series === 0);
    expect(first.map((p) => p.category)).toEqual([0, 1, 3]);
    const xs = first.map((p) => p.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    const [a, b] = first;
    // The zero line: the lowest grid line of the plot (the footnote's rule starts at the page's margin).
    const grid = drawing.shapes.flatMap((s) =>
      s.kind === "line" && s.y1 === s.y2 && s.x1 > 24 ? [s.y1] : [],
    );
    const baseline = Math.max(...grid);
    expect((baseline - (a?.y ?? 0)) / (baseline - (b?.y ?? 0))).toBeCloseTo(100 / 150, 5);
  });

  it("breaks a line where a year is missing, and draws none for a lone point", () => {
    const segments = drawing.shapes.filter(
      (s) => s.kind === "line" && s.stroke !== "#c9ced6" && s.stroke !== "#eceff3",
    );
    // 甲区: 2020–2021 only (2022 is missing, so 2021 and 2023 are not joined); 乙县: 2020–2021.
    expect(segments).toHaveLength(2);
  });

  it("keeps every shape on the page and labels the points with the values as written", () => {
    for (const s of drawing.shapes) {
      const x = s.kind === "line" ? Math.max(s.x1, s.x2) : s.x;
      expect(x).toBeLessThanOrEqual(PAGE_WIDTH);
    }
    const texts = drawing.shapes.flatMap((s) => (s.kind === "text" ? [s.text] : []));
    expect(texts).toEqual(
      expect.arrayContaining(["100亿元", "200亿元", "甲区", "乙县", "单位: 亿元", "2023年"]),
    );
  });

  it("renders to a PNG of the page's width", () => {
    const png = decodePng(Buffer.from(renderPng(chartSvg(SPEC)).data));
    expect(png.width).toBe(PAGE_WIDTH * PIXEL_RATIO);
    expect(png.height).toBe(drawing.height * PIXEL_RATIO);
  });
});
