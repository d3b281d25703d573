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

/**
 * How a subscription's last delivery went, as /subscriptions shows it. Worded here, by the
 * reminders, and stored as it is.
 */
export const RESULTS = {
  sent: (position: number, total: number) => `已发送第${position + 1}/${total}项`,
  retrying: (why: string) => `重试中: ${why}`,
  failed: (why: string) => `失败: ${why}`,
  deactivated: (why: string) => `已停用: ${why}`,
  skipped: "错过太久, 已跳过",
  noPlan: "当前报告没有工作安排",
  rateLimited: (seconds: number) => `限流, ${seconds}秒后重试`,
  migrated: (chatId: string) => `群组已迁移到 ${chatId}`,
} as const;
