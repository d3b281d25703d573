import type { AnswerParts } from "../src/answer/build.ts";
import { paginate } from "../src/answer/build.ts";
import { figureView, sentenceView } from "../src/answer/views.ts";
import type { ReportIndex } from "../src/query/report-index.ts";
import type { Figure, Sentence } from "../src/report/types.ts";
import { quoteActions, sentenceAnchor } from "./_quote.ts";

/** An answer's parts but its title: what a page of figures or sentences fills in. */
export type PageParts = Required<Omit<AnswerParts, "title" | "suggestions">>;

/**
 * One page of figures as /stat and questions show them: each figure's line, the sections they
 * sit in, the paging by `line` (the command line without its page) and a 原文 button per sentence.
 */
export function figurePage(
  report: ReportIndex,
  all: readonly Figure[],
  page: number,
  perPage: number,
  line: string,
): PageParts {
  const { shown, startAt, paging } = paginate(all, page, perPage, line);
  const figures = shown.map((f) => figureView(report, f));
  return {
    blocks: [{ kind: "figures", figures, startAt }],
    figures,
    sections: [...new Set(figures.map((f) => f.sectionId))].map((id) => ({ id, title: report.titleOf(id) })),
    report: report.ref(),
    paging,
    actions: quoteActions(
      shown.map((f) => ({ nodeId: f.nodeId, sentenceIndex: f.sentenceIndex, anchor: f.raw })),
      startAt,
    ),
  };
}

/**
 * One page of sentences as /search and questions show them: each sentence with its section,
 * the headings they sit under, the paging by `line` and a 原文 button per sentence.
 */
export function sentencePage(
  report: ReportIndex,
  all: readonly Sentence[],
  page: number,
  perPage: number,
  line: string,
): PageParts {
  const { shown, startAt, paging } = paginate(all, page, perPage, line);
  const sentences = shown.map((s) => sentenceView(report, s));
  const ids = [...new Set(sentences.map((s) => report.headingOf(s.sectionId)?.id ?? s.sectionId))];
  return {
    blocks: [{ kind: "sentences", sentences, startAt }],
    figures: [],
    sections: ids.map((id) => ({ id, title: report.titleOf(id) })),
    report: report.ref(),
    paging,
    actions: quoteActions(
      shown.map((s) => ({ nodeId: s.sectionId, sentenceIndex: s.index, anchor: sentenceAnchor(s.text) })),
      startAt,
    ),
  };
}
