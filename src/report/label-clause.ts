import { isConjunction, isVerb, joined, type Token, tokenize } from "./label-tokens.ts";
import {
  CHANGE_VERBS,
  GENERIC_NOUNS,
  INNER_FILLERS,
  LEADING_FILLERS,
  LEVEL_VERB,
  LIGHT_VERBS,
  MODALS,
  NEGATIONS,
  SCOPE_WORDS,
  STOCK_ACTIONS,
  TRAILING_LINKS,
} from "./label-words.ts";

/**
 * Reads the clause of a figure: the text between the punctuation around its number
 * (罚没收入21.257万元), cut down to what was counted.
 */

const DELIMITERS = ",，;；:：。、！!？?（()）";
const DELIMITER = new RegExp(`[${DELIMITERS}]`);
// The same marks as character codes, for scanning back one character at a time (text[i]
// would make a string of every character it reads).
const DELIMITER_CODES = new Set(Array.from(DELIMITERS, (c) => c.charCodeAt(0)));

/**
 * The sentence with short digit-free asides and footnote marks blanked, so 村(社区)便民代办
 * 事项 reads as one phrase and 5条〔8〕竣工通车 as 5条竣工通车 (also “四好农村路”[4]).
 * Offsets are kept.
 */
export function maskAsides(sentence: string): string {
  // The figures of a sentence are labelled one after another: masked once, not once per
  // figure, which in a long sentence full of figures was quadratic.
  if (lastMasked?.sentence !== sentence) {
    const masked = sentence
      .replace(/[（(][^（()）\d]{1,8}[)）]/g, (m) => " ".repeat(m.length))
      .replace(/〔\s*\d*\s*〕|\[\d{1,3}\]/g, (m) => " ".repeat(m.length));
    lastMasked = { sentence, masked };
  }
  return lastMasked.masked;
}

let lastMasked: { sentence: string; masked: string } | null = null;

function lastDelimiterEnd(text: string, from: number): number {
  for (let i = from - 1; i >= 0; i--) if (DELIMITER_CODES.has(text.charCodeAt(i))) return i + 1;
  return 0;
}

/**
 * Where the clause before a number starts: after the last punctuation mark, and across
 * a 、 list that holds no earlier figure (检查企业、机构和社区共35个).
 */
export function clauseStart(masked: string, start: number, previousEnd: number): number {
  let from = lastDelimiterEnd(masked, start);
  while (masked[from - 1] === "、") {
    const segment = lastDelimiterEnd(masked, from - 1);
    if (segment < previousEnd) break;
    from = segment;
  }
  return Math.max(from, previousEnd);
}

/**
 * The clause after a figure's unit, up to the next punctuation mark, and on across 、 while
 * the list holds no number (应邀到12个贫困县、非贫困县介绍…).
 */
export function clauseAfter(masked: string, end: number): string {
  let text = "";
  let rest = masked.slice(end);
  for (;;) {
    const stop = rest.search(DELIMITER);
    text += stop < 0 ? rest : rest.slice(0, stop);
    if (stop < 0 || rest[stop] !== "、") break;
    rest = rest.slice(stop + 1);
    const next = rest.search(DELIMITER);
    if (/\d/.test(next < 0 ? rest : rest.slice(0, next))) break;
    text += "、";
  }
  return text.replace(/\s/g, "");
}

export interface ClauseReading {
  /** What the clause says was counted, as written; empty when it names nothing. */
  phrase: Token[];
  /** The phrase is only one of the genre's actions (立案处理, 不受理, 废止): it counts the topic before it. */
  verbOnly: boolean;
  /** The phrase is made of verbs only (选送, 收缴, 领取发布): a counter's noun may follow. */
  actionOnly: boolean;
  /** The change verb when the figure is a change (增长, 年均增长, 下降), else null. */
  change: string | null;
  /** The clause ended in 的: it modifies the noun after the number (需修订的15个文件). */
  endsWithDe: boolean;
  /** The clause ended in 由/从 or a verb: the counted noun follows the number. */
  opensAfter: boolean;
  /** The clause ended in 等 (北京君光伟业等5家…): it gave examples, the noun follows the number. */
  examples: boolean;
  /** 分别: the figures of this run belong, in order, to the quantities before. */
  respectively: boolean;
  /** 均: the figure holds for all the quantities before (办结率均为100%). */
  all: boolean;
  /** 其中: the figure is a part of the one before (其中正职25宗). */
  part: boolean;
  /** The light verb the phrase was cut after, kept when the phrase alone is too general. */
  cutVerb: string | null;
  /**
   * A rank (排在全省前5名, 全市第4位): the scope it is ranked in ("" without one), and
   * whether the scope came before what is ranked (在全市考评中名列第二).
   */
  rank: { scope: string; first: boolean } | null;
}

interface Flags {
  de: boolean;
  examples: boolean;
  respectively: boolean;
  all: boolean;
  opensAfter: boolean;
  part: boolean;
}

const TRAILING = new Set(TRAILING_LINKS);
const PREPOSITIONS = new Set([
  "对",
  "为",
  "在",
  "由",
  "按照",
  "根据",
  "通过",
  "向",
  "以",
  "从",
  "将",
  "把",
  "经",
  "于",
]);
// 比上 is how jieba cuts 比上个五年.
const COMPARISON = /^(比|较|是$|相当于|同比|环比)(?!例|重|率)/;
const CHANGE_MODIFIERS = new Set(["年均", "平均", "同比", "环比", "可比", "分别", "均", "累计", "共"]);

/**
 * Fixes before tagging, where jieba would glue words across the boundary: 2016年县财政投入
 * (年县), 出庭应诉率达 (率达), 办结率均为 (率均), 赤字率控制在 (率控制), 《A》《B》等区规范性文件
 * (等区).
 */
function pretagged(before: string, flags: Flags): string {
  // 森林覆盖率达到 4 3 %: a digit right before the number is a piece of it, not a word; so
  // is a number glued to it (实际脱贫1157户2376人), and a year (从2015年的56.1亿元增长到2020年的).
  // Spaces go first: text extracted from a PDF spaces its numbers out (由 2011 年的 32 万平米).
  let text = before
    .replace(/\s/g, "")
    .replace(/[\d.]+$/, "")
    .replace(/\d+[^\d，,。；;、增长加降提减]{1,2}$/, "")
    .replace(/(由|从)[^，,。；;、\d]{0,10}(年|末|底|初|期)的?$/, "")
    .replace(/(由|从)(人均|户均)?$/, "");
  text = text.replace(/^\d{4}年(度|底|初|末|以来)?/, "");
  if (/率均(为|达到?)?$/.test(text)) flags.all = true;
  // The verb that sets a rate to its value is no part of what the rate is of; jieba glues
  // some to the 率 (率控制, 率拟: 财政赤字率控制在2.8%, 赤字率拟按3%).
  text = text.replace(
    /率(达到?|均为?|均达到?|(?:控制|保持|稳定|提高|提升|下降|降低|降)(?:在|到|至)|拟按|拟为)$/,
    "率",
  );
  // A list of names before 等 is dropped, its head kept: 审查《A》《B》等区规范性文件.
  text = text.replace(/(?:[《“][^》”]*[》”][、和及与]?)+等(?=\p{Script=Han}|$)/gu, "");
  // Bounds and approximations say how exact the value is, not what it counts.
  // (签约, 节约 are words of their own.)
  return text.replace(
    /(不低于|不少于|不超过|不高于|不足|不到|至少|超过|将近|接近|(?<![签合预节制履违公])约|近)$/,
    "",
  );
}

function isLeadingFiller(t: Token, previous: Token | undefined): boolean {
  if (/^\d/.test(t.word)) return true;
  if (previous && /^\d/.test(previous.word) && /^(年|年度|月|月份|日|年底|年初|以来)$/.test(t.word))
    return true;
  // 五年来, 近年来: jieba cuts them as a time word and 来; 连续两个月: a spell of time.
  if (t.tag === "t" || (previous?.tag === "t" && /^(来|以来|前|后|底|初)$/.test(t.word))) return true;
  if (t.word === "的") return true;
  // 十年来: jieba tags 十年 a numeral.
  if (
    t.tag === "m" ||
    (previous?.tag === "m" && /^(月|年|天|个月|来|以来)$/.test(t.word)) ||
    t.word === "连续"
  )
    return true;
  return SCOPE_WORDS.test(t.word) || /^(以上|以下|左右)$/.test(t.word) || LEADING_FILLERS.has(t.word);
}

function stripTrailing(tokens: Token[], flags: Flags): void {
  for (;;) {
    const last = tokens[tokens.length - 1];
    const second = tokens[tokens.length - 2];
    if (!last) return;
    if (second && /^(到|至|为|在)$/.test(last.word) && LEVEL_VERB.test(`${second.word}${last.word}`)) {
      tokens.splice(-2, 2);
      continue;
    }
    // 降到, 降至: jieba may read the level verb as one word.
    if (LEVEL_VERB.exec(last.word)?.[0] === last.word && tokens.length > 1) {
      tokens.pop();
      continue;
    }
    // 连续6期播出, 先后3次, 粮食产量连年稳定在: an adverb of how often says nothing of what.
    if (
      tokens.length > 1 &&
      /^(连续|先后|相继|陆续|累计|共|连年|常年|持续|始终|一直|长期)$/.test(last.word)
    ) {
      tokens.pop();
      continue;
    }
    if (!TRAILING.has(last.word)) return;
    if (last.word === "的") flags.de = true;
    if (/^(由|从)$/.test(last.word)) flags.opensAfter = true;
    if (last.word === "等" && tokens.length === 1 + tokens.lastIndexOf(last)) flags.examples = true;
    if (last.word.startsWith("分别")) flags.respectively = true;
    if (last.word.startsWith("均")) flags.all = true;
    tokens.pop();
  }
}

/** Removes a change verb and its comparison (比去年增加, 年均增长) from the end; returns the verb. */
function takeChange(tokens: Token[], flags: Flags): string | null {
  const last = tokens[tokens.length - 1];
  if (!last || !CHANGE_VERBS.test(last.word) || last.word.length > 3) return null;
  tokens.pop();
  let change = last.word;
  for (
    let prev = tokens[tokens.length - 1];
    prev && CHANGE_MODIFIERS.has(prev.word);
    prev = tokens[tokens.length - 1]
  ) {
    if (prev.word === "分别") flags.respectively = true;
    else if (prev.word === "均") flags.all = true;
    else if (/^(年均|平均)$/.test(prev.word)) change = `${prev.word}${change}`;
    tokens.pop();
  }
  cutComparison(tokens, 6);
  return change;
}

/** Drops a comparison base from the end: 比2011年, 较上年, 是2011年(的). */
function cutComparison(tokens: Token[], within: number): void {
  for (let i = tokens.length - 1; i >= Math.max(0, tokens.length - within); i--) {
    if (COMPARISON.test((tokens[i] as Token).word)) {
      tokens.splice(i);
      return;
    }
  }
}

/** 及时解除合同, 正式印发: a manner adverb at the start adds nothing (a negation does). */
const isLeadingAdverb = (t: Token): boolean => /^(d|ad|c)$/.test(t.tag) && !NEGATIONS.test(t.word);

/** A word before a light verb that makes one verb with it: 审查办理, 不受理, 计划完成. */
const bindsLightVerb = (t: Token): boolean =>
  (STOCK_ACTIONS.has(t.word) && !LIGHT_VERBS.has(t.word)) || NEGATIONS.test(t.word) || MODALS.has(t.word);

/**
 * Where the phrase after a preposition starts. 为当事人避免或挽回损: at the first verb after
 * its object; 在渝快办平台领取发布: at the verbs that end the clause; 对需修订的 and
 * 把低保标准(提高到): right after it; 通过担保(6285户农户): nowhere.
 */
function prepositionObjectEnd(tokens: Token[], at: number, modifies: boolean): number {
  const preposition = (tokens[at] as Token).word;
  if (modifies || /^(把|将)$/.test(preposition)) return at + 1;
  let tail = tokens.length;
  while (tail > at + 1 && isVerb(tokens[tail - 1] as Token)) tail--;
  if (tail < tokens.length && tail > at + 1) return tail;
  // 通过担保(累计为6285户农户): with no verb after it, the object is not what was counted.
  const verb = tokens.findIndex((v, j) => j > at + 1 && isVerb(v));
  return verb < 0 ? tokens.length : verb;
}

const leadsAsAction = (t: Token): boolean =>
  STOCK_ACTIONS.has(t.word) || LIGHT_VERBS.has(t.word) || NEGATIONS.test(t.word);

const isAction = (t: Token): boolean =>
  isVerb(t) ||
  t.tag === "vn" ||
  STOCK_ACTIONS.has(t.word) ||
  NEGATIONS.test(t.word) ||
  /^(d|ad)$/.test(t.tag) ||
  (t.tag === "a" && t.word.length === 1);

const RANK = /(排在|排名|位居|位列|名列|列|居|排)?(全国|全省|全市|全县|全区)?(第|前)$/;

/** Reads the clause before a number: what it counts, and how (change, 分别, verb only). */
export function readClause(before: string, counterUnit: boolean): ClauseReading {
  const flags: Flags = {
    de: false,
    examples: false,
    respectively: false,
    all: false,
    opensAfter: false,
    part: false,
  };
  const text = pretagged(before, flags);
  const ranked = /(第|前)$/.test(text) ? RANK.exec(text) : null;
  // 在全市考评中名列第二: the scope may come earlier in the clause, before what is ranked.
  const earlier = ranked && !ranked[2] ? (/全国|全省|全市|全县|全区/.exec(text)?.[0] ?? "") : "";
  const rank = ranked ? { scope: ranked[2] ?? earlier, first: earlier !== "" } : null;
  const tokens = tokenize(ranked ? text.slice(0, ranked.index) : text);
  stripTrailing(tokens, flags);
  const change = rank ? null : takeChange(tokens, flags);
  if (change) stripTrailing(tokens, flags);
  // 是2011年的3.14倍: a comparison without a change verb.
  else if (tokens.some((t) => t.word === "是") && /年$/.test(tokens[tokens.length - 1]?.word ?? "")) {
    cutComparison(tokens, 4);
    stripTrailing(tokens, flags);
  }

  // Cut after the last filler, light verb or preposition phrase: what follows was counted.
  let cut = 0;
  let cutVerb: string | null = null;
  let cutAtNumber = false; // the last cut was at a number written in digits
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const previous = tokens[i - 1];
    if (i === cut && (isLeadingFiller(t, previous) || isLeadingAdverb(t))) {
      cut = i + 1;
      cutAtNumber = /^\d/.test(t.word);
      cutVerb = LIGHT_VERBS.has(t.word) ? t.word : null;
      if (t.word === "其中") flags.part = true;
    } else if (
      LIGHT_VERBS.has(t.word) &&
      !(previous && i > cut && bindsLightVerb(previous)) &&
      !/^(率|量|目标值?|任务)$/.test(tokens[i + 1]?.word ?? "")
    ) {
      // 办结率, 完成目标值: a light verb before 率 or a target names it, it does not govern it.
      cut = i + 1;
      cutVerb = t.word.replace(/了$/, "");
      cutAtNumber = false;
      if (tokens[i + 1]?.word === "了") cut = i + 2;
    } else if (
      t.word === "其中" ||
      (SCOPE_WORDS.test(t.word) && previous?.word !== "占") ||
      /^\d/.test(t.word)
    ) {
      cut = i + 1;
      cutVerb = null;
      cutAtNumber = /^\d/.test(t.word);
      if (t.word === "其中") flags.part = true;
    } else if (PREPOSITIONS.has(t.word) && t.tag === "p") {
      cut = prepositionObjectEnd(tokens, i, flags.de);
      cutVerb = null;
      cutAtNumber = false;
      i = cut - 1;
    }
  }
  let phrase = tokens.slice(cut).filter((t) => !INNER_FILLERS.has(t.word));
  // 4大方面200余项: a short rest after a number is that number's unit (not 5G基站).
  if (cutAtNumber && joined(phrase).length <= 3 && /^[大多余个万亿]/.test(joined(phrase))) phrase = [];
  while (phrase[0] && (isConjunction(phrase[0]) || phrase[0].word === "各")) phrase = phrase.slice(1);
  // 畜牧业产值占农业总产值的比重: the 的 before a general noun adds nothing to a label.
  phrase = phrase.filter((t, i) => !(t.word === "的" && GENERIC_NOUNS.test(phrase[i + 1]?.word ?? "")));
  // 完成投资, 累计投资: a general noun keeps the linking verb it was cut from.
  if (cutVerb && /^(完成|累计)$/.test(cutVerb) && phrase.length > 0 && GENERIC_NOUNS.test(joined(phrase))) {
    phrase = [{ word: cutVerb, tag: "v" }, ...phrase];
  }

  const said = joined(phrase);
  const last = phrase[phrase.length - 1];
  const actionOnly =
    last !== undefined &&
    said.length <= 5 &&
    phrase.every(isAction) &&
    !flags.de &&
    !GENERIC_NOUNS.test(last.word);
  // Only the genre's stock actions count a quantity named before them (办结156件):
  // other verb-tagged words name what was counted themselves (罚没收入, 欠薪投诉).
  const verbOnly = actionOnly && STOCK_ACTIONS.has(last.word);
  // 县委、县政府聘请了由1名…, 市委、市政府出台39项…: a clause ending in its verb.
  const endsInVerb = last !== undefined && isVerb(last) && counterUnit;
  return {
    phrase,
    verbOnly,
    actionOnly,
    change,
    endsWithDe: flags.de,
    opensAfter: (flags.opensAfter && (last === undefined || isVerb(last) || said.length === 0)) || endsInVerb,
    examples: flags.examples,
    respectively: flags.respectively,
    all: flags.all,
    part: flags.part,
    cutVerb,
    rank,
  };
}

/** The noun of a phrase: the phrase without the actions that lead it (清理文件 → 文件). */
export function nounOf(phrase: readonly Token[]): string {
  let i = 0;
  while (i < phrase.length - 1 && leadsAsAction(phrase[i] as Token)) i++;
  return joined(phrase.slice(i));
}
