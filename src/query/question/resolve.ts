import { partRoleIn } from "../../report/genres/index.ts";
import type { Figure, ListItem, Section } from "../../report/types.ts";
import { normalizeText } from "../../text/normalize.ts";
import { searchWords, taggedWords, wordSpans } from "../../text/segment.ts";
import type { FigureMatch } from "../figure-ranking.ts";
import type { ReportIndex, SentenceMatch } from "../report-index.ts";
import { resolveSection } from "../section-ref.ts";
import { plainTerm, type Term } from "../terms.ts";
import { glossary } from "./glossary.ts";
import { type Understanding, understand } from "./understand.ts";

/** What answers a question, found in one report: the same kinds of things the commands show. */
export type QuestionAnswer =
  | { kind: "figures"; matches: FigureMatch[] }
  | { kind: "sentences"; matches: SentenceMatch[] }
  | { kind: "section"; section: Section }
  | { kind: "summary" }
  | { kind: "list"; list: "plan" | "problems"; items: ListItem[]; all: boolean }
  /** The targets the plan sets (主要预期目标: 地区生产总值增长7.5%以上…), in report order. */
  | { kind: "targets"; figures: Figure[] }
  | { kind: "outline" }
  | { kind: "report-info" }
  /** Nothing in the report: its words are not there, or it had no words to look for. */
  | { kind: "nothing"; why: "off-topic" | "not-understood" };

/** A question read against a report: how it was understood, what answers it, and the command that does too. */
export interface ResolvedQuestion {
  understanding: Understanding;
  answer: QuestionAnswer;
  /** The words looked for, in the report's own forms (a compound it lacks split into words it has). */
  words: Term[];
  /** Words of the question the report does not have. */
  missing: string[];
  /** Words read as another word of the report: [as typed, as read]. */
  respelled: [string, string][];
  /** The command line that gives the same answer, if one does. */
  command: string | null;
}

/** How much of a term's weight a figure must earn to answer a bare phrase (法律援助) with figures: a clause match. */
const STRONG_SHARE = 0.75;
/** BM25's saturation: a word said five times in a section is not five times the evidence. */
const K1 = 1.2;

/** How many of `length` characters from `start` are among the positions `covered`. */
function coveredIn(covered: ReadonlySet<number>, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i++) if (covered.has(i)) n++;
  return n;
}

/**
 * The parts of a compound the report has (城镇居民人均可支配收入 → 人均, 可支配收入), when they
 * cover two thirds of it: 城镇化率 is not 城镇. A word of the compound may be left out whole
 * (城镇 of 城镇新增就业, where the report says 新增城乡就业), but not cut in two: in a report
 * that never says 援助, the 法律 of 法律援助案件 is some other 法律 (法律顾问).
 */
function compoundParts(index: ReportIndex, text: string): Term[] | null {
  if ([...text].length < 4) return null;
  const found = [...new Set(searchWords(text))].filter(
    (w) => w.length >= 2 && w !== text && index.says(plainTerm(w)),
  );
  const kept = found.filter((w) => !found.some((o) => o !== w && o.includes(w)));
  const covered = new Set<number>();
  for (const w of kept) {
    const at = text.indexOf(w);
    for (let i = at; i >= 0 && i < at + w.length; i++) covered.add(i);
  }
  if (kept.length === 0 || covered.size * 3 < text.length * 2) return null;
  for (const { word, start } of wordSpans(text)) {
    const n = coveredIn(covered, start, word.length);
    if (n > 0 && n * 3 < word.length * 2) return null;
  }
  return kept.map(plainTerm);
}

/**
 * The question's words as the report has them: as asked, split into parts it has, or read
 * as the report's word the question misspells (then the pieces of the misspelling go).
 */
function resolveTerms(
  index: ReportIndex,
  question: string,
  terms: readonly Term[],
): Pick<ResolvedQuestion, "words" | "missing" | "respelled"> {
  const words: Term[] = [];
  const missing: string[] = [];
  const respelled: [string, string][] = [];
  for (const term of terms) {
    if (index.says(term)) {
      words.push(term);
      continue;
    }
    const parts = compoundParts(index, term.text);
    const spelled = parts ? null : index.respelling(question, term.text);
    if (parts) words.push(...parts);
    else if (spelled) {
      words.push(glossary().termOf(spelled.word) ?? plainTerm(spelled.word));
      respelled.push([spelled.typed, spelled.word]);
    } else {
      // 财政收入 in a report that speaks of 一般公共预算收入 (地方财政收入): the kinds it says.
      const kinds = glossary()
        .kindsOf(term.text)
        .filter((k) => index.says(k));
      words.push(...kinds);
      for (const kind of kinds) respelled.push([term.text, kind.text]);
      if (kinds.length === 0) missing.push(term.text);
    }
  }
  const pieces = (w: Term) =>
    respelled.some(([typed, read]) => read !== w.text && (typed.includes(w.text) || read.includes(w.text)));
  const unique = [...new Map(words.filter((w) => !pieces(w)).map((w) => [w.text, w])).values()];
  return { words: unique, missing, respelled };
}

/** The parts (top-level sections) holding these items, in the items' order. */
function partsHolding(index: ReportIndex, items: readonly ListItem[]): Set<string> {
  const parts = new Set<string>();
  for (const item of items) {
    const section = index.section(item.sectionId);
    if (section) parts.add(partOf(index, section));
  }
  return parts;
}

/**
 * The parts holding the plan and the problems: a question about work done looks elsewhere
 * first. A review that ends on its problems (as a 政府工作报告's does) is still where the work
 * done is told, so a part whose title names it a review is never one of them.
 */
function listParts(index: ReportIndex): Set<string> {
  const parts = partsHolding(index, [...index.plan, ...index.problems]);
  for (const id of parts) {
    if (partRoleIn(index.report.genre, index.section(id)?.title ?? "") === "review") parts.delete(id);
  }
  return parts;
}

function partOf(index: ReportIndex, section: Section): string {
  let node: Section | undefined = section;
  while (node?.parentId) node = index.section(node.parentId);
  return node?.id ?? section.id;
}

function count(text: string, form: string): number {
  let n = 0;
  for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + form.length)) n++;
  return n;
}

/**
 * The section a question's words are about: its title has them (a part of a compound counts
 * half), and its text says them often (saturating, as BM25 does). The candidates are the
 * headings with no sub-headings below them; those of the plan and problems parts count half,
 * since a question about a topic asks what was done, and a tenth when it says so (取得了哪些
 * 成绩). With `titlesOnly` (a bare phrase, no question around it) only a title that says the
 * words will do.
 */
function bestSection(
  index: ReportIndex,
  words: readonly Term[],
  { titlesOnly, asksDone }: { titlesOnly: boolean; asksDone: boolean },
): Section | null {
  const avoided = listParts(index);
  const leaves = index.sections.filter(
    (s) => s.id !== "0" && !s.inline && !index.childrenOf(s.id).some((c) => !c.inline),
  );
  const parts = words.map((w) => searchWords(w.text).filter((p) => p.length >= 2));
  const weights = words.map((w) => index.weightOf(w));
  let best: { section: Section; score: number } | null = null;
  for (const section of leaves) {
    const title = normalizeText(section.title);
    const text = titlesOnly ? "" : index.textUnder(section.id);
    let score = 0;
    for (const [i, word] of words.entries()) {
      const weight = weights[i] ?? 0;
      const inTitle = word.anyOf.some((f) => title.includes(f));
      const partly = !inTitle && !titlesOnly && (parts[i] ?? []).some((p) => title.includes(p));
      score += weight * (inTitle ? 1 : partly ? 0.5 : 0);
      const tf = Math.max(0, ...word.anyOf.map((f) => count(text, f)));
      score += weight * 0.6 * (tf / (tf + K1));
    }
    if (titlesOnly && score === 0) continue;
    if (avoided.has(partOf(index, section))) score *= asksDone ? 0.1 : 0.5;
    if (score > 0 && (!best || score > best.score)) best = { section, score };
  }
  return best?.section ?? null;
}

/**
 * The items of a list about the words, those naming the most of them (by weight) first and
 * those naming less than half as much left out; all of them when none names any.
 */
function listItems(
  index: ReportIndex,
  items: readonly ListItem[],
  words: readonly Term[],
): { items: ListItem[]; all: boolean } {
  const scored = items.map((item) => {
    const text = normalizeText(`${item.title}${item.text}`);
    const score = words
      .filter((w) => w.anyOf.some((f) => text.includes(f)))
      .reduce((sum, w) => sum + index.weightOf(w), 0);
    return { item, score };
  });
  const top = Math.max(0, ...scored.map((s) => s.score));
  if (top === 0) return { items: [...items], all: true };
  const named = scored
    .filter((s) => s.score >= 0.5 * top)
    .sort((a, b) => b.score - a.score || a.item.position - b.item.position);
  return { items: named.map((s) => s.item), all: false };
}

/** What answers a question, the command that gives the same, and the words that were used. */
interface Found {
  answer: QuestionAnswer;
  command: string | null;
  words: readonly Term[];
}

/** The figure that scored best, whatever the order the ranking gives them in (a unit may come first). */
function highest(ranked: readonly FigureMatch[]): FigureMatch | undefined {
  return ranked.reduce<FigureMatch | undefined>((b, m) => (!b || m.score > b.score ? m : b), undefined);
}

/**
 * The figures for a question's words: those that say every word the best figure says (a
 * word it does not say, such as "handled" where the report writes 受理, is left out), so
 * `/stat` with those words lists the same figures — but for a compound found only by its
 * head word in a figure's clause (规范性文件 → 等文件82件), which a question accepts and a
 * command's keyword does not.
 */
function figuresFor(words: readonly Term[], ranked: readonly FigureMatch[]): Found | null {
  const top = highest(ranked);
  if (!top) return null;
  const usedAt = words.map((_, i) => i).filter((i) => top.found[i]);
  const used = usedAt.length > 0 ? usedAt.map((i) => words[i] as Term) : [...words];
  const matches =
    usedAt.length > 0 ? ranked.filter((m) => usedAt.every((i) => m.found[i] || m.partly[i])) : [...ranked];
  return {
    answer: { kind: "figures", matches },
    command: `/stat ${used.map((w) => w.text).join(" ")}`,
    words: used,
  };
}

/**
 * Whether figures found for some of the words leave out what the question is about: they
 * say only what is counted (a word with units, 文件) or done (a verb), and a word they do
 * not say names more: it is longer than theirs, and tells more (weighs more). 公平竞争审查了
 * 多少文件 is not answered by the report's other 文件. A modifier as short as what is
 * counted (新建 of 新建学校) may be left out, as may a verb ("handled", 办理, where the figures
 * say 受理).
 */
function leavesOutTopic(index: ReportIndex, words: readonly Term[], used: readonly Term[]): boolean {
  const counted = (w: Term) => (w.units?.length ?? 0) > 0;
  const done = (w: Term) => taggedWords(w.text).every((t) => t.tag.startsWith("v") && t.tag !== "vn");
  if (!used.every((w) => counted(w) || done(w))) return false;
  const longestUsed = Math.max(...used.map((w) => w.text.length));
  const heaviestUsed = Math.max(...used.map((w) => index.weightOf(w)));
  return words.some(
    (w) => !used.includes(w) && !done(w) && w.text.length > longestUsed && index.weightOf(w) > heaviestUsed,
  );
}

/** For "A和B哪个多": the best figure of each word, side by side. */
function comparedFigures(index: ReportIndex, u: Understanding, words: readonly Term[]): Found | null {
  const best = words
    .map((w) => index.rankFigures({ terms: [w], unit: u.unit, mode: "any" })[0])
    .filter((m): m is FigureMatch => m !== undefined);
  const matches = [...new Map(best.map((m) => [m.figure, m])).values()];
  if (matches.length < 2) return null;
  return { answer: { kind: "figures", matches }, command: null, words };
}

/** Figures ranked for a question's words, with what the question prefers first. */
function rankFor(index: ReportIndex, u: Understanding, words: readonly Term[]): FigureMatch[] {
  return index.rankFigures({
    terms: words,
    unit: u.unit,
    wantsChange: u.wantsChange,
    wantsRank: u.wantsRank,
    wantsTarget: u.wantsTarget,
    targetsLast: !u.looksAhead,
    mode: "any",
  });
}

/** Whether the best of the ranked figures says every word, and says them well. */
function isStrong(index: ReportIndex, words: readonly Term[], ranked: readonly FigureMatch[]): boolean {
  const total = words.reduce((sum, w) => sum + index.weightOf(w), 0);
  const best = highest(ranked);
  return best?.found.every(Boolean) === true && best.score >= STRONG_SHARE * total;
}

/**
 * A question about the plan that asks for a target of what it names (明年粮食产量目标,
 * GDP预期增长): the figures, when the first of them is a target and they say its words
 * well; else null, and the plan's tasks answer it.
 */
function targetFigures(index: ReportIndex, u: Understanding, words: readonly Term[]): Found | null {
  if (!u.wantsTarget || words.length === 0) return null;
  const ranked = rankFor(index, u, words);
  return ranked[0]?.figure.kind === "target" && isStrong(index, words, ranked)
    ? figuresFor(words, ranked)
    : null;
}

/** The targets set in the plan's part of the report (a work report's 主要预期目标), in report order. */
function planTargets(index: ReportIndex): Figure[] {
  return [...partsHolding(index, index.plan)]
    .flatMap((part) => index.figuresUnder(part))
    .filter((f) => f.kind === "target");
}

/**
 * Figures when a figure's clause says the words (or figures are asked for), else a section
 * whose title says them, else the sentences that say them.
 */
function lookUp(index: ReportIndex, u: Understanding, words: readonly Term[], wantsFigures: boolean): Found {
  const ranked = rankFor(index, u, words);
  // Whether something was done is told by the sentences that say it, not by a figure beside
  // them nor by a section titled by one of its words; so is how long something took, which
  // no figure states, unless the days asked for are counted ones (优良天数达到176天).
  const untoldDuration = u.asksDuration && highest(ranked)?.figure.unit !== "天";
  const figures =
    !untoldDuration && (wantsFigures || (!u.asksWhether && isStrong(index, words, ranked)))
      ? figuresFor(words, ranked)
      : null;
  if (figures && !leavesOutTopic(index, words, figures.words)) return figures;
  const section =
    wantsFigures || u.asksWhether || untoldDuration
      ? null
      : bestSection(index, words, { titlesOnly: true, asksDone: u.asksDone });
  if (section) return { answer: { kind: "section", section }, command: `/section ${section.id}`, words };
  const sentences = index.rankSentences(words);
  if (sentences.length > 0) {
    return {
      answer: { kind: "sentences", matches: sentences },
      command: `/search ${words.map((w) => w.text).join(" ")}`,
      words,
    };
  }
  return { answer: { kind: "nothing", why: "off-topic" }, command: null, words };
}

/** Reads a question against a report and finds what answers it. */
export function resolveQuestion(index: ReportIndex, question: string): ResolvedQuestion {
  const { title, place, issuer } = index.report;
  const u = understand(question, { title, place, issuer });
  const resolved = resolveTerms(index, normalizeText(question), u.terms);
  const { words } = resolved;
  const done = (answer: QuestionAnswer, command: string | null): ResolvedQuestion => ({
    understanding: u,
    answer,
    ...resolved,
    command,
  });
  const found = (f: Found): ResolvedQuestion => ({ ...done(f.answer, f.command), words: [...f.words] });
  // Words asked about, none of which the report has: off the report's topic.
  const offTopic = words.length === 0 && (resolved.missing.length > 0 || u.unknown.length > 0);

  switch (u.intent) {
    case "report-info":
      return done({ kind: "report-info" }, "/about");
    case "outline":
      return done({ kind: "outline" }, "/toc");
    case "plan":
    case "problems": {
      const targets = u.intent === "plan" ? targetFigures(index, u, words) : null;
      if (targets) return found(targets);
      // 今年的主要预期目标是什么: the plan's targets, where it sets any.
      const all = u.intent === "plan" && u.wantsTarget && words.length === 0 ? planTargets(index) : [];
      if (all.length > 0) return done({ kind: "targets", figures: all }, null);
      const list = listItems(index, u.intent === "plan" ? index.plan : index.problems, words);
      return done({ kind: "list", list: u.intent, ...list }, `/${u.intent}`);
    }
    case "section": {
      for (const ref of u.sectionRefs) {
        const section = resolveSection(index, ref);
        if (section) return done({ kind: "section", section }, `/section ${section.id}`);
      }
      if (offTopic) return done({ kind: "nothing", why: "off-topic" }, null);
      if (words.length === 0) return done({ kind: "summary" }, "/summary");
      const section = bestSection(index, words, { titlesOnly: false, asksDone: u.asksDone });
      if (section) return done({ kind: "section", section }, `/section ${section.id}`);
      return found(lookUp(index, u, words, false));
    }
    default: {
      if (words.length === 0) {
        return done({ kind: "nothing", why: offTopic ? "off-topic" : "not-understood" }, null);
      }
      const sideBySide = u.intent === "compare" || (u.intent === "figures" && u.joined);
      const compared = sideBySide && words.length >= 2 ? comparedFigures(index, u, words) : null;
      if (compared) return found(compared);
      return found(lookUp(index, u, words, u.intent === "figures" || u.intent === "compare"));
    }
  }
}

/**
 * A few topics the report does cover, to offer when a question is off its topic: the
 * headings outside the plan and problems with the most figures, in report order.
 */
export function reportTopics(index: ReportIndex, count = 3): Section[] {
  const avoided = listParts(index);
  const leaves = index.sections.filter(
    (s) =>
      s.id !== "0" &&
      !s.inline &&
      !index.childrenOf(s.id).some((c) => !c.inline) &&
      !avoided.has(partOf(index, s)),
  );
  const figuresIn = (s: Section) =>
    index.figures.filter((f) => f.sectionId === s.id || f.sectionId.startsWith(`${s.id}.`)).length;
  const chosen = new Set(
    [...leaves]
      .sort((a, b) => figuresIn(b) - figuresIn(a))
      .slice(0, count)
      .map((s) => s.id),
  );
  return leaves.filter((s) => chosen.has(s.id));
}
