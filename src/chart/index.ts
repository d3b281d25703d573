/**
 * Charts of a report's figures: a spec is laid out (layout.ts), written as SVG with the
 * project's CJK font (svg.ts, font.ts), rendered to PNG (render.ts) and kept on disk by
 * report version (cache.ts), in the folder the app gives (CHART_DIR).
 */
import { resolve } from "node:path";
import type { AnswerImage, ReportRef } from "../answer/answer.ts";
import { ChartCache } from "./cache.ts";
import { chartFont } from "./font.ts";
import { type ChartSpec, layoutChart } from "./layout.ts";
import { renderPng } from "./render.ts";
import { drawingToSvg } from "./svg.ts";

/** The SVG of a chart spec. */
export function chartSvg(spec: ChartSpec): string {
  const font = chartFont();
  return drawingToSvg(layoutChart(spec, font), font);
}

/** Draws charts into one folder, each PNG kept for its report version. */
export class Charts {
  private readonly cache: ChartCache;

  constructor(directory: string) {
    this.cache = new ChartCache(resolve(directory));
  }

  /** The PNG of a chart spec for this report version: from the folder, or rendered into it. */
  draw(spec: ChartSpec, report: ReportRef): { image: AnswerImage; cached: boolean } {
    return this.cache.obtain(report, chartSvg(spec), renderPng);
  }
}
