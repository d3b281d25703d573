import { readAfter } from "./label-after.ts";
import { clauseAfter, clauseStart, maskAsides, nounOf, readClause } from "./label-clause.ts";
import { type Label, type LabelContext, label, type Made, type Reading } from "./label-model.ts";
import { clip, compoundBefore, lastNounRun, splitList } from "./label-text.ts";
import { isNominal, isVerb, joined, type Token, tokenize } from "./label-tokens.ts";
import {
  GENERIC_TAIL,
  ownerAfter,
  runLength,
  spentOn,
  topicBefore,
  topicOfGeneric,
  topics,
} from "./label-topic.ts";
import { BARE_HEADS, CHANGE_VERBS, GENERIC_NOUNS, STOCK_ACTIONS } from "./label-words.ts";

/**
 * A figure's label: the words that say what was counted, short enough for a chat line
 * and readable without the sentence. It is the noun phrase of the figure's clause
 * (罚没收入21.257万元), with the verb where the noun alone would mislead (调解纠纷,
 * 纠正不合法条款, 免交农民工工资保证金); a clause that names no noun (办结156件, 增长9%)
 * borrows the quantity of the figure or clause before it (办结劳动仲裁申请,
 * 固定资产投资增长). Rules work on jieba's tags and the genre's stock words only.
 */

/** Counters of occurrences: 2批次下发…目录 counts an action, not a thing. */
const OCCURRENCES = /^(次|批次|场次|轮|期|批)$/;
/** Light verbs that only link a quantity to its value: 完成11.68亿元 is the quantity itself. */
const LINKING_VERBS = new Set(["完成", "实现", "达到", "累计", "共计", "合计", "总计", "拥有"]);
/** The two sides of the genre's urban–rural pairs (城镇居民…，农村…). */
const URBAN_RURAL = /^(城镇|农村|城市|乡村|城区)$/;
/** A label made with a predicate (到我县学习考察的县市) stays this short, or is the noun alone. */
const MAX_PREDICATE_LABEL = 12;

/** Chooses a figure's label from the words around it. */
export function labelFigure(ctx: LabelContext): Label {
  const masked = maskAsides(ctx.sentence);
  const prev = ctx.previous[ctx.previous.length - 1];
  const from = clauseStart(masked, ctx.start, prev?.end ?? 0);
  // A rank written with its 第/前 (第 4 位) reads like one written after them (前5名).
  const opensRank = /^[第前]/.test(ctx.sentence.slice(ctx.start))
    ? ctx.sentence.slice(ctx.start, ctx.start + 1)
    : "";
  const clause = readClause(`${masked.slice(from, ctx.start)}${opensRank}`, ctx.counterUnit);
  const r: Reading = {
    ctx,
    masked,
    from,
    clause,
    phrase: clause.phrase,
    said: "",
    prev,
    adjoinsPrevious: prev !== undefined && from === prev.end,
  };
  ownPhrase(r);
  const made = chooseLabel(r);
  // Whatever the rules missed, a label is never empty: the words after the number, else the
  // noun phrase before it.
  if (made.text === "") {
    const clauseText = masked.slice(from, ctx.start).replace(/\s/g, "");
    made.text = readAfter(clauseAfter(masked, ctx.end), ctx.unit)?.noun ?? topicBefore(r) ?? clauseText;
  }
  // Written out rather than spread ({ ...made, … }): object spread takes V8's slow path here,
  // about a microsecond and a half for every figure of a report.
  return {
    text: clip(made.text),
    noun: made.noun,
    fromAfter: made.fromAfter,
    counted: made.counted,
    verb: made.verb,
    aside: made.aside,
    whole: made.whole,
    run: made.run,
    end: ctx.end,
  };
}

/** The clause's own words, less the noun a counter-first figure before took (工程项目…). */
function ownPhrase(r: Reading): void {
  const { prev } = r;
  if (prev?.counted && r.adjoinsPrevious && r.phrase[0]?.word === prev.counted) {
    r.phrase = r.phrase.slice(1);
    const opensWithVerb = r.phrase[0] !== undefined && isVerb(r.phrase[0]);
    if (prev.verb && !opensWithVerb) r.phrase = [{ word: prev.verb, tag: "v" }, ...r.phrase];
  }
  r.said = joined(r.phrase);
}

function chooseLabel(r: Reading): Made {
  const { clause, prev, said } = r;
  // A 和 B: the second shares the first's label, or takes its place in a 分别 run.
  const joint = prev ? r.masked.slice(prev.end, r.ctx.start) : "";
  if (prev && /^[\s、和及与]+$/.test(joint)) {
    if (prev.run) {
      const index = prev.run.index + 1;
      const noun = prev.run.nouns[index] ?? prev.noun;
      return label(`${noun}${prev.run.change}`, noun, { run: { ...prev.run, index } });
    }
    return label(prev.text, prev.noun, { whole: prev.whole, run: prev.run });
  }
  if (clause.rank) return label(rankLabel(r, clause.rank), "");

  const afterNumber = labelAfterNumber(r);
  if (afterNumber) return afterNumber;

  if (said !== "" && !clause.verbOnly) return labelOwn(r);

  // The clause names no quantity (增长9%, 办结156件, 下降到2.88万人): borrow the topic.
  if (clause.respectively && clause.change) {
    const count = runLength(r.masked.slice(r.ctx.end));
    const nouns = topics(r.ctx.previous).slice(-count);
    if (nouns.length === count) {
      const noun = nouns[0] as string;
      return label(`${noun}${clause.change}`, noun, { run: { nouns, index: 0, change: clause.change } });
    }
  }
  const topic = topicBefore(r, { forAction: clause.verbOnly });
  const cut = clause.cutVerb;
  const action = said !== "" ? said : cut && !LINKING_VERBS.has(cut) ? cut : "";
  if (topic === null) return label(`${action}${clause.change ?? ""}` || said, said);
  if (clause.change) return label(`${topic}${clause.change}`, topic);
  return label(`${action}${topic}`, topic);
}

/** 排在全省前5名, 全市第4位: what is ranked, where. */
function rankLabel(r: Reading, rank: { scope: string; first: boolean }): string {
  // 在全市考评中: the place word closing the subject goes.
  const said = r.said.replace(/(中|上|里)$/, "");
  const subject = said !== "" ? said : (r.prev?.text ?? "");
  return rank.first ? `${rank.scope}${subject}排名` : `${subject}${rank.scope}排名`;
}

/**
 * The label of a figure whose noun follows it: 开展了8次规范性文件清理, 选送2篇优秀案例,
 * 完成2万亩补充耕地任务, 收缴64个工程项目农民工工资保证金.
 */
function labelAfterNumber(r: Reading): Made | null {
  const { ctx, clause, said, prev } = r;
  const followsCounterFirst = prev?.fromAfter === true && r.adjoinsPrevious && prev.counted === null;
  // 加合精细化工、乐凯胶片、康强医疗、天香乳业4家企业: names listed before a count are examples.
  const names = said.includes("、") && r.phrase[0] !== undefined && !isVerb(r.phrase[0]);
  const opens =
    said === "" || clause.actionOnly || clause.endsWithDe || clause.opensAfter || clause.examples || names;
  const measureFirst =
    !ctx.counterUnit && ctx.unit !== "%" && (said === "" || clause.actionOnly) && !clause.change;
  if (!(ctx.counterUnit && (opens || followsCounterFirst)) && !measureFirst) return null;
  // 每年列预算1300万元设立贫困学生救助基金: money is labelled with what it paid for.
  const paidFor = measureFirst && ctx.unit.endsWith("元") ? spentOn(clauseAfter(r.masked, ctx.end)) : null;
  if (paidFor) return label(paidFor, paidFor);
  const after = readAfter(clauseAfter(r.masked, ctx.end), ctx.unit, OCCURRENCES.test(ctx.unit));
  if (after === null) return null;
  // 应邀到12个贫困县: a verb of going adds nothing to what was counted.
  const verb =
    (clause.actionOnly || clause.opensAfter) &&
    !clause.examples &&
    !names &&
    !followsCounterFirst &&
    !/到$/.test(said)
      ? said
      : "";
  if (after.counted !== null && after.rest !== null) {
    // 收缴64个工程项目农民工工资保证金: the projects that paid the deposit.
    const action = verb || after.innerVerb || "";
    return label(`${action}${after.rest}的${after.counted}`, after.counted, {
      fromAfter: true,
      counted: after.counted,
      verb: action || null,
    });
  }
  if (followsCounterFirst && after.actionOnly && prev) {
    // 906户1559人实现稳定脱贫: two counts of one phrase share its label.
    if (after.noun === prev.noun) return label(prev.text, prev.noun, { fromAfter: true });
    // 13所农村寄宿制学校11所建成投用: the part that was built.
    return label(`${after.noun}${prev.noun}`, prev.noun, { fromAfter: true });
  }
  const noun = BARE_HEADS.test(after.noun)
    ? (compoundBefore(r.masked.slice(0, r.from), after.noun) ?? after.noun)
    : after.noun;
  if (clause.endsWithDe && said !== "" && !followsCounterFirst) {
    // 疫情防控落实不到位违法行为的35家医疗机构: the modifier's own noun is enough.
    const last = r.phrase[r.phrase.length - 1];
    const modifier = last && isNominal(last) ? (lastNounRun(r.phrase) ?? said) : said;
    return label(`${modifier}的${noun}`, noun, { fromAfter: true });
  }
  if (verb === "" && after.predicate && `${after.predicate}的${noun}`.length <= MAX_PREDICATE_LABEL) {
    // 30个县市到我县学习考察: the places that came.
    return label(`${after.predicate}的${noun}`, noun, { fromAfter: true });
  }
  return label(`${verb}${noun}`, noun, { fromAfter: true });
}

/** The label of a clause that names its quantity, completed where it is too general alone. */
function labelOwn(r: Reading): Made {
  const { clause, prev } = r;
  if (clause.respectively) {
    // 城镇、农村居民人均可支配收入分别增长10.4%、12.5%: one quantity for each figure.
    const nouns = splitList(r.said);
    if (nouns.length > 1 && nouns.length === runLength(r.masked.slice(r.ctx.end))) {
      const noun = nouns[0] as string;
      const change = clause.change ?? "";
      return label(`${noun}${change}`, noun, { run: { nouns, index: 0, change } });
    }
  }
  const composed = composeOwn(r);
  const text = clause.change ? `${composed.text}${clause.change}` : composed.text;
  const whole = clause.part ? (prev?.text ?? null) : (composed.whole ?? null);
  return label(text, composed.noun, { aside: r.said.startsWith("涉及"), whole });
}

function composeOwn(r: Reading): { text: string; noun: string; whole?: string | null } {
  const { ctx, clause, prev, phrase, said } = r;
  const own = (text: string) => ({ text, noun: nounOf(phrase) });
  const first = phrase[0] as Token;
  const last = phrase[phrase.length - 1] as Token;
  const after = clauseAfter(r.masked, ctx.end);
  const base = prev ? (CHANGE_VERBS.test(prev.text) ? prev.noun : prev.text) : "";

  // 占比54.32%, 占全县总耕地面积的40%: a share of the quantity before.
  if (prev && /^(占比|比例|比重|比率)$/.test(said)) return own(`${prev.text}占比`);
  if (prev && first.word === "占") {
    const share = `${base}${said}`;
    return own(share.length <= 16 ? share : `${base}占比`);
  }
  // 调解成功3265件，成功率99%: the rate of the count before.
  if (prev && /率$/.test(said) && said.length > 1 && prev.text.endsWith(said.slice(0, -1)))
    return own(`${prev.text}率`);
  if (prev && first.word.length >= 2 && prev.text.lastIndexOf(first.word) > 0) {
    const overlap = prev.text.lastIndexOf(first.word);
    const rest = said.slice(first.word.length);
    // 食品安全监督抽检3229批次，抽检量4.5批次/千人: a measure of the count before.
    if (overlap + first.word.length === prev.text.length && /^(率|量|数|额)$/.test(rest))
      return own(`${prev.text}${rest}`);
    // 示范街1条、示范单位7家; 出动执法人员…，执法车辆…: a parallel noun takes the first one's modifiers.
    if (said.length <= 4 && !prev.fromAfter && rest !== "")
      return own(`${prev.text.slice(0, overlap)}${said}`);
  }
  // 城镇低保补差额由人均68元…，农村由人均13元…: the other side of an urban–rural pair.
  const side = /^(城镇|农村|城市|乡村|城区)/.exec(prev?.text ?? "")?.[0];
  if (prev && side && URBAN_RURAL.test(said) && said !== side)
    return own(`${said}${prev.text.slice(side.length)}`);
  // 人均达到4.6万元: per head of the quantity before.
  if (prev && /^(人均|户均|亩均)$/.test(said) && !clause.change) return own(`${said}${prev.noun}`);
  // 总投资12亿元的职教中心新校区, 规划建设中冉西北占地3万亩的新型工业园区: whose total.
  const generic = GENERIC_TAIL.exec(said)?.[0];
  // The owner is read (and tagged) only for a general word: most clauses have none.
  const owner = generic ? ownerAfter(after) : null;
  if (owner && generic) return { text: `${owner}${generic}`, noun: `${owner}${generic}` };
  // 每年列预算1300万元设立贫困学生救助基金: the fund the money set up.
  const fund = /^(拿出|列预算|安排|筹集)/.test(said) ? /^(设立|用于|建立)(.+)$/.exec(after) : null;
  const funded = fund?.[2] ? readAfter(fund[2], "") : null;
  if (funded && !funded.actionOnly) return own(funded.noun);
  if (GENERIC_NOUNS.test(said)) {
    if (clause.all) return own(said);
    const topic = topicOfGeneric(r);
    return topic ? { text: `${topic}${said}`, noun: `${topic}${said}` } : own(said);
  }
  // 副职以上负责人出庭46宗（其中正职25宗，副职21宗）: a part of the whole before.
  const whole = clause.part ? prev?.text : prev?.whole;
  if (whole && said.length <= 2) {
    const action = tokenize(whole).pop();
    if (action && action.word.length <= 2 && !said.includes(action.word))
      return { ...own(`${said}${action.word}`), whole };
  }
  // 劳务输出7.76万人次，创收3.4亿元: a lone action is the quantity before's.
  if (prev && phrase.length === 1 && isVerb(first) && !STOCK_ACTIONS.has(first.word) && prev.noun !== said) {
    return own(`${prev.noun}${said}`);
  }
  // 央视《新闻联播》连续6期播出: a count of occurrences of what the subject did.
  const did = OCCURRENCES.test(ctx.unit) ? tokenize(after)[0] : undefined;
  if (did && isVerb(did) && isNominal(last)) return own(`${said}${did.word}`);
  // 完成县城及美丽乡村建设80%的任务量: a share of what follows.
  const of = ctx.unit === "%" ? /^的([^的]{2,8})$/.exec(after) : null;
  if (of?.[1]) return own(`${said}${of[1]}`);
  if (BARE_HEADS.test(said)) return own(compoundBefore(r.masked.slice(0, r.from), said) ?? said);
  // 已归集的涉企监管执法信息公示率: a long label keeps what follows its last 的.
  const de = said.lastIndexOf("的");
  if (said.length > 10 && de > 0 && said.length - de > 4) return own(said.slice(de + 1));
  return own(said);
}

export type { Label, LabelContext };
