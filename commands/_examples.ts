import type { ReportIndex } from "../src/query/report-index.ts";
import { genreName } from "../src/report/genres/index.ts";

/** What /start and /help offer to try, taken from the chat's report so each example answers. */
export interface Examples {
  /** The kind of report, as people call it: 法治政府建设年度报告, 政府工作报告. */
  genre: string;
  stat: string;
  section: string;
  question: string;
}

/** For a chat with no report: a kind that covers both genres, and the commands bare. */
const NO_REPORT: Examples = {
  genre: "政府报告",
  stat: "/stat",
  section: "/toc",
  question: "明年有什么工作安排?",
};
const NO_REPORT_EN: Examples = {
  genre: "government reports",
  stat: "/stat",
  section: "/toc",
  question: "What is planned for next year?",
};

/**
 * The report's genre and examples drawn from it: /stat with the label of its heaviest figure
 * outside the plan (出动执法人员), /section with its first area of work, a question about it.
 */
export function examplesFor(report: ReportIndex | null, locale: "zh" | "en"): Examples {
  if (!report) return locale === "en" ? NO_REPORT_EN : NO_REPORT;
  const planned = report.plan.map((p) => p.sectionId);
  const inPlan = (id: string) =>
    planned.some((p) => p === id || p.startsWith(`${id}.`) || id.startsWith(`${p}.`));
  // The review: the first part that is not the plan; its first sub-section is the first area of work.
  const review = report.parts().find((p) => !inPlan(p.id));
  const area = review ? (report.childrenOf(review.id).find((c) => !c.inline) ?? review) : undefined;
  const reviewed = review ? report.figuresUnder(review.id) : report.figures;
  // Weighed as the review's figures, so a work report's opening (生产总值…) leads.
  const headline = report.figureWeights.headline(reviewed, review?.id ?? "0");
  return {
    genre: genreName(report.report.genre, locale),
    stat: headline ? `/stat ${headline.label}` : "/stat",
    section: area ? `/section ${area.id}` : "/toc",
    question: headline
      ? locale === "en"
        ? `How many ${headline.label}?`
        : `${headline.label}有多少?`
      : locale === "en"
        ? NO_REPORT_EN.question
        : NO_REPORT.question,
  };
}
