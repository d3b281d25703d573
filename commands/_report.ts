import type { Answer } from "../src/answer/answer.ts";
import { refusal } from "../src/answer/build.ts";
import type { CommandContext } from "../src/command/types.ts";
import type { ReportIndex } from "../src/query/report-index.ts";

/** The chat's report, or the refusal to send when no report is loaded. */
export function reportOrRefusal(ctx: CommandContext, command: string): ReportIndex | Answer {
  return (
    ctx.report ?? refusal(command, "no_report", "还没有加载任何报告。请把报告文件放进 REPORTS_DIR 后重启。")
  );
}

/** True when the value is a refusal rather than a report. */
export function isAnswer(value: ReportIndex | Answer): value is Answer {
  return "ok" in value;
}

/** A long title cut for a list line. */
export function short(text: string, max = 40): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
