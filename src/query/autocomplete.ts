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

/** A choice with its name folded for matching. */
interface Candidate {
  choice: Choice;
  folded: string;
}

/**
 * Candidates by the object they come from (the report index, the reports list, the zone
 * list), built once: these objects stay the same until what they hold changes, while
 * autocomplete asks again with every keystroke.
 */
const prepared = new WeakMap<object, Map<AutocompleteSource, Candidate[]>>();

function build(source: AutocompleteSource, from: ChoiceSources): Choice[] {
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

function candidatesFor(source: AutocompleteSource, from: ChoiceSources): Candidate[] {
  const owner = source === "reports" ? from.reports : source === "timezones" ? from.timezones : from.report;
  if (owner === null) return [];
  let bySource = prepared.get(owner);
  if (!bySource) {
    bySource = new Map();
    prepared.set(owner, bySource);
  }
  let candidates = bySource.get(source);
  if (!candidates) {
    candidates = build(source, from).map((choice) => ({ choice, folded: normalizeText(choice.name) }));
    bySource.set(source, candidates);
  }
  return candidates;
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
  const candidates = candidatesFor(source, from);
  if (needle === "") return candidates.slice(0, limit).map((c) => c.choice);
  const prefix: Choice[] = [];
  const inside: Choice[] = [];
  for (const c of candidates) {
    if (c.folded.startsWith(needle)) {
      prefix.push(c.choice);
      if (prefix.length >= limit) break;
    } else if (inside.length < limit && c.folded.includes(needle)) inside.push(c.choice);
  }
  return [...prefix, ...inside].slice(0, limit);
}
