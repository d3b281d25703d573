import { normalizeText } from "./normalize.ts";
import type { ReportIndex } from "./report-index.ts";

/** A choice offered while the user types: what is shown and what is filled in. */
export interface Choice {
  name: string;
  value: string;
}

/**
 * Choices for an option as the user types it: figure labels for keywords, section ids
 * and titles for section references. Prefix matches come before other matches.
 */
export function autocomplete(
  report: ReportIndex | null,
  source: "labels" | "sections" | "reports",
  typed: string,
  limit = 25,
): Choice[] {
  const needle = normalizeText(typed);
  const rank = (text: string) => {
    const t = normalizeText(text);
    return t.startsWith(needle) ? 0 : t.includes(needle) ? 1 : 2;
  };
  let candidates: Choice[];
  if (source === "reports") {
    candidates = [];
  } else if (!report) {
    return [];
  } else if (source === "labels") {
    const labels = [...new Set(report.figures.map((f) => f.label))];
    candidates = labels.map((l) => ({ name: l, value: l }));
  } else {
    candidates = report.sections
      .filter((s) => s.id !== "0")
      .map((s) => ({ name: `${s.id} ${s.title}`.slice(0, 100), value: s.id }));
  }
  return candidates
    .map((c, order) => ({ c, order, r: needle === "" ? 0 : rank(c.name) }))
    .filter((x) => x.r < 2)
    .sort((a, b) => a.r - b.r || a.order - b.order)
    .slice(0, limit)
    .map((x) => x.c);
}
