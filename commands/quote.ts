import type { Answer, Block } from "../src/answer/answer.ts";
import { answer, refusal } from "../src/answer/build.ts";
import { defineCommand, requiredText } from "../src/command/types.ts";
import { type Passage, paragraphsOf, printedPath, sentencesWith } from "../src/query/quotes.ts";
import type { ReportIndex } from "../src/query/report-index.ts";
import { resolveSection } from "../src/query/section-ref.ts";
import type { Section } from "../src/report/types.ts";
import { sourceLines } from "./_report.ts";

/** The longest quote one answer gives; a longer section is quoted sub-section by sub-section. */
const QUOTE_MAX = 3000;
/** Sentences shown when words are found in many places. */
const SENTENCES_SHOWN = 5;

/** Where a quote comes from, ready to paste after it: title, issuer, date, place in the report, address. */
function citation(report: ReportIndex, sections: readonly Section[]): Block {
  const places = [...new Set(sections.map((s) => printedPath(report, s)))];
  return {
    kind: "list",
    ordered: false,
    items: [...sourceLines(report.report), ...places.map((p) => `位置: ${p}`)],
  };
}

/** A section's paragraph(s), whole. */
function paragraphQuote(report: ReportIndex, section: Section): Answer {
  const { text, rest } = paragraphsOf(report, section, QUOTE_MAX);
  const blocks: Block[] = [];
  if (text !== "") blocks.push({ kind: "paragraph", text: `“${text}”` });
  if (rest.length > 0) {
    blocks.push({
      kind: "paragraph",
      text: `这一部分较长, 请分节引用: ${rest.map((s) => `/quote ${s.id}`).join(" · ")}`,
    });
  }
  blocks.push(citation(report, [section]));
  return answer("quote", {
    title: `原文 · ${section.id} ${section.title}`,
    blocks,
    sections: [{ id: section.id, title: section.title }],
    report: report.ref(),
    actions: rest.map((s) => ({ label: `原文 ${s.id}`, command: `/quote ${s.id}` })),
  });
}

/** The whole sentences holding some words. */
function sentenceQuote(report: ReportIndex, words: string, found: Passage[], within?: Section): Answer {
  const shown = found.slice(0, SENTENCES_SHOWN);
  const [only] = shown;
  const blocks: Block[] =
    shown.length === 1 && only
      ? [{ kind: "paragraph", text: `“${only.text}”` }]
      : [{ kind: "list", ordered: true, items: shown.map((p) => `〔${p.section.id}〕“${p.text}”`) }];
  if (found.length > shown.length) {
    blocks.push({
      kind: "paragraph",
      text: `共${found.length}句提到“${words}”, 这里是前${shown.length}句; 写得更具体些, 或用 /search ${words}`,
    });
  }
  blocks.push(
    citation(
      report,
      shown.map((p) => p.section),
    ),
  );
  const where = within ? `${within.id} ${within.title}` : `“${words}”`;
  return answer("quote", {
    title: `原文 · ${where}`,
    blocks,
    sections: [...new Map(shown.map((p) => [p.section.id, p.section])).values()].map((s) => ({
      id: s.id,
      title: s.title,
    })),
    report: report.ref(),
  });
}

export default defineCommand({
  name: "quote",
  aliases: ["原文", "引用"],
  description: {
    zh: "原文整段或整句, 带章节和出处, 可直接引用",
    en: "The report's own words, a whole paragraph or sentence, with section and source",
  },
  examples: ["/quote 1.7.3", "/quote 1.7.3 1114件", "/quote 法律援助案件1114件"],
  options: {
    ref: requiredText({ zh: "章节编号, 可加要找的词", en: "section, and words in it" }, "sections"),
  },
  needsReport: true,
  cacheable: true,
  run(ctx, args) {
    const { report } = ctx;
    // "1.7.3 1114件": the sentences of 1.7.3 with 1114件; "1.7.3": its paragraph; else words anywhere.
    const [first = "", ...more] = args.ref.split(" ");
    const words = more.join(" ");
    const within = words !== "" ? resolveSection(report, first) : null;
    if (within) {
      const found = sentencesWith(report, words, within);
      if (found.length > 0) return sentenceQuote(report, words, found, within);
      return refusal("quote", "not_found", `${within.id} ${within.title}中没有“${words}”。`, {
        report: report.ref(),
        suggestions: [`/quote ${within.id}`],
      });
    }
    const section = resolveSection(report, args.ref);
    if (section) return paragraphQuote(report, section);
    const found = sentencesWith(report, args.ref);
    if (found.length > 0) return sentenceQuote(report, args.ref, found);
    return refusal("quote", "not_found", `报告中没有“${args.ref}”这一部分或这句话。`, {
      report: report.ref(),
      suggestions: ["/toc", `/search ${args.ref}`],
    });
  },
});
