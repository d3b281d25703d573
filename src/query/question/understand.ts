import { PLACE_KINDS } from "../../report/metadata.ts";
import { normalizeText } from "../../text/normalize.ts";
import { CHINESE_NUMERAL } from "../../text/numerals.ts";
import { taggedWords } from "../../text/segment.ts";
import { plainTerm, type Term } from "../terms.ts";
import { ASKABLE_UNITS, type UnitHint, unitHint } from "../units.ts";
import {
  ACROSS_CUE,
  CHANGE_CUE,
  DONE_CUE,
  DURATION_CUE,
  EMPTY_WORDS,
  ENGLISH_INTENT_WORDS,
  INTENT_CUES,
  INTENT_WORDS,
  type Intent,
  looksAhead,
  MONEY_CUE,
  PEOPLE_CUE,
  RANK_CUE,
  SHARE_CUE,
  TARGET_CUE,
  TARGET_WORDS,
  WHETHER_CUE,
} from "./cues.ts";
import { ENGLISH_EMPTY, englishWords } from "./english.ts";
import { type Glossary, glossary } from "./glossary.ts";

export type { Intent } from "./cues.ts";

/** What a question was read as: what it asks for, about what, in which unit. */
export interface Understanding {
  intent: Intent;
  /** The content words, in the order asked, glossary terms in the report's own wording. */
  terms: Term[];
  /** The units a "how many" question wants (多少件 → 件; 比例 → %), if it says. */
  unit: UnitHint | null;
  /** References to a section as asked (第七部分 → ["第七部分", "七"]), to try in order. */
  sectionRefs: string[];
  /** Whether it asks how something changed (比去年, 增长了多少). */
  wantsChange: boolean;
  /** Whether it asks what was done (取得了哪些成绩, 做了什么): the plan's sections count a tenth then. */
  asksDone: boolean;
  /** Whether it asks for a target (目标, 预期): the plan's targets (增长7.5%以上) come first. */
  wantsTarget: boolean;
  /** Whether it asks about the year ahead (明年, 今年, 计划): else what was done comes before targets. */
  looksAhead: boolean;
  /** Whether it asks whether something was done (有没有开展…): the sentences that say it answer it. */
  asksWhether: boolean;
  /** Whether it asks how long (多少天, 几个工作日, 多久): the sentences that say it answer it. */
  asksDuration: boolean;
  /** Whether it asks for a place in a ranking (排第几, what rank): ranks come first. */
  wantsRank: boolean;
  /** Whether it compares with another year or place (和去年比), which one report cannot answer. */
  comparesAcross: boolean;
  /** Whether it asks about two of its words together (法律援助和公证一共多少件): each has its own answer. */
  joined: boolean;
  /** Words that are neither content the glossary knows nor empty (English words, mostly). */
  unknown: string[];
}

/** What is known of the report asked about: its own place and year are no content words. */
export interface AboutReport {
  title?: string | null;
  place?: string | null;
  issuer?: string | null;
}

/** A content word with where it was found, to order the words and find the one after 多少. */
interface Placed {
  at: number;
  end: number;
  term: Term;
}

const UNIT_AFTER_QUANTITY = new RegExp(
  `(?:多少|几)(?:个)?(?:[万亿千百])?(${ASKABLE_UNITS.map((u) => u.replace(/[%]/g, "\\$&")).join("|")})`,
  "g",
);
const QUANTITY = /多少|几|how many|how much|number of/;
const QUESTION_PREFIX = /^(哪些|哪个|哪种|哪|什么|多少|怎么|怎样)(?=\p{Script=Han}{2})/u;
/** What may stand between two words asked about together: 法律援助和公证, A、B, A and B. */
const JOINED = /^\s*(和|与|及|以及|跟|同|还有|、|,|，|and|&)\s*$/;

// Parts of speech that are never content: numerals, measure words, pronouns, particles,
// modal particles, prepositions, conjunctions, interjections, onomatopoeia, time words, adverbs.
const EMPTY_TAGS = /^(m|q|r|u|y|p|c|e|o|t|d|zg)/;

const SECTION_REFS: readonly [RegExp, (m: RegExpExecArray) => string[]][] = [
  [new RegExp(`第(${CHINESE_NUMERAL}|\\d+)(部分|章|节|段)`), (m) => [`第${m[1]}部分`, m[1] ?? ""]],
  [new RegExp(`[(（](${CHINESE_NUMERAL}|\\d+)[)）]`), (m) => [`(${m[1]})`]],
  // 1.7 as an id, not 4.5批次 as a number: an id stands alone or before 节, 部分, 讲…
  [/(?<![\d.])(\d+(?:\.\d+)+)(?=\s*(?:节|部分|章|讲|说|写|的|是|怎|$|\s|[?？]))/, (m) => [m[1] ?? ""]],
  [
    /\b(?:part|section|chapter)\s+(\d+(?:\.\d+)*|one|two|three|four|five|six|seven|eight|nine|ten)\b/,
    (m) => [englishNumber(m[1] ?? "")],
  ],
];

const ENGLISH_NUMBERS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
function englishNumber(word: string): string {
  const n = ENGLISH_NUMBERS.indexOf(word);
  return n >= 0 ? String(n + 1) : word;
}

/**
 * The unit a question names after 多少 or 几 (多少件, 几个人, 多少钱, 多少尾鱼), with where it
 * is — not the first character of a known word (多少项目 asks for projects, not for 项).
 */
function unitAsked(text: string): { unit: string; start: number; end: number } | null {
  for (const m of text.matchAll(UNIT_AFTER_QUANTITY)) {
    const unit = m[1] ?? "";
    const end = m.index + m[0].length;
    const next = taggedWords(text.slice(end - unit.length, end + 4))[0];
    if (!next || next.word.length <= unit.length || next.tag === "x") return { unit, start: m.index, end };
  }
  return null;
}

/** The report's own place as people write it: 忠县, 顺平县 and 顺平, its issuer. */
function placeWords(about: AboutReport): string[] {
  const places = new Set<string>();
  const add = (name: string | null | undefined) => {
    const clean = normalizeText(name ?? "").replace(/^[\d\s]*年度?/, "");
    if (clean.length < 2) return;
    places.add(clean);
    const short = clean.replace(/(人民政府|政府)$/, "").replace(/(省|自治区|市|州|县|区|旗|镇|乡)$/, "");
    if (short.length >= 2) places.add(short);
  };
  add(about.place);
  add(about.issuer);
  const titled = /^(?:\d{4}年度?)?(\p{Script=Han}{1,8}?(?:省|自治区|市|州|县|区|旗))/u.exec(
    normalizeText(about.title ?? ""),
  );
  add(titled?.[1]);
  return [...places].sort((a, b) => b.length - a.length);
}

/**
 * The report's place as a question may write it: with the kind it has now or had before
 * (清苑 for 清苑县 and 清苑区), after the areas it lies in (重庆市忠县, 河北省保定市满城区).
 */
function placePattern(places: readonly string[]): RegExp | null {
  if (places.length === 0) return null;
  const names = places.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  let pattern = placePatterns.get(names);
  if (!pattern) {
    pattern = new RegExp(
      `(?:\\p{Script=Han}{2,4}?(?:省|自治区|市|州))*(?:${names})(?:${PLACE_KINDS})?`,
      "gu",
    );
    if (placePatterns.size >= PLACE_PATTERNS_KEPT) placePatterns.clear();
    placePatterns.set(names, pattern);
  }
  return pattern;
}

// One pattern per report's place names: questions about the same report come again and again.
const PLACE_PATTERNS_KEPT = 256;
const placePatterns = new Map<string, RegExp>();

/** The intents whose cues a folded question carries, in the order they are weighed. */
function cuedIntents(text: string): Intent[] {
  return INTENT_CUES.filter(([, cue]) => cue.test(text)).map(([intent]) => intent);
}

/** Blanks out spans of a text, keeping every other character where it was. */
function blank(text: string, spans: readonly (readonly [number, number])[]): string {
  // Offsets are UTF-16 code units, like the regular expressions' indexes.
  const chars = text.split("");
  for (const [start, end] of spans) for (let i = start; i < end && i < chars.length; i++) chars[i] = " ";
  return chars.join("");
}

/** The content words of the parts of a question no glossary term or cue took. */
function plainWords(text: string, intent: Intent, g: Glossary): Placed[] {
  const found: Placed[] = [];
  for (const fragment of text.matchAll(/[^\s]+/g)) {
    if (!/\p{Script=Han}/u.test(fragment[0])) continue;
    let at = fragment.index;
    for (const { word: raw, tag } of taggedWords(fragment[0])) {
      const start = at;
      at += raw.length;
      // Words may come with a question word or a particle glued on (哪些方面, 提了, 劝离了).
      let word = raw.replace(QUESTION_PREFIX, "");
      if (tag === "x") word = word.replace(/[了过的着]+$/, "");
      if ([...word].length < 2 || !/\p{Script=Han}/u.test(word)) continue;
      if (EMPTY_TAGS.test(tag) && !g.termOf(word)) continue;
      if (EMPTY_WORDS.has(word) || INTENT_WORDS[intent].has(word)) continue;
      found.push({ at: start, end: at, term: g.termOf(word) ?? plainTerm(word) });
    }
  }
  return found;
}

/** The unit a "how many" question wants: said outright, a share, money, people, or how its noun is counted. */
function unitOf(text: string, explicit: string | null, words: readonly Placed[]): UnitHint | null {
  // 个 is the classifier of anything (多少个案子): it says how many, not in what.
  if (explicit && explicit !== "个") return unitHint([explicit]);
  if (SHARE_CUE.test(text)) return unitHint(["%"]);
  if (MONEY_CUE.test(text)) return unitHint(["元"]);
  if (PEOPLE_CUE.test(text)) return unitHint(["人"]);
  // A target of a quantity may be its level or its growth (地区生产总值增长6%): the word's unit is no hint.
  if (TARGET_CUE.test(text)) return null;
  const quantityAt = text.search(QUANTITY);
  if (quantityAt < 0) return null;
  const counted = words.filter((w) => w.term.units?.length);
  // The noun after 多少 is what is counted (多少法律援助案件); else the last one before it.
  const after = counted.find((w) => w.at > quantityAt);
  const before = counted.filter((w) => w.at < quantityAt).at(-1);
  const units = (after ?? before)?.term.units;
  return units ? unitHint(units) : null;
}

/** Every content word of a question under one intent, with its unknown English words. */
function contentOf(text: string, intent: Intent, g: Glossary): { words: Placed[]; unknown: string[] } {
  const words = englishWords(text);
  const cueWords = ENGLISH_INTENT_WORDS[intent];
  // A glossary name made only of the intent's own words (issues, for the problems) is no content.
  const english = g.findEnglish(text).filter((h) => {
    const covered = words.filter((w) => w.start >= h.start && w.end <= h.end);
    return !covered.every((w) => cueWords.has(w.word));
  });
  const anyIntent = (w: string) => Object.values(ENGLISH_INTENT_WORDS).some((set) => set.has(w));
  const unknown = words
    .filter((w) => !english.some((h) => w.start >= h.start && w.end <= h.end))
    .filter((w) => /[a-z]/.test(w.word) && !ENGLISH_EMPTY.has(w.stem) && !anyIntent(w.word))
    .map((w) => w.word);
  const latinFree = blank(
    text,
    words.map((w) => [w.start, w.end] as const),
  );
  const chinese = g.findChinese(latinFree);
  const rest = blank(
    latinFree,
    chinese.map((h) => [h.start, h.end] as const),
  );
  const found = [
    ...english.map((h) => ({ at: h.start, end: h.end, term: h.term })),
    ...chinese.map((h) => ({ at: h.start, end: h.end, term: h.term })),
    ...plainWords(rest, intent, g),
  ]
    .filter((w) => !INTENT_WORDS[intent].has(w.term.text) && !TARGET_WORDS.has(w.term.text))
    .sort((a, b) => a.at - b.at);
  const seen = new Set<string>();
  const once: Placed[] = [];
  for (const w of found) {
    if (seen.has(w.term.text)) continue;
    seen.add(w.term.text);
    once.push(w);
  }
  return { words: once, unknown };
}

/**
 * Reads a question as people ask it — 法律援助案件有多少件?, 明年打算做什么, How many legal aid
 * cases were handled? — into what it asks for, its content words (question words, particles,
 * the report's own place and year and empty words left out; the glossary's terms in the
 * report's wording) and the unit it wants. Platform-free and report-free but for the place.
 */
export function understand(question: string, about: AboutReport = {}): Understanding {
  const g = glossary();
  let text = normalizeText(question);
  const place = placePattern(placeWords(about));
  if (place) text = text.replace(place, " ");

  const sectionRefs: string[] = [];
  for (const [pattern, refs] of SECTION_REFS) {
    const m = pattern.exec(text);
    if (!m) continue;
    sectionRefs.push(...refs(m).filter((r) => r !== ""));
    text = blank(text, [[m.index, m.index + m[0].length]]);
    break;
  }

  const unitMatch = unitAsked(text);
  // 排第几 and 名列第几 say what is wanted, not what it is about (满意度排第几 is about 满意度).
  const rankMatch = RANK_CUE.exec(text);
  const spoken: [number, number][] = [];
  if (unitMatch) spoken.push([unitMatch.start, unitMatch.end]);
  if (rankMatch) spoken.push([rankMatch.index, rankMatch.index + rankMatch[0].length]);
  // "how many people" says the unit, as 多少人 does: people is not what is counted.
  const peopleMatch = PEOPLE_CUE.exec(text);
  if (peopleMatch) spoken.push([peopleMatch.index, peopleMatch.index + peopleMatch[0].length]);
  // 几个工作日, 要多久: how the question asks, not what about (no 工作日 to look for).
  const durationMatch = DURATION_CUE.exec(text);
  if (durationMatch) spoken.push([durationMatch.index, durationMatch.index + durationMatch[0].length]);
  const asked = spoken.length > 0 ? blank(text, spoken) : text;

  const cued = cuedIntents(text);
  let intent: Intent = cued[0] ?? (sectionRefs.length > 0 ? "section" : "unknown");
  // A reference to a section makes a vague question (讲了什么, 怎么样) one about that section.
  if (sectionRefs.length > 0 && !["figures", "outline", "report-info"].includes(intent)) intent = "section";
  let content = contentOf(asked, intent, g);
  // 有几个问题 counts the problems: when nothing but the list's own words is left to count,
  // the list itself is meant.
  const list = cued.find((i) => i === "problems" || i === "plan" || i === "outline");
  if (intent === "figures" && list && content.words.every((w) => INTENT_WORDS[list].has(w.term.text))) {
    intent = list;
    content = contentOf(asked, intent, g);
  }
  return {
    intent,
    terms: content.words.map((w) => w.term),
    unit:
      intent === "figures" || intent === "compare"
        ? unitOf(text, unitMatch?.unit ?? null, content.words)
        : null,
    sectionRefs,
    wantsChange: CHANGE_CUE.test(text),
    asksDone: DONE_CUE.test(text),
    wantsTarget: TARGET_CUE.test(text),
    looksAhead: looksAhead(text),
    asksWhether: WHETHER_CUE.test(text),
    asksDuration: durationMatch !== null,
    wantsRank: rankMatch !== null,
    comparesAcross: intent === "compare" && ACROSS_CUE.test(text),
    joined: content.words.some((w, i) => {
      const next = content.words[i + 1];
      return next !== undefined && JOINED.test(asked.slice(w.end, next.at));
    }),
    unknown: content.unknown,
  };
}
