import type { StoredReport } from "../src/store/reports.ts";

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
