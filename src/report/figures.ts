import { labelFigure } from "./labels.ts";
import type { Figure } from "./types.ts";

/**
 * Statistics in a sentence: an Arabic number with a counting unit or %. Years, dates,
 * periods, ranks and names are left out by rule: a number needs a unit (2021年 has
 * none), may not be glued to another number (2021-2025, 12·4, 5+2, 6.26), may not be a
 * rank (第3), and may not sit inside a 《title》 or a “quoted name” (“1+4”).
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
];
const MEASURE_UNITS = ["平方米", "公斤", "千克", "公里", "千米", "万元", "元", "吨", "亩", "米", "分", "%"];
/** Every unit a figure may have (before a 万/亿 prefix and a /千人 rate): what questions may ask for. */
export const FIGURE_UNITS: readonly string[] = [...COUNTER_UNITS, ...MEASURE_UNITS];
const UNIT_ALTERNATION = [...FIGURE_UNITS].sort((a, b) => b.length - a.length).join("|");

const FIGURE_PATTERN = new RegExp(
  // Not the tail of another number (2021-2025, 12·4, 5+2, 1,114) and not a rank (第3).
  String.raw`(?<![\d.·•+\-—–~～/:：A-Za-z第])(?<!\d,)` +
    String.raw`(\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?)` +
    String.raw` ?(万|亿)?(余|多)? ?` +
    `(${UNIT_ALTERNATION})` +
    // 分钟, 个月, 人民…: the unit is only the start of another word.
    String.raw`(?![钟之秒月民大])` +
    String.raw`(?:/(千人|万人|百人|人|户|年))?` +
    String.raw`(?![\d+·])`,
  "g",
);

const QUALIFIER_BEFORE = /(超过|超|将近|近|约|逾|至少|不足|不到|多达)\s*$/;
// A lower bound governs its whole clause: 每年至少举办法治专题讲座2次.
const BOUND_IN_CLAUSE = /(至少|不少于|不低于)/;
const CHANGE_BEFORE =
  /(比|较|同比|环比)[^,，;；。]{0,8}?(增加|增长|提高|上升|提升|多|减少|下降|降低|少)了?\s*$/;
const CLAUSE_DELIMITER = /[,，;；:：。、！!？?]/g;
const COUNTERS = new Set(COUNTER_UNITS);

/** Spans of 《titles》 and “quoted names”, whose numbers are names, not statistics. */
function protectedSpans(sentence: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of sentence.matchAll(/《[^》]*》|“[^”]{0,40}”|「[^」]{0,40}」|"[^"\n]{0,40}"/g)) {
    spans.push([m.index, m.index + m[0].length]);
  }
  return spans;
}

function lastClauseStart(text: string): number {
  let start = 0;
  for (const m of text.matchAll(CLAUSE_DELIMITER)) start = m.index + 1;
  return start;
}

export interface SentencePlace {
  sectionId: string;
  nodeId: string;
  sentenceIndex: number;
  /** Offset of the sentence in the cleaned report text. */
  offset: number;
}

/** Every statistic in one sentence, in order. */
export function extractFigures(sentence: string, place: SentencePlace): Figure[] {
  const figures: Figure[] = [];
  const guarded = protectedSpans(sentence);
  let previousEnd = 0;
  let previousFromAfter = false;
  for (const m of sentence.matchAll(FIGURE_PATTERN)) {
    const start = m.index;
    if (guarded.some(([a, b]) => start >= a && start < b)) continue;
    const [raw, number = "", scale = "", inner = "", unit = "", per] = m;
    const head = sentence.slice(0, start);
    const clauseStart = Math.max(lastClauseStart(head), previousEnd);
    let before = sentence.slice(clauseStart, start);
    const outer = QUALIFIER_BEFORE.exec(before);
    if (outer) before = before.slice(0, outer.index);
    const changeMatch = CHANGE_BEFORE.exec(before);
    const change = changeMatch
      ? /(减少|下降|降低|少)/.test(changeMatch[2] ?? "")
        ? "decrease"
        : "increase"
      : null;
    const end = start + raw.length;
    const afterClause = sentence.slice(end);
    const label = labelFigure({
      before: changeMatch ? before.slice(0, changeMatch.index) : before,
      after: afterClause,
      counterUnit: COUNTERS.has(unit),
      previousLabel: figures[figures.length - 1]?.label ?? null,
      followsCounterFirst: previousFromAfter && clauseStart === previousEnd,
      isChange: change !== null,
    });
    figures.push({
      value: Number(number.replace(/,/g, "")),
      unit: `${scale}${unit}${per ? `/${per}` : ""}`,
      raw: raw.trimEnd(),
      qualifier: inner || outer?.[1] || BOUND_IN_CLAUSE.exec(before)?.[1] || null,
      change,
      label: label.text,
      sectionId: place.sectionId,
      nodeId: place.nodeId,
      sentence,
      sentenceIndex: place.sentenceIndex,
      offset: place.offset + start,
    });
    previousEnd = end;
    previousFromAfter = label.fromAfter;
  }
  return figures;
}
