/** How a report's figures and sentences are shown in an answer, with where they came from. */
import type { ReportIndex } from "../query/report-index.ts";
import type { Figure, Sentence } from "../report/types.ts";
import type { FigureView, SentenceView } from "./answer.ts";

const SENTENCE_WINDOW = 70;
const CLAUSE_MARKS = [",", "，", ";", "；", "、", "。", ":", "："];

/** A figure as an answer shows it: value, label, section and the sentence around it. */
export function figureView(report: ReportIndex, f: Figure): FigureView {
  return {
    value: f.value,
    unit: f.unit,
    raw: f.raw,
    qualifier: f.qualifier,
    change: f.change,
    label: f.label,
    sectionId: f.sectionId,
    sectionTitle: report.titleOf(f.sectionId),
    nodeId: f.nodeId,
    sentence: shortenAround(f.sentence, f.raw, f.label),
    ...relatedOf(report, f),
  };
}

/**
 * The figures that go with this one, in words: an amount's changes (增长11.2%) and the rates
 * of a count (成功率99 %), a change's amount (8.4亿元).
 */
function relatedOf(report: ReportIndex, f: Figure): { related?: string } {
  const { amount, changes } = report.linkedFigures(f);
  if (amount) return { related: amount.raw };
  const related = [...changes.map(changeText), ...report.figureWeights.ratesOf(f).map(rateText)];
  return related.length > 0 ? { related: related.join("，") } : {};
}

// A bracket opens a clause of its own: 增长6.5%(年度目标6%以上) gives 年度目标6%.
const CLAUSE_START = /[,，;；:：。！？(（]/;
const RATE_LINK = /(达到|达|为|是|超过|超|约|近|提高到|提高至|降至|降到)+$/;

/** A rate as a reader says it beside its count, in the report's words: 成功率99 %, 占比54.32%. */
export function rateText(f: Figure): string {
  const at = Math.max(0, f.sentence.indexOf(f.raw));
  let start = at;
  while (start > 0 && !CLAUSE_START.test(f.sentence[start - 1] as string)) start--;
  const words = f.sentence.slice(start, at).trim().replace(RATE_LINK, "");
  const outer = f.qualifier && !f.raw.includes(f.qualifier) ? f.qualifier : "";
  return `${words || f.label}${outer}${f.raw}`;
}

/** 增长11.2%, 下降0.3个百分点, 增加10项: a change as a reader says it. */
function changeText(f: Figure): string {
  const rate = f.unit === "%" || f.unit === "个百分点" || f.unit === "‰";
  const verb =
    f.change === "decrease"
      ? rate
        ? "下降"
        : "减少"
      : f.change === "increase"
        ? rate
          ? "增长"
          : "增加"
        : "";
  return `${verb}${f.raw}`;
}

const END_MARKS = /[。！？!?；;:：\s]+$/;

/**
 * A sentence found by /search, with its section. A sentence that is its section's title (a
 * heading, a one-line plan item) is tagged by the id alone, so it is not printed twice.
 */
export function sentenceView(report: ReportIndex, s: Sentence): SentenceView {
  const title = report.titleOf(s.sectionId);
  const isTitle = title.replace(END_MARKS, "") === s.text.replace(END_MARKS, "");
  return { sectionId: s.sectionId, sectionTitle: isTitle ? "" : title, text: s.text };
}

/** The part of a sentence around a figure, cut to about 70 characters with … where cut. */
export function shortenAround(sentence: string, raw: string, label: string): string {
  if (sentence.length <= SENTENCE_WINDOW) return sentence;
  // The occurrence of the figure with its label closest before it.
  let at = sentence.indexOf(raw);
  for (let i = at; i >= 0; i = sentence.indexOf(raw, i + 1)) {
    const labelAt = sentence.lastIndexOf(label, i);
    if (labelAt >= 0 && i - labelAt <= label.length + 12) {
      at = i;
      break;
    }
  }
  at = Math.max(0, at);
  const labelAt = sentence.lastIndexOf(label, at);
  const from = labelAt >= 0 && at - labelAt <= label.length + 12 ? labelAt : at;
  // Start at the clause holding the label, so the reader sees what was counted.
  const clauseStart = Math.max(0, ...CLAUSE_MARKS.map((d) => sentence.lastIndexOf(d, from - 1) + 1));
  const start = Math.max(clauseStart, at + raw.length - SENTENCE_WINDOW);
  const end = Math.min(sentence.length, start + SENTENCE_WINDOW);
  return `${start > 0 ? "…" : ""}${sentence.slice(start, end)}${end < sentence.length ? "…" : ""}`;
}
