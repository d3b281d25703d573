import { isConjunction, isNominal, joined, type Token, tokenize } from "./label-tokens.ts";
import { LIGHT_VERBS } from "./label-words.ts";

/** Text-level helpers of labelling: the last noun phrase, full names, lists, clipping. */

const MAX_LABEL = 16;
// A label is cut at word boundaries; one that holds a list (城镇、农村…) may run this long
// rather than lose one of its halves.
const MAX_LIST_LABEL = 20;

/**
 * The last noun phrase of some text that is not a figure's own (10亿大关 is not a topic),
 * without the activity words that close it (阜东产业园区建设 → 阜东产业园区).
 */
export function lastNounRun(tokens: readonly Token[]): string | null {
  const runs: Token[][] = [];
  let current: Token[] = [];
  for (const [i, t] of tokens.entries()) {
    const afterNumber = /^(\d|亿$|万$)/.test(tokens[i - 1]?.word ?? "");
    const beforeNumber = /^\d/.test(tokens[i + 1]?.word ?? "");
    if (isNominal(t) && !(current.length === 0 && afterNumber) && !beforeNumber && !LIGHT_VERBS.has(t.word)) {
      current.push(t);
    } else {
      if (current.length > 0) runs.push(current);
      current = [];
    }
  }
  if (current.length > 0) runs.push(current);
  for (let r = runs.length - 1; r >= 0; r--) {
    let run = runs[r] as Token[];
    while (run.length > 1 && /^(建设|工作|管理|改革)$/.test(run[run.length - 1]?.word ?? ""))
      run = run.slice(0, -1);
    const text = joined(run);
    if (text.length >= 2 && !/^(以来|年来|方面|目前)$/.test(text)) return text;
  }
  return null;
}

/** How far back in a sentence compoundBefore looks, in characters: more than most sentences hold. */
const LOOK_BACK = 512;

/** A full name for a bare head, from earlier in the sentence: 31个事项 → 证明事项. */
export function compoundBefore(text: string, head: string): string | null {
  // Looked for within the last LOOK_BACK characters: the whole text before each figure of a
  // long sentence would make a sentence's labels quadratic in its length.
  const tokens = tokenize(text.slice(-LOOK_BACK).replace(/\s/g, ""));
  const modifier = (t: Token) => isNominal(t) && t.tag !== "ns" && t.word.length <= 3;
  for (let k = tokens.length - 1; k > 0; k--) {
    if ((tokens[k] as Token).word !== head) continue;
    let i = k;
    while (i > 0 && k - i < 2 && modifier(tokens[i - 1] as Token)) i--;
    if (i < k) return joined(tokens.slice(i, k + 1));
  }
  return null;
}

/**
 * The quantities of a list written once (城镇、农村居民人均可支配收入; 非正常进京访件次、人次),
 * each written out in full: 城镇居民人均可支配收入, 农村居民人均可支配收入.
 */
export function splitList(phrase: string): string[] {
  const items = phrase.split(/、|和|及/).filter((s) => s !== "");
  if (items.length < 2) return items;
  const first = items[0] as string;
  const last = items[items.length - 1] as string;
  return items.map((item, i) => {
    // 城镇 stands for 农村's place in 农村居民人均可支配收入; 人次 for 件次's in 非正常进京访件次.
    if (item.length > 2) return item;
    if (i === 0 && last.length > item.length) return `${item}${last.slice(item.length)}`;
    if (i > 0 && first.length > item.length) return `${first.slice(0, first.length - item.length)}${item}`;
    return item;
  });
}

/** Shortens a label to a chat line at word boundaries, keeping its head (the end). */
export function clip(label: string): string {
  if (label.length <= MAX_LABEL) return label;
  // 法治副校长授课、“莎姐”讲法、检察院开放日等活动 → 法治副校长授课等活动.
  const list = /^([^、]+)、.*等([^等、]+)$/.exec(label);
  if (list && `${list[1]}等${list[2]}`.length <= MAX_LABEL) return `${list[1]}等${list[2]}`;
  const tokens = tokenize(label);
  // 人均GDP、人均地方公共财政预算收入、城乡居民人均收入完成目标值: a list too long for a line
  // gives way to what is said of all its items.
  const lastJoin = tokens.map(isConjunction).lastIndexOf(true);
  const verb = tokens.findIndex((t, i) => i > lastJoin && /^v/.test(t.tag) && t.tag !== "vn");
  if (
    label.length > MAX_LIST_LABEL &&
    lastJoin >= 0 &&
    verb > lastJoin &&
    joined(tokens.slice(verb)).length >= 2
  ) {
    return joined(tokens.slice(verb));
  }
  while (tokens.length > 1 && joined(tokens).length > MAX_LABEL) {
    if (tokens.some(isConjunction) && joined(tokens).length <= MAX_LIST_LABEL) break;
    tokens.shift();
  }
  while (tokens[0] && (isConjunction(tokens[0]) || tokens[0].word === "的")) tokens.shift();
  return joined(tokens);
}
