import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import type { App } from "../src/app.ts";
import type { Invocation } from "../src/command/types.ts";
import { type Latency, summarize } from "./stats.ts";

// A fixed mix of real questions about the seed: 20 /stat, 10 /section, 10 /search, /summary.
export const STAT_KEYWORDS = [
  "法律援助",
  "公证",
  "行政复议",
  "欠薪",
  "出庭应诉",
  "调解",
  "食品",
  "药品",
  "执法人员",
  "抽检",
  "合格率",
  "政务服务",
  "规范性文件",
  "合同",
  "农民工",
  "禁渔",
  "法律咨询",
  "营商环境",
  "案件",
  "万元",
];
export const SECTION_REFS = [
  "七",
  "1.2",
  "(三)",
  "第五",
  "矛盾纠纷",
  "放管服",
  "存在的问题",
  "三",
  "1.3.2",
  "执法",
];
export const SEARCH_TEXTS = [
  "十年禁渔",
  "法治副主任",
  "公证",
  "复议",
  "枫桥经验",
  "营商环境",
  "疫情",
  "律师",
  "示范创建",
  "告知承诺制",
];

/** Questions as people type them, every intent and both languages: the question path's own mix. */
export const QUESTIONS = [
  "法律援助案件有多少件?",
  "调解成功率是多少",
  "欠薪涉及多少农民工",
  "罚没收入多少钱",
  "马上办的比例是多少",
  "执法人员出动了多少人次?",
  "食品安全监督抽检了多少批次",
  "行政权力事项比去年增加了多少",
  "How many legal aid cases were handled?",
  "What was the mediation success rate?",
  "明年打算做什么",
  "存在哪些问题",
  "营商环境方面做了什么",
  "行政执法做得怎么样",
  "第七部分讲了什么",
  "报告是哪天发布的",
  "法治副主任",
  "法律援助案件和公证案件哪个多",
  "明天会下雨吗",
  "公證案件有幾件？",
];

export function questionMix(): Invocation[] {
  const ask = (command: string, args: string): Invocation => ({ ...CONSOLE_CHAT, command, args });
  return [
    ...STAT_KEYWORDS.map((k) => ask("stat", k)),
    ...SECTION_REFS.map((r) => ask("section", r)),
    ...SEARCH_TEXTS.map((t) => ask("search", t)),
    ask("summary", ""),
  ];
}

/** The question mix, as messages without a slash are asked. */
export function askMix(): Invocation[] {
  return QUESTIONS.map((question) => ({ ...CONSOLE_CHAT, command: "ask", args: question }));
}

/** How many times the whole mix is asked, for each measurement. */
export interface CoreRounds {
  warmUp: number;
  uncached: number;
  cached: number;
}

/** Times each answer of `rounds` passes over the mix; `before` runs untimed before each answer. */
async function timeAnswers(
  app: App,
  mix: Invocation[],
  rounds: number,
  before: () => void,
): Promise<{ all: Float64Array; stat: number[] }> {
  // Preallocated, and timed with performance.now() (a double, where hrtime.bigint() allocates),
  // so the harness adds no garbage of its own to the answers' GC pauses.
  const all = new Float64Array(rounds * mix.length);
  const stat: number[] = [];
  let n = 0;
  for (let r = 0; r < rounds; r++) {
    for (const q of mix) {
      before();
      const start = performance.now();
      await app.dispatcher.handle(q);
      const us = (performance.now() - start) * 1000;
      all[n++] = us;
      if (q.command === "stat") stat.push(us);
    }
  }
  return { all, stat };
}

/**
 * Latency per answer over the mix: uncached (the response cache emptied, untimed, before each
 * answer) and cached. Every question is asked `warmUp` times first, so the report index is
 * built and the code optimised before anything is timed.
 */
export async function benchCore(
  app: App,
  rounds: CoreRounds,
): Promise<{ uncached: Latency; uncachedStat: Latency; cached: Latency; question: Latency }> {
  const mix = questionMix();
  const clear = () => app.store.cache.clear();
  await timeAnswers(app, mix, rounds.warmUp, clear);
  const uncached = await timeAnswers(app, mix, rounds.uncached, clear);
  await timeAnswers(app, mix, rounds.warmUp, () => {});
  const cached = await timeAnswers(app, mix, rounds.cached, () => {});
  // Questions in plain words, uncached: reading the question, ranking, building the answer.
  const asks = askMix();
  await timeAnswers(app, asks, rounds.warmUp, clear);
  const question = await timeAnswers(app, asks, rounds.uncached, clear);
  return {
    uncached: summarize([...uncached.all]),
    uncachedStat: summarize(uncached.stat),
    cached: summarize([...cached.all]),
    question: summarize([...question.all]),
  };
}
