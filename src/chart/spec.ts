/** A chart spec from a report's figures: what the picture says, before any geometry. */
import type { ReportIndex } from "../query/report-index.ts";
import type { Figure } from "../report/types.ts";
import type { ChartSpec } from "./layout.ts";
import type { FigureGroup } from "./select.ts";

/** The value as the report writes it, with a qualifier (约, 超) written before the number. */
function asWritten(f: Figure): string {
  return f.qualifier && !f.raw.includes(f.qualifier) ? `${f.qualifier}${f.raw}` : f.raw;
}

/** The spec of a chart of these groups: titled `title` and the report, sources in the footnote. */
export function chartSpec(title: string, report: ReportIndex, groups: readonly FigureGroup[]): ChartSpec {
  const sectionIds = [...new Set(groups.flatMap((g) => g.figures.map((f) => f.sectionId)))];
  return {
    title,
    subtitle: report.report.title,
    groups: groups.map((g) => ({
      unit: g.unit,
      percent: g.percent,
      bars: g.figures.map((f) => ({ label: f.label, raw: asWritten(f), value: f.value })),
    })),
    footnote: `来源: ${sectionIds.map((id) => `${id} ${report.titleOf(id)}`).join("；")}`,
  };
}
