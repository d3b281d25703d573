import type { Answer, ReportRef } from "../src/answer/answer.ts";
import { answer } from "../src/answer/build.ts";
import { genreName } from "../src/report/genres/index.ts";
import type { StoredReport } from "../src/store/reports.ts";

/** Reports listed in one answer, and offered as buttons. */
const REPORTS_LISTED = 20;
const REPORTS_OFFERED = 10;

/** A long title cut for a list line. */
export function short(text: string, max = 40): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Where a report was published, as a citation ends: title, issuer and date, and the address
 * of the page when it was fetched or the saved page names it.
 */
export function sourceLines(report: StoredReport): string[] {
  const by = [report.issuer, report.date].filter((x): x is string => Boolean(x)).join(", ");
  return [
    `出处: 《${report.title}》${by ? `, ${by}` : ""}`,
    report.sourceUrl ? `网址: ${report.sourceUrl}` : "网址: 报告文件未注明",
  ];
}

/**
 * Reports to choose from, newest first: a line each with the /report line that picks it,
 * and buttons for the first ones. `report` is the chat's, for the source line.
 */
export function reportChoices(
  command: string,
  title: string,
  reports: readonly StoredReport[],
  report: ReportRef | null,
): Answer {
  return answer(command, {
    title,
    blocks: [
      {
        kind: "list",
        ordered: false,
        items: reports
          .slice(0, REPORTS_LISTED)
          .map((r) => `${r.year ?? "?"} ${short(r.title)} (${genreName(r.genre)}, /report ${r.id})`),
      },
      ...(reports.length > REPORTS_LISTED
        ? [
            {
              kind: "paragraph" as const,
              text: `另有${reports.length - REPORTS_LISTED}份, 请加上地区或年份。`,
            },
          ]
        : []),
    ],
    actions: reports.slice(0, REPORTS_OFFERED).map((r) => ({
      label: `${r.place ?? ""}${r.year ?? ""} ${r.id}`.trim(),
      command: `/report ${r.id}`,
    })),
    report,
  });
}
