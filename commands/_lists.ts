import type { Answer } from "../src/answer/answer.ts";
import { answer, refusal } from "../src/answer/build.ts";
import type { ReportIndex } from "../src/query/report-index.ts";
import type { ListItem } from "../src/report/types.ts";
import { short } from "./_report.ts";

/** A numbered list of report items (/plan, /problems), or the note that the report has none. */
export function listAnswer(command: string, report: ReportIndex, items: ListItem[], what: string): Answer {
  if (items.length === 0) {
    return refusal(command, "no_content", `这份报告没有“${what}”部分 (保存的网页可能不完整)。`, {
      report: report.ref(),
    });
  }
  const home = report.headingOf(items[0]?.sectionId ?? "");
  const part = home?.parentId ? report.section(home.parentId) : home;
  return answer(command, {
    title: `${part?.title ?? what} (共${items.length}项)`,
    blocks: [
      { kind: "list", ordered: true, items: items.map((i) => `${short(i.title, 120)} 〔${i.sectionId}〕`) },
    ],
    sections: [...new Set(items.map((i) => i.sectionId))].map((id) => ({ id, title: report.titleOf(id) })),
    report: report.ref(),
  });
}
