/** A chart spec from a report's figures: what the picture says, before any geometry. */
import { rateText } from "../answer/views.ts";
import type { ReportIndex } from "../query/report-index.ts";
import type { Figure } from "../report/types.ts";
import type { ChartBar, ChartSpec } from "./layout.ts";
import type { ChartChoice } from "./select.ts";

/** The value as the report writes it, with a qualifier (约, 超) written before the number. */
function asWritten(f: Figure): string {
  return f.qualifier && !f.raw.includes(f.qualifier) ? `${f.qualifier}${f.raw}` : f.raw;
}

/** The spec of a chart of this choice: titled `title` and the report, sources in the footnote. */
export function chartSpec(title: string, report: ReportIndex, choice: ChartChoice): ChartSpec {
  const bar = (f: Figure): ChartBar => {
    const rates = choice.rates.get(f) ?? [];
    return {
      label: f.label,
      raw: asWritten(f),
      value: f.value,
      ...(rates.length > 0 ? { note: rates.map(rateText).join("，") } : {}),
    };
  };
  const sectionIds = [...new Set(choice.groups.flatMap((g) => g.figures.map((f) => f.sectionId)))];
  return {
    title,
    subtitle: report.report.title,
    groups: choice.groups.map((g) => ({
      unit: g.unit,
      percent: g.percent,
      ...(g.single ? { single: true } : {}),
      bars: g.figures.map(bar),
    })),
    footnote: `来源: ${sectionIds.map((id) => `${id} ${report.titleOf(id)}`).join("；")}`,
  };
}
