import { parseNumeral } from "../text/numerals.ts";
import { partRole } from "./genres/index.ts";
import type { Genre, PartRole } from "./genres/types.ts";
import { findInlineItems, leadClause } from "./headings.ts";
import { yearIn } from "./metadata.ts";
import type { Line } from "./outline.ts";
import type { ListItem, Section } from "./types.ts";

/**
 * The plan and the problems: the items of the part the genre names for them, in every
 * shape a report writes them (sub-sections, 1. items, 一是… inside a paragraph), or, for
 * problems a genre states inside another part, the items of that paragraph.
 */

const childrenOf = (sections: Section[], id: string) => sections.filter((s) => s.parentId === id);

/** Each child of a section, or each grandchild where a child enumerates its own items. */
function leavesOf(sections: Section[], home: Section): ListItem[] {
  const children = childrenOf(sections, home.id);
  const leaves =
    children.length === 0
      ? [home]
      : children.flatMap((c) => {
          const grand = childrenOf(sections, c.id);
          return grand.length > 0 ? grand : [c];
        });
  return leaves.map((s, i) => ({ position: i + 1, sectionId: s.id, title: s.title, text: s.text }));
}

/** A part that names the work to be done (2020年主要工作任务), not its setting (发展形势和总体要求). */
const NAMES_WORK = /工作安排|工作任务|重点工作|主要任务|重点任务|工作计划|工作打算/;

/**
 * The section for a role: among the parts, the one that names a year and has items (of
 * 二、“十四五”主要目标任务 and 三、2021年重点工作, the year's work), and names the work
 * to be done (of 2020年发展形势和总体要求 and 2020年主要工作任务, the tasks), else the
 * first; a sub-section when no part has the role.
 */
export function homeOf(sections: Section[], genre: Genre, role: PartRole): Section | null {
  const candidates = sections.filter((s) => s.id !== "0" && !s.inline && partRole(genre, s.title) === role);
  const parts = candidates.filter((s) => s.parentId === null);
  const score = (s: Section) =>
    (yearIn(s.title) !== null ? 2 : 0) +
    (childrenOf(sections, s.id).length > 0 ? 1 : 0) +
    (role === "plan" && NAMES_WORK.test(s.title) ? 1 : 0);
  const best = (among: Section[]) => among.reduce((b, s) => (score(s) > score(b) ? s : b));
  if (parts.length > 0) return best(parts);
  if (candidates.length > 0) return candidates[0] ?? null;
  if (role !== "plan") return null;
  // A plan titled in the report's own words (三、接续奋斗2021年，…; 开启新征程：…): the
  // parts after the review that are no other role.
  const top = sections.filter((s) => s.parentId === null && s.id !== "0");
  const lastReview = top.findLastIndex((s) => partRole(genre, s.title) === "review");
  if (lastReview < 0) return null;
  const after = top.slice(lastReview + 1).filter((s) => partRole(genre, s.title) === null);
  return after.length > 0 ? best(after) : null;
}

export function planItems(sections: Section[], genre: Genre): ListItem[] {
  const home = homeOf(sections, genre, "plan");
  return home ? leavesOf(sections, home) : [];
}

/**
 * The problems: the items of the problems part, else of the paragraph that states them
 * inside another part (在肯定成绩的同时…还存在不少困难和问题：一是…二是…), before the plan.
 */
export function problemItems(
  sections: Section[],
  genre: Genre,
  lines: Line[],
  sectionAt: (offset: number) => string,
): ListItem[] {
  const home = homeOf(sections, genre, "problems");
  if (home) return leavesOf(sections, home);
  const cue = genre.problemsParagraph;
  if (!cue) return [];
  const plan = homeOf(sections, genre, "plan");
  // The plan's heading line (its title may also be named in the opening's outline of the report).
  const planStart = plan
    ? lines.findIndex((l) => l.text.endsWith(plan.title) && l.text.length <= plan.title.length + 8)
    : -1;
  const end = planStart < 0 ? lines.length : planStart;
  // The paragraph that counts its problems off (一是…二是…) is the statement of them; a cue
  // in passing (我们遇到的困难和挑战远超预期) is not, so it answers only when none does.
  let inPassing: ListItem[] | null = null;
  for (let i = 0; i < end; i++) {
    const line = lines[i] as Line;
    const at = line.text.slice(0, 120).search(cue);
    if (at < 0) continue;
    // The list starts after the colon that follows the cue (…困难和问题：), or at 一是.
    const colon = line.text.slice(at).search(/[:：]/);
    let paragraph = colon < 0 ? line.text : line.text.slice(at + colon + 1);
    // 一是… may go on over the next lines: 二是…, 三是….
    for (let j = i + 1; j < end && /^[一二三四五六七八九十]是/.test(lines[j]?.text ?? ""); j++)
      paragraph += `\n${lines[j]?.text ?? ""}`;
    const { items, counted } = splitProblems(paragraph, colon >= 0);
    if (items.length === 0) continue;
    const sectionId = sectionAt(line.offset);
    const list = items.map((text, k) => ({ position: k + 1, sectionId, title: leadClause(text), text }));
    if (counted) return list;
    inPassing ??= list;
  }
  return inPassing ?? [];
}

// The sentence that closes such a paragraph: 对此，我们将…认真加以解决。
const CLOSING = /(对此|对这些|面对这些|我们(一定|将|要|必须)|这些问题|加以解决|认真解决|高度重视)/;

/**
 * The items of a problems paragraph: by 一是… markers (`counted`), else the clauses after
 * the cue (…还存在不少问题：A；B；C。 or …存在一些问题。A。B。), the closing sentence left out.
 */
function splitProblems(paragraph: string, listed: boolean): { items: string[]; counted: boolean } {
  const markers = findInlineItems(paragraph, parseNumeral);
  if (markers.length >= 2) {
    const items = markers.map((item, i) => {
      const end = markers[i + 1]?.start ?? paragraph.length;
      return dropClosing(paragraph.slice(item.bodyStart, end).trim());
    });
    return { items, counted: true };
  }
  return { items: clausesOfProblems(paragraph, listed), counted: false };
}

/** The items of a problems paragraph without markers: its clauses, as splitProblems says. */
function clausesOfProblems(paragraph: string, listed: boolean): string[] {
  const clausesOf = (list: string) =>
    dropClosing(list)
      .split(/[；;。]/)
      .map((c) => c.trim())
      .filter((c) => c !== "");
  if (listed) {
    const clauses = clausesOf(paragraph);
    return clauses.length >= 2 ? clauses : [];
  }
  // Without a colon the cue is a sentence of its own and the list follows it, or the
  // cue opens each clause (应该清醒地看到，A；应该清醒地看到，B).
  const stop = paragraph.indexOf("。");
  const after = stop < 0 ? [] : clausesOf(paragraph.slice(stop + 1));
  if (after.length >= 2) return after;
  const whole = clausesOf(paragraph);
  return whole.length >= 2 ? whole : [];
}

/** Cuts the closing sentence (对此，我们…) off the last item. */
function dropClosing(text: string): string {
  const sentences = text.split(/(?<=。)/);
  while (sentences.length > 1 && CLOSING.test(sentences[sentences.length - 1] ?? "")) sentences.pop();
  return sentences.join("").trim();
}
