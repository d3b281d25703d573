import { SCALE_PATTERN } from "../text/numerals.ts";
import { isNominal, isVerb, joined, type Token, tokenize } from "./label-tokens.ts";

/** What follows a counter: 开展了8次规范性文件清理, 选送2篇行政执法优秀案例上报. */
export interface AfterReading {
  /** The noun phrase right after the unit. */
  noun: string;
  /** The phrase names only an action (11所建成投用, 5条竣工通车). */
  actionOnly: boolean;
  /**
   * When the phrase runs into the next figure (收缴64个工程项目农民工工资保证金2180.99万元,
   * 33个工程项目免交农民工工资保证金846.69万元): the noun the counter counts (工程项目), the
   * rest, which is the next figure's (农民工工资保证金), and a verb between them (免交).
   */
  counted: string | null;
  rest: string | null;
  innerVerb: string | null;
  /** What the counted things did (30个县市到我县学习考察): 到我县学习考察. */
  predicate: string | null;
}

/** Words that follow the counted noun and close its phrase (9类问题予以通报整改, 指标基本达到). */
const ENDING_WORDS = new Set([
  "予以",
  "进行",
  "开展",
  "实现",
  "上报",
  "组成",
  "参加",
  "完成",
  "启动",
  "基本",
  "全部",
]);

/** Heads that close a compound with a verb inside it: 学校硬件改善工程. */
const COMPOUND_HEADS = /^(工程|项目|系统|平台|中心|设施|体系)$/;

// 以区政府为被告的行政诉讼案件, 具有阜平特色的旅游产品: a modifier led by a preposition (or 具有) ends at its 的.
const PREPOSED_MODIFIER = /^(以|由|为|对|在|具有)[^的]{1,12}的/;
// 集藏书、阅读、展览等功能于一体的社区旗舰书院: the stock modifier ends at its 的.
const GATHERING_MODIFIER = /^集.{1,24}?于一体的/;
// 15条138公里三级以上公路: a second number and unit before the shared noun.
export const LEADING_NUMBER = new RegExp(
  `^\\d[\\d.]*(?:${SCALE_PATTERN})?[余多]?(个|条|所|家|项|座|套|户|人|名|公里|千米|米|亩|平方米|平米|万元|元)?`,
);

/**
 * Reads the phrase after a figure's unit, up to its clause end; null when there is none.
 * After a counter of occurrences (分2批次下发便民代办事项指导目录) the phrase is an action
 * with its object, so verbs inside it do not end it. `unit` tells a next figure of the same
 * kind (13所农村寄宿制学校11所建成投用: a part) from one of another (…保证金2180.99万元).
 */
export function readAfter(after: string, unit: string, occurrences = false): AfterReading | null {
  const text = after
    // 新增就业1200万人以上: a bound on the number, not what was counted.
    .replace(/^(以上|以下|以内|左右|上下)/, "")
    .replace(/^的/, "")
    .replace(LEADING_NUMBER, "")
    .replace(/^的/, "")
    .replace(PREPOSED_MODIFIER, "")
    .replace(GATHERING_MODIFIER, "");
  const tokens = tokenize(text);
  const kept: Token[] = [];
  let size = 0; // the length of joined(kept)
  let i = 0;
  for (; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const next = tokens[i + 1];
    // 空气站/v, 未利用地/uv: a one-character word closing a short noun is its suffix.
    const closesNoun = next === undefined || /^(c|x|u|v)/.test(next.tag);
    const suffix = t.word.length === 1 && kept.length > 0 && (isVerb(t) || t.tag === "uv") && closesNoun;
    if (suffix) {
      kept.push(t);
      size += t.word.length;
      continue;
    }
    // 依申请类政务服务事项: jieba may open a phrase with a preposition or adverb.
    const opening = i === 0 && /^(p|d)$/.test(t.tag);
    // 困难群众和职工的住房问题: a short second noun makes a pair with the first.
    const closing = tokens[i + 2];
    const pair =
      /^(和|及|与)$/.test(t.word) &&
      next !== undefined &&
      isNominal(next) &&
      next.word.length <= 2 &&
      !(closing && isNominal(closing)) &&
      kept.length > 0;
    if (/^(u|m|r|c|p|d)/.test(t.tag) && !opening && !pair) break;
    if (ENDING_WORDS.has(t.word) && kept.length > 0) break;

    // A verb ends the phrase once it has a head (进行, 上报), unless a noun follows it
    // inside the phrase (行政执法优秀案例, 学校硬件改善工程).
    const closes = size >= 4 || next === undefined || !isNominal(next);
    const lastInPhrase = next !== undefined && COMPOUND_HEADS.test(next.word) && tokens[i + 2] === undefined;
    const inside = (occurrences && next !== undefined && isNominal(next)) || lastInPhrase || suffix;
    if (isVerb(t) && size >= 2 && closes && !inside) break;
    kept.push(t);
    size += t.word.length;
  }
  // 改造提升点/m, 实现稳定脱贫: a short phrase that is no noun, or opens with its verb, is taken whole.
  const opensWithVerb = kept[0] !== undefined && isVerb(kept[0]);
  if (kept.length > 0 && (!kept.some(isNominal) || opensWithVerb) && text.length <= 8 && !/\d/.test(text)) {
    return reading(text, true);
  }
  // 三级以上公路建设: the activity word after a noun is not what was counted.
  while (kept.length > 1 && kept[kept.length - 1]?.word === "建设") kept.pop();
  const noun = joined(kept);
  if (!/\p{Script=Han}/u.test(noun)) return null;
  const result = reading(noun, !kept.some(isNominal));
  const tail = tokens.slice(i);
  const nextUnit =
    tail[0] && /^\d/.test(tail[0].word) ? text.slice(text.indexOf(tail[0].word) + tail[0].word.length) : "";
  const sameKind = nextUnit.startsWith(unit);
  if (kept.length > 1 && nextUnit !== "" && !sameKind) {
    // 工程项目农民工工资保证金2180.99万元: the counter counts the first noun only.
    result.counted = (kept[0] as Token).word;
    result.rest = joined(kept.slice(1));
  } else if (tail[0] && isVerb(tail[0])) {
    const objectEnd = tail.findIndex((t, j) => j > 0 && !isNominal(t) && !isVerb(t));
    const object = tail.slice(1, objectEnd < 0 ? tail.length : objectEnd);
    if (object.length > 0 && /^\d/.test(tail[objectEnd]?.word ?? "")) {
      result.counted = noun;
      result.innerVerb = tail[0].word;
      result.rest = joined(object);
    } else if (!tail.some((t) => /^\d/.test(t.word))) {
      result.predicate = joined(tail);
    }
  }
  return result;
}

function reading(noun: string, actionOnly: boolean): AfterReading {
  return { noun, actionOnly, counted: null, rest: null, innerVerb: null, predicate: null };
}
