import { NUMBER_SCALES, parseNumeral, SCALE_PATTERN } from "../text/numerals.ts";
import { type Label, labelFigure } from "./labels.ts";
import { matchesOf } from "./matches.ts";
import type { Figure, FigureKind } from "./types.ts";

/**
 * Statistics in a sentence: an Arabic number with a counting unit or %. Years, dates,
 * periods, ranks and names are left out by rule: a number needs a unit (2021年 has
 * none), may not be glued to another number (2021-2025, 12·4, 5+2, 6.26), may not be a
 * rank (第3), and may not sit inside a 《title》 or a “quoted name” (“1+4”). A rank is a
 * figure of its own kind where the genre ranks itself (排名全市第一).
 *
 * Work is linear in the sentence: clause starts, protected spans and the words around a
 * figure are found by moving forward once, and the words read for a label are bounded.
 */

// Longest first, so 人次 wins over 人. Durations (小时, 天, 个月) are not counts.
const COUNTER_UNITS = [
  "个百分点",
  "件次",
  "人次",
  "台次",
  "场次",
  "批次",
  "户次",
  "车次",
  "架次",
  "个",
  "家",
  "名",
  "项",
  "条",
  "份",
  "户",
  "头",
  "只",
  "幅",
  "尾",
  "台",
  "场",
  "次",
  "批",
  "篇",
  "类",
  "所",
  "起",
  "宗",
  "辆",
  "处",
  "期",
  "册",
  "张",
  "部",
  "座",
  "支",
  "株",
  "套",
  "本",
  "件",
  "人",
  "间",
  "栋",
  "眼",
  "盏",
  "棵",
  "轮",
  "门",
  "艘",
  "架",
];
const MEASURE_UNITS = [
  "平方公里",
  "平方米",
  "平米",
  "立方米",
  "公斤",
  "千克",
  "公里",
  "千米",
  "公顷",
  "千瓦时",
  "千瓦",
  "兆瓦",
  "万元",
  "美元",
  "元",
  "吨",
  "斤",
  "亩",
  "米",
  "分",
  "倍",
  "%",
  "‰",
];
/** Every unit a figure may have (before a 万/亿 prefix and a /千人 rate): what questions may ask for. */
export const FIGURE_UNITS: readonly string[] = [...COUNTER_UNITS, ...MEASURE_UNITS];
const UNIT_ALTERNATION = [...FIGURE_UNITS].sort((a, b) => b.length - a.length).join("|");

/**
 * A figure's unit as its 万/亿/万亿 scale and what is counted: 亿元 → 1e8 and 元, 万人次 →
 * 1e4 and 人次, 万亿元 → 1e12 and 元. 千米, 千克 and 千瓦 are units of their own
 * (FIGURE_UNITS), not a thousand of something.
 */
export function unitScale(unit: string): { factor: number; base: string } {
  // The longest scale the unit opens with, something counted left after it.
  const found = NUMBER_SCALES.find(([scale]) => unit.length > scale.length && unit.startsWith(scale));
  return found ? { factor: found[1], base: unit.slice(found[0].length) } : { factor: 1, base: unit };
}

const FIGURE_PATTERN = new RegExp(
  // Not the tail of another number (2021-2025, 12·4, 5+2, 1,114) and not a rank (第3).
  String.raw`(?<![\d.·•+\-—–~～/:：A-Za-z第])(?<!\d,)` +
    String.raw`(\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?)` +
    ` ?(${SCALE_PATTERN})?(余|多)? ?` +
    `(${UNIT_ALTERNATION})` +
    // 分钟, 个月, 人民, 人大…: the unit is only the start of another word (not 亿元大关, 栋大棚).
    `(?![钟之秒月民])(?!(?<=人)大)` +
    // 3个工作日, 24个小时, 3个多月: a duration, which is no count (see DAYS_PATTERN).
    `(?!(?<=个)多?(?:工作日|小时|星期|季度|月))` +
    `(?:/(千人|万人|百人|人|户|年))?` +
    // Glued to a number (906户1559人 is two figures; 3个1 is none): see gluedToNumber.
    `(?![+·])`,
  "g",
);

// 空气质量优良天数达到176天: days are a count where the clause counts days (天数); elsewhere
// 天 is a duration (办理时限3天), which is no statistic.
const DAYS_PATTERN = /(?<![\d.·•+\-—–~～/:：A-Za-z第])(\d+)(?: ?)天(?![然津下地空气河山数])/g;
const DAYS_COUNTED = /天数[^,，;；。]{0,12}$/;

/** FIGURE_PATTERN matched only where it is placed (lastIndex), for gluedToNumber. */
const FIGURE_AT = new RegExp(FIGURE_PATTERN.source, "y");

/** A unit run into another number: a figure only when that number is a figure too (906户1559人). */
function gluedToNumber(sentence: string, end: number): boolean {
  if (!/\d/.test(sentence[end] ?? "")) return false;
  FIGURE_AT.lastIndex = end;
  return FIGURE_AT.exec(sentence) === null;
}

const QUALIFIER_BEFORE = /(超过|超|将近|近|约|逾|至少|不足|不到|多达)\s*$/;
// A lower bound governs its whole clause: 每年至少举办法治专题讲座2次.
const BOUND_IN_CLAUSE = /(至少|不少于|不低于)/;
const CHANGE_BEFORE =
  /(比|较|同比|环比)[^,，;；。]{0,8}?(增加|增长|提高|上升|提升|多|减少|下降|降低|少)了?\s*$/;
// 增长7.5%, 年均增长11.5%, 下降0.3个百分点: the verb right before the number moves a
// quantity. 增长到50.1亿元 states the new level instead (到/至/为 follow the verb).
const CHANGE_VERB =
  /(增长|下降|增加|减少|提高|降低|上升|回落|提升|扩大|缩小|增幅|增速|降幅|涨幅|减少了|增长了)(了|约|达|近|超过|超|分别|均)?\s*$/;
const DECREASE = /(减少|下降|降低|少|回落|缩小|降幅)/;
// What happened before the plan: a figure of the plan part that is no aim.
const PAST_IN_CLAUSE = /(去年|上年|过去|已经|已|累计已|此前|曾)/;
// 排名全市第一, 列全市第四, 位居全省第3位: a rank, where the genre ranks itself.
const RANK_PATTERN =
  /(?:排名|排位|排|位列|位居|列|居|名列|跃居|稳居|进入|保持|在)+((?:全国|全省|全市|全区|全县|全州|同类县区|同类县|同类地区|同级)?(?:第|前) ?([一二三四五六七八九十]+|\d{1,3}) ?(?:名|位)?)/g;
// ，全市第 4 位: a clause that is only a scope and a place ranks the clause before it.
const RANK_ALONE =
  /(?<=^|[,，;；:：])((?:全国|全省|全市|全区|全县|全州)第 ?([一二三四五六七八九十]+|\d{1,3}) ?(?:名|位))/g;
const CLAUSE_DELIMITER = /[,，;；:：。、！!？?]/g;

const COUNTERS = new Set(COUNTER_UNITS);
/** The most words read on either side of a number for its label and its kind. */
const WINDOW = 120;

const PROTECTED = /《[^》]*》|“[^”]{0,40}”|「[^」]{0,40}」|"[^"\n]{0,40}"/g;

/** Spans of 《titles》 and “quoted names”, whose numbers are names, not statistics. */
function protectedSpans(sentence: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of matchesOf(PROTECTED, sentence)) {
    spans.push([m.index, m.index + m[0].length]);
  }
  return spans;
}

export interface SentencePlace {
  sectionId: string;
  nodeId: string;
  sentenceIndex: number;
  /** Offset of the sentence in the cleaned report text. */
  offset: number;
  /** The kinds of figure the report's genre states. */
  kinds: ReadonlySet<FigureKind>;
  /** True in the part that sets out the plan, whose figures are aims. */
  inPlan: boolean;
}

interface Found {
  start: number;
  end: number;
  raw: string;
  value: number;
  unit: string;
  /** The unit without its 万/亿 scale or per-part (次, 元, %). */
  bareUnit: string;
  inner: string;
  rank: boolean;
}

/** Numbers with units, and ranks where wanted, in sentence order and not overlapping. */
function findNumbers(sentence: string, withRanks: boolean): Found[] {
  const found: Found[] = [];
  // Amounts and days are written in digits, which many sentences have none of; the test is
  // cheaper than running the patterns, whose lookbehinds are tried at every character.
  if (/\d/.test(sentence)) {
    for (const m of matchesOf(FIGURE_PATTERN, sentence)) {
      const [raw, number = "", scale = "", inner = "", unit = "", per] = m;
      if (gluedToNumber(sentence, m.index + raw.length)) continue;
      found.push({
        start: m.index,
        end: m.index + raw.length,
        raw: raw.trimEnd(),
        value: Number(number.replace(/,/g, "")),
        unit: `${scale}${unit}${per ? `/${per}` : ""}`,
        bareUnit: unit,
        inner,
        rank: false,
      });
    }
    for (const m of matchesOf(DAYS_PATTERN, sentence)) {
      if (!DAYS_COUNTED.test(sentence.slice(Math.max(0, m.index - 20), m.index))) continue;
      const [raw, number = ""] = m;
      found.push({
        start: m.index,
        end: m.index + raw.length,
        raw,
        value: Number(number),
        unit: "天",
        bareUnit: "天",
        inner: "",
        rank: false,
      });
    }
  }
  if (!withRanks) return found.sort((a, b) => a.start - b.start);
  // A rank is written with 第 or 前: without either, the rank patterns (lookbehinds tried
  // at every character) are not run.
  if (/[第前]/.test(sentence)) {
    for (const m of [...matchesOf(RANK_PATTERN, sentence), ...matchesOf(RANK_ALONE, sentence)]) {
      const [whole, raw = "", numeral = ""] = m;
      const value = parseNumeral(numeral);
      if (value === null) continue;
      const start = m.index + whole.length - raw.length;
      // As written: 第4位, 前5名, or 第二 with none.
      const unit = /[名位]$/.test(raw) ? raw.slice(-1) : "";
      found.push({ start, end: start + raw.length, raw, value, unit, bareUnit: unit, inner: "", rank: true });
    }
  }
  return found
    .sort((a, b) => a.start - b.start)
    .filter((f, i, all) => i === 0 || f.start >= (all[i - 1]?.end ?? 0));
}

/**
 * Every statistic in one sentence, in order, with its kind; `linkedTo` counts from the
 * sentence's first figure (the caller adds where that one sits in the report).
 */
export function extractFigures(sentence: string, place: SentencePlace): Figure[] {
  const numbers = findNumbers(sentence, place.kinds.has("rank"));
  // Most sentences state no figure: nothing more to read in them.
  if (numbers.length === 0) return [];
  const figures: Figure[] = [];
  const starts: number[] = [];
  const labels: Label[] = [];
  const guarded = protectedSpans(sentence);
  let guard = 0;
  const delimiters = matchesOf(CLAUSE_DELIMITER, sentence).map((m) => m.index);
  let nextDelimiter = 0;
  let clauseBoundary = 0;
  let previousEnd = 0;
  for (const f of numbers) {
    const { start, end } = f;
    while (guarded[guard] !== undefined && (guarded[guard]?.[1] ?? 0) <= start) guard++;
    const span = guarded[guard];
    if (span && start >= span[0] && start < span[1]) continue;
    // The clause starts after the last delimiter before the number (or the previous figure).
    while ((delimiters[nextDelimiter] ?? start) < start) {
      clauseBoundary = (delimiters[nextDelimiter] ?? 0) + 1;
      nextDelimiter++;
    }
    const clauseStart = Math.max(clauseBoundary, previousEnd, start - WINDOW);
    let before = sentence.slice(clauseStart, start);
    const outer = QUALIFIER_BEFORE.exec(before);
    if (outer) before = before.slice(0, outer.index);
    const changeMatch = f.rank ? null : (CHANGE_BEFORE.exec(before) ?? CHANGE_VERB.exec(before));
    const previous = figures[figures.length - 1];
    // 分别增长8.8%和10%: a change joined to the one before by 和/、 moves the same way.
    const joined =
      !changeMatch && previous?.change && previous.unit === f.unit && /^\s*[、和及与]\s*$/.test(before)
        ? previous.change
        : null;
    const direction = changeMatch
      ? DECREASE.test(changeMatch[2] ?? changeMatch[1] ?? "")
        ? "decrease"
        : "increase"
      : joined;
    const kind = kindOf(f, direction !== null, before, place);
    const label = labelFigure({
      sentence,
      // A rank is read from its 第/前, after the scope (全市第三).
      start: f.rank ? start + Math.max(0, f.raw.search(/[第前]/)) : start,
      end,
      unit: f.bareUnit,
      counterUnit: COUNTERS.has(f.bareUnit),
      previous: labels,
    });
    labels.push(label);
    figures.push({
      value: f.value,
      unit: f.unit,
      raw: f.raw,
      qualifier: f.inner || outer?.[1] || BOUND_IN_CLAUSE.exec(before)?.[1] || null,
      change: direction,
      kind,
      linkedTo: null,
      label: label.text,
      sectionId: place.sectionId,
      nodeId: place.nodeId,
      sentence,
      sentenceIndex: place.sentenceIndex,
      offset: place.offset + start,
    });
    starts.push(start);
    previousEnd = end;
  }
  linkFigures(sentence, figures, starts);
  return figures;
}

/** A figure's kind: an aim in the plan part, else a rank, a change, a rate or an amount. */
function kindOf(f: Found, isChange: boolean, before: string, place: SentencePlace): FigureKind {
  const has = (k: FigureKind) => place.kinds.has(k);
  if (place.inPlan && has("target") && !PAST_IN_CLAUSE.test(before)) return "target";
  if (f.rank) return "rank";
  if (isChange && has("change")) return "change";
  if ((f.unit === "%" || f.unit === "‰" || f.unit === "倍") && has("rate")) return "rate";
  return "amount";
}

// What may stand between an amount and its change: 、增长, ，同比增长, ，按可比价格计算，比上年增长.
const LINK_FILLER =
  /[比较]\s*\d{4}\s*年(?:底|末|同期)?|同比|环比|比上年同期|比上年|比去年|较上年|较去年|按可比价格计算|按可比口径(?:计算)?|剔除不可比因素|年均|分别|增长|下降|增加|减少|提高|降低|上升|回落|提升|扩大|缩小|增幅|增速|降幅|涨幅|左右|以上|以内|力争|控制在|达到|了|约|达|近|超过|超|和|及|与|[,，、\s]/g;
const MAX_LINK_GAP = 2;

/**
 * Ties each change (增长11.2%) to the amount it moves (8.4亿元) when nothing but link words
 * stand between them; 分别达到22480元和8298元，分别增长10%、11% pairs them in order. A
 * target that moves a quantity is tied the same way to the target level before it.
 * `starts` are the figures' offsets in the sentence; links are indexes into `figures`.
 */
function linkFigures(sentence: string, figures: Figure[], starts: number[]): void {
  const isMove = (f: Figure) => f.change !== null && (f.kind === "change" || f.kind === "target");
  const isLevel = (f: Figure) => f.change === null && f.kind !== "rank";
  let i = 0;
  while (i < figures.length) {
    // A run of levels, then a run of moves right after it.
    let j = i;
    while (j < figures.length && isLevel(figures[j] as Figure)) j++;
    let k = j;
    while (k < figures.length && isMove(figures[k] as Figure)) k++;
    if (j > i && k > j) {
      const level = figures[j - 1] as Figure;
      const gap = sentence.slice((starts[j - 1] ?? 0) + level.raw.length, starts[j] ?? 0);
      if (gap.replace(LINK_FILLER, "").length <= MAX_LINK_GAP) {
        const paired = j - i === k - j && k - j > 1;
        for (let m = j; m < k; m++) (figures[m] as Figure).linkedTo = paired ? i + (m - j) : j - 1;
      }
    }
    i = Math.max(k, i + 1);
  }
}
