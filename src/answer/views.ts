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
  };
}

/** A sentence found by /search, with its section. */
export function sentenceView(report: ReportIndex, s: Sentence): SentenceView {
  return { sectionId: s.sectionId, sectionTitle: report.titleOf(s.sectionId), text: s.text };
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
