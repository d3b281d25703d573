import type { Answer } from "../answer/answer.ts";
import { answer } from "../answer/build.ts";
import type { ReportIndex } from "../query/report-index.ts";

/** The plan item a cursor points at, wrapping after the last; null when the report has no plan. */
export function itemAt(report: ReportIndex, cursor: number): { position: number; total: number } | null {
  const total = report.plan.length;
  if (total === 0) return null;
  return { position: ((cursor % total) + total) % total, total };
}

/** The name of the plan part: "2022年度工作安排". */
export function planName(report: ReportIndex): string {
  const first = report.plan[0];
  const heading = first ? report.headingOf(first.sectionId) : undefined;
  const part = heading?.parentId ? report.section(heading.parentId) : heading;
  return part?.title ?? "工作安排";
}

/** One reminder: "2022年度工作安排 第3/8项: …", its section, and how to stop. */
export function reminderAnswer(report: ReportIndex, position: number, subscriptionId: number): Answer {
  const item = report.plan[position];
  const total = report.plan.length;
  const title = `${planName(report)} 第${position + 1}/${total}项`;
  return answer("reminder", {
    title,
    blocks: [
      { kind: "paragraph", text: item?.text ?? "" },
      { kind: "paragraph", text: `〔${item?.sectionId ?? ""}〕 退订: /unsubscribe ${subscriptionId}` },
    ],
    sections: item ? [{ id: item.sectionId, title: item.title }] : [],
    report: report.ref(),
  });
}
