import { SCALE_PATTERN } from "../text/numerals.ts";
import { LEADING_NUMBER, readAfter } from "./label-after.ts";
import { clauseAfter } from "./label-clause.ts";
import type { Label, Reading } from "./label-model.ts";
import { lastNounRun } from "./label-text.ts";
import { isVerb, tokenize } from "./label-tokens.ts";
import { STOCK_ACTIONS } from "./label-words.ts";

/**
 * Where a clause that does not name its quantity borrows it from: the noun phrase before it,
 * the figure before it, what a sum of money paid for, the owner of a general noun.
 */

/** General words that close a label and take their owner from around it (职教中心新校区总投资). */
export const GENERIC_TAIL = /(总投资|投资|占地|面积|总额|金额)$/;

/**
 * 总投资12亿元的职教中心新校区, 总投资23.52亿元335.5公里的交通项目: the noun a general word
 * right before a figure belongs to.
 */
export function ownerAfter(after: string): string | null {
  const rest = after.replace(LEADING_NUMBER, "");
  if (!rest.startsWith("的")) return null;
  const noun = readAfter(rest.slice(1), "");
  return noun && !noun.actionOnly ? noun.noun : null;
}

/** The quantity a general noun belongs to: 重点项目19项，总投资…; 投资9500万元建设保障性住房. */
export function topicOfGeneric(r: Reading): string | null {
  const isAmount = !/(率|比例|比重|占比)$/.test(r.said);
  // 投资9500万元建设保障性住房, and when the sentence opens with the figure, 投资4785万元，
  // 改造农村危房: what the money was spent on, when nothing came before.
  const after = clauseAfter(r.masked, r.ctx.end);
  const opensSentence = r.masked.slice(0, r.from).trim() === "";
  const next = after === "" && opensSentence ? clauseAfter(r.masked, r.ctx.end + 1) : after;
  const spent = r.prev ? null : spentOn(next);
  if (spent !== null) return spent;
  // 重点项目总投资834.59亿元，完成投资50.03亿元: the projects', not the total's.
  const before = topicBefore(r, { skipRates: isAmount })?.replace(GENERIC_TAIL, "");
  return before || null;
}

/** 实施农村安全饮水…等水利工程, 改造农村危房2050户: the object of the verb a figure's money paid for. */
export function spentOn(after: string): string | null {
  const verb = tokenize(after)[0];
  if (!verb || !(isVerb(verb) || verb.tag === "vn") || STOCK_ACTIONS.has(verb.word)) return null;
  const object = after.slice(verb.word.length).replace(/^了/, "");
  // 实施农村安全饮水、小农水…等水利工程: the kind the list is of.
  const head = readAfter(object.replace(/^.*等/, "").replace(LEADING_NUMBER, ""), "");
  if (head && !head.actionOnly) return head.noun;
  return lastNounRun(tokenize(object));
}

/** What a number reached, said right after it: 10亿元大关, 百亿台阶. */
const MILESTONE = /^(?:大关|关口|台阶|大台阶|新台阶)/;

/** The topic of a clause that names none: the noun phrase just before it, else the previous figure's. */
export function topicBefore(r: Reading, { skipRates = false, forAction = false } = {}): string | null {
  const { prev, masked, from } = r;
  // The rest of the previous figure's clause (12.65平方公里的阜东产业园区建设，), or with no
  // figure before, the clauses before this one (全部财政收入突破10亿大关，完成11.68亿元).
  // A milestone right after the previous number is its own (突破10亿元大关, 迈上新台阶), no topic.
  const between = prev
    ? (masked.slice(prev.end, from).split(/[,，;；:：、]/)[0] ?? "").replace(MILESTONE, "")
    : masked.slice(0, from);
  const run = prev?.fromAfter ? null : lastNounRun(tokenize(between.replace(/\s/g, "")));
  if (run) return run;
  if (forAction) {
    const shared = sharedHead(r.ctx.previous);
    if (shared) return shared;
  }
  for (let i = r.ctx.previous.length - 1; i >= 0; i--) {
    const p = r.ctx.previous[i] as Label;
    if (p.aside || p.noun === "") continue;
    if (skipRates && /率$/.test(p.noun)) continue;
    return p.noun;
  }
  return null;
}

/**
 * 简易程序案件489件，普通程序案件1711件，抽查47件: after two parallel counts an action counts
 * what they share (案件).
 */
function sharedHead(previous: readonly Label[]): string | null {
  const nouns = topics(previous).slice(-2);
  if (nouns.length < 2 || nouns[0] === nouns[1]) return null;
  const a = tokenize(nouns[0] as string).pop();
  const b = tokenize(nouns[1] as string).pop();
  return a && b && a.word === b.word && a.word.length >= 2 ? a.word : null;
}

/** The next number of a 分别 run, joined to the one before by 和/、 (和3亿元, 、5万人). */
const JOINED_NUMBER = new RegExp(
  `^\\s*[^\\d和及与、，,；;。]{0,5}?\\s*(和|及|与|、)\\s*\\d[\\d.]*\\s*(?:${SCALE_PATTERN})?[余多]?`,
);

/** How many figures a 分别 run holds: this one and those joined to it by 和/、. */
export function runLength(after: string): number {
  let count = 1;
  let rest = after;
  for (;;) {
    const m = JOINED_NUMBER.exec(rest);
    if (!m) return count;
    count++;
    rest = rest.slice(m[0].length);
  }
}

/** The quantities of the figures before, in order, each once (for 分别 runs). */
export function topics(previous: readonly Label[]): string[] {
  const out: string[] = [];
  for (const p of previous) {
    const isChange = p.run !== null && p.run.change !== "";
    if (!p.aside && p.noun !== "" && !isChange && out[out.length - 1] !== p.noun) out.push(p.noun);
  }
  return out;
}
