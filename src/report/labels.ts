import { type TaggedWord, taggedWords } from "../text/segment.ts";

/**
 * Finds the noun phrase that says what a figure counts. Reports write it before the
 * number (受理各类法律援助案件1114件) or, after a verb, behind it (开展了8次规范性文件清理).
 * The rules work on jieba's part-of-speech tags plus the genre's stock fillers.
 */

const MAX_LABEL = 16;

// Time, scope and adverb words that open a clause but are not what was counted.
const LEADING_FILLER =
  /^(\d{4}年度?|\d{4}|\d{1,2}月份?|全年|今年|当年|年内|本年度|目前|截至目前|截至年底|同时|其中|此外|另外|并且|并|还|已经|已|共计|合计|累计|总计|共|均|分别|全县|全区|全市|全镇|全省|我县|我区|我市|本县|本区|本市|县级|市级|区级|各级|各)/;
// Link words between the counted thing and its number: 率达, 共计, 为, 的有.
const TRAILING_FILLER = /(共计|合计|累计|总计|达到|达|共|计|为|是|有|约|的|了|已|分别|均|占|和|及|与|以及)$/;
const RATIO_WORDS = /^(占比|比例|比重|比率|占)$/;
const SKIPPABLE_PRONOUNS = new Set(["各类", "各种", "各项", "各", "各个"]);
// Adverbs that may sit between a noun and the verb it counts: 案件已审理52件.
const SKIPPABLE_ADVERBS = new Set(["已", "已经", "共", "共计", "累计", "均"]);
// Scope words name where, not what: 对全县100家住宿场所.
const SCOPE_WORDS = /^(全县|全区|全市|全镇|全省|全国|我县|我区|我市|本县|本区|本市|县级|市级|区级|各级)$/;

function isNominal(t: TaggedWord): boolean {
  if (SCOPE_WORDS.test(t.word)) return false;
  return (
    /^(n|vn|an|a|b|j|l|i|g|k|f|s|eng|quoted)/.test(t.tag) || (t.tag === "x" && /\p{Script=Han}/u.test(t.word))
  );
}
const isVerb = (t: TaggedWord) => /^v/.test(t.tag) && t.tag !== "vn";

/** Tags a phrase, keeping “quoted terms” and 《titles》 whole (they are names: “马上办”). */
function tag(phrase: string): TaggedWord[] {
  const out: TaggedWord[] = [];
  let at = 0;
  for (const m of phrase.matchAll(/[“"「《]([^”"」》]{1,30})[”"」》]/g)) {
    if (m.index > at) out.push(...taggedWords(phrase.slice(at, m.index)));
    out.push({ word: m[1] ?? "", tag: "quoted" });
    at = m.index + m[0].length;
  }
  if (at < phrase.length) out.push(...taggedWords(phrase.slice(at)));
  return out.filter((t) => t.word.trim() !== "");
}

function stripFillers(phrase: string): string {
  let s = phrase.trim();
  for (let prev = ""; prev !== s; ) {
    prev = s;
    s = s.replace(LEADING_FILLER, "").replace(TRAILING_FILLER, "").trim();
  }
  return s;
}

/** The trailing noun phrase of the words before a number, and whether a verb governs it. */
function phraseBefore(before: string): { label: string; endsInVerb: boolean } {
  const tokens = tag(stripFillers(before));
  const last = tokens[tokens.length - 1];
  const endsInVerb = last === undefined || isVerb(last) || /^[pc]/.test(last.tag);
  const kept: string[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i] as TaggedWord;
    const left = tokens[i - 1];
    const keptLength = kept.join("").length;
    if (isNominal(t)) kept.unshift(t.word);
    else if (SKIPPABLE_PRONOUNS.has(t.word) && keptLength > 0) continue;
    else if (SKIPPABLE_ADVERBS.has(t.word) && keptLength > 0 && left !== undefined && isNominal(left))
      continue;
    // A verb counted itself (废止10件), or carries a one-character noun (应诉率, 执法证).
    else if (isVerb(t) && keptLength <= 1) kept.unshift(t.word);
    else break;
  }
  return { label: kept.join(""), endsInVerb };
}

/** The noun phrase right after a figure's unit (8次规范性文件清理 → 规范性文件). */
function phraseAfter(after: string): string {
  const clause = after.split(/[,，;；:：。、(（!！?？\d]/)[0] ?? "";
  const tokens = tag(clause.replace(/^的/, ""));
  let kept = "";
  for (const [i, t] of tokens.entries()) {
    if (/^(u|m|r|c|p)/.test(t.tag)) break;
    // A verb ends the phrase once it has a head (进行, 上报), unless a noun follows it
    // inside the phrase (行政执法优秀案例).
    const next = tokens[i + 1];
    if (isVerb(t) && kept.length >= 2 && (kept.length >= 4 || next === undefined || !isNominal(next))) break;
    kept += t.word;
  }
  return /\p{Script=Han}/u.test(kept) ? kept : "";
}

function clip(label: string): string {
  return label.length <= MAX_LABEL ? label : label.slice(label.length - MAX_LABEL);
}

export interface LabelContext {
  /** Clause text before the number (from the clause start or the previous figure). */
  before: string;
  /** Clause text after the unit. */
  after: string;
  /** Whether the unit is a counter (个, 家, 次…) that can stand before its noun. */
  counterUnit: boolean;
  /** The label of the previous figure in the same sentence, if any. */
  previousLabel: string | null;
  /**
   * True when the previous figure in this clause was labelled by the words after it
   * (1名法学专家和4名专职律师): the words before this number are that figure's, not this one's.
   */
  followsCounterFirst: boolean;
  isChange: boolean;
}

/** A figure's label, and whether it was read after the number (counter first: 8次清理). */
export interface Label {
  text: string;
  fromAfter: boolean;
}

/** Chooses a figure's label from the words around it. */
export function labelFigure(ctx: LabelContext): Label {
  if (ctx.isChange && ctx.previousLabel) return { text: ctx.previousLabel, fromAfter: false };
  if (RATIO_WORDS.test(stripFillers(ctx.before) || ctx.before.trim()) && ctx.previousLabel) {
    return { text: clip(`${ctx.previousLabel}占比`), fromAfter: false };
  }
  const { label: before, endsInVerb } = phraseBefore(ctx.before);
  const after = ctx.counterUnit || before === "" || ctx.followsCounterFirst ? phraseAfter(ctx.after) : "";
  if (after !== "" && (before === "" || endsInVerb || ctx.followsCounterFirst))
    return { text: clip(after), fromAfter: true };
  if (before !== "") return { text: clip(before), fromAfter: false };
  return { text: clip(stripFillers(ctx.before) || ctx.before.trim()), fromAfter: false };
}
