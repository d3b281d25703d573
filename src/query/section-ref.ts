import type { Section } from "../report/types.ts";
import { keywords, normalizeText } from "../text/normalize.ts";
import { CHINESE_NUMERAL, parseNumeral } from "../text/numerals.ts";
import type { ReportIndex } from "./report-index.ts";

/**
 * Finds the section a user means: an id (1.7), a numeral in any form (七, (七), （七）,
 * 第七, 7, 七、), or words of its title (矛盾纠纷). A bare numeral means a part when the
 * report has that many parts, else a sub-section of part 一; (七) is always a sub-section.
 */
export function resolveSection(index: ReportIndex, ref: string): Section | null {
  const text = normalizeText(ref).replace(/\s/g, "");
  if (/^\d+(\.\d+)+$/.test(text)) return index.section(text) ?? null;

  const parts = index.parts();
  const firstPartWithSubs = parts.find((p) => index.childrenOf(p.id).some((c) => !c.inline)) ?? parts[0];
  const subSection = (n: number) =>
    firstPartWithSubs ? index.section(`${firstPartWithSubs.id}.${n}`) : undefined;

  const paren = new RegExp(`^\\((${CHINESE_NUMERAL}|\\d+)\\)$`).exec(text);
  if (paren?.[1]) {
    const n = parseNumeral(paren[1]);
    return n === null ? null : (subSection(n) ?? null);
  }
  const partForm = new RegExp(`^(?:第(${CHINESE_NUMERAL}|\\d+)部分|(${CHINESE_NUMERAL})[、.])$`).exec(text);
  if (partForm) {
    const n = parseNumeral(partForm[1] ?? partForm[2] ?? "");
    return n === null ? null : (parts[n - 1] ?? null);
  }
  const bare = new RegExp(`^第?(${CHINESE_NUMERAL}|\\d+)$`).exec(text);
  if (bare?.[1]) {
    const n = parseNumeral(bare[1]);
    if (n === null || n < 1) return null;
    return parts.length >= n ? (parts[n - 1] ?? null) : (subSection(n) ?? null);
  }
  return byTitle(index, ref);
}

/** The section whose title holds all the words: headings before items, shallow before deep. */
function byTitle(index: ReportIndex, ref: string): Section | null {
  const words = keywords(ref);
  if (words.length === 0) return null;
  const candidates = index.sections.filter((s) => {
    const title = normalizeText(s.title);
    return s.id !== "0" && words.every((w) => title.includes(w));
  });
  candidates.sort((a, b) => Number(a.inline) - Number(b.inline) || a.depth - b.depth);
  return candidates[0] ?? null;
}
