import { normalizeText } from "../text/normalize.ts";
import type { ReportIndex } from "./report-index.ts";

/** Where an adapter can draw autocomplete choices from. */
export type AutocompleteSource = "labels" | "sections" | "reports" | "timezones";

/** A choice offered while the user types: what is shown and what is filled in. */
export interface Choice {
  name: string;
  value: string;
}

/** What choices are drawn from: the chat's report, the loaded reports, the time zones. */
export interface ChoiceSources {
  report: ReportIndex | null;
  reports: readonly { id: string; title: string }[];
  timezones: readonly string[];
}

function candidatesFor(source: AutocompleteSource, from: ChoiceSources): Choice[] {
  switch (source) {
    case "reports":
      return from.reports.map((r) => ({ name: `${r.id} ${r.title}`.slice(0, 100), value: r.id }));
    case "timezones":
      return from.timezones.map((z) => ({ name: z, value: z }));
    case "labels":
      return [...new Set(from.report?.figures.map((f) => f.label) ?? [])].map((l) => ({ name: l, value: l }));
    case "sections":
      return (from.report?.sections ?? [])
        .filter((s) => s.id !== "0")
        .map((s) => ({ name: `${s.id} ${s.title}`.slice(0, 100), value: s.id }));
  }
}

/**
 * Choices for an option as the user types it: figure labels for keywords, section ids
 * and titles for section references, report ids, zone names. Prefix matches come before
 * other matches.
 */
export function autocomplete(
  source: AutocompleteSource,
  typed: string,
  from: ChoiceSources,
  limit = 25,
): Choice[] {
  const needle = normalizeText(typed);
  const rank = (text: string) => {
    const t = normalizeText(text);
    return t.startsWith(needle) ? 0 : t.includes(needle) ? 1 : 2;
  };
  return candidatesFor(source, from)
    .map((c, order) => ({ c, order, r: needle === "" ? 0 : rank(c.name) }))
    .filter((x) => x.r < 2)
    .sort((a, b) => a.r - b.r || a.order - b.order)
    .slice(0, limit)
    .map((x) => x.c);
}
