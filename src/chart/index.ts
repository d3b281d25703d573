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
import { type LineChartSpec, layoutLineChart } from "./line.ts";
import { renderPng } from "./render.ts";
import { drawingToSvg } from "./svg.ts";

/** The SVG of a chart spec: bars, or lines over years (a spec with series). */
export function chartSvg(spec: ChartSpec | LineChartSpec): string {
  const font = chartFont();
  return drawingToSvg("series" in spec ? layoutLineChart(spec, font) : layoutChart(spec, font), font);
}

/** A chart drawn (or found) in the folder, or why there is none: its file could not be written. */
export type DrawnChart =
  | { image: AnswerImage; cached: boolean }
  | { image: null; reason: "full" | "unwritable" };

/** File-system codes of a disk or quota with no room left. */
const NO_ROOM = new Set(["ENOSPC", "EDQUOT", "EFBIG"]);

/** The errno name (ENOSPC, EACCES…) of a failed file-system call; null for any other error. */
function fileSystemCode(error: unknown): string | null {
  if (!(error instanceof Error && "code" in error && typeof error.code === "string")) return null;
  return /^E[A-Z0-9]+$/.test(error.code) ? error.code : null;
}

/** Draws charts into one folder, each PNG kept for its report version. */
export class Charts {
  private readonly cache: ChartCache;

  constructor(
    directory: string,
    /** Told of each chart whose file could not be written (the app logs it). */
    private readonly onWriteFailure: (error: unknown) => void = () => {},
  ) {
    this.cache = new ChartCache(resolve(directory));
  }

  /**
   * The PNG of a chart spec for this report version: from the folder, or rendered into it.
   * A folder that cannot take the file (full, read-only) is a value, not an exception: the
   * answer goes out without its picture.
   */
  draw(spec: ChartSpec | LineChartSpec, report: ReportRef): DrawnChart {
    try {
      return this.cache.obtain(report, chartSvg(spec), renderPng);
    } catch (error) {
      const code = fileSystemCode(error);
      if (code === null) throw error;
      this.onWriteFailure(error);
      return { image: null, reason: NO_ROOM.has(code) ? "full" : "unwritable" };
    }
  }
}
