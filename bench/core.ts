import { CONSOLE_CHAT } from "../src/adapters/console.ts";
import type { App } from "../src/app.ts";
import type { Invocation } from "../src/command/types.ts";
import { type Latency, since, summarize } from "./stats.ts";

// A fixed mix of real questions about the seed: 20 /stat, 10 /section, 10 /search, /summary.
const STAT = [
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
const SECTION = ["七", "1.2", "(三)", "第五", "矛盾纠纷", "放管服", "存在的问题", "三", "1.3.2", "执法"];
const SEARCH = [
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

export function questionMix(): Invocation[] {
  const ask = (command: string, args: string): Invocation => ({ ...CONSOLE_CHAT, command, args });
  return [
    ...STAT.map((k) => ask("stat", k)),
    ...SECTION.map((r) => ask("section", r)),
    ...SEARCH.map((t) => ask("search", t)),
    ask("summary", ""),
  ];
}

/** Latency per answer, uncached (cache emptied before each) and cached, over the mix. */
export async function benchCore(
  app: App,
  rounds: number,
): Promise<{ uncached: Latency; uncachedStat: Latency; cached: Latency }> {
  const mix = questionMix();
  for (const q of mix) await app.dispatcher.handle(q); // warm: indexes built, code optimised
  const uncached: number[] = [];
  const uncachedStat: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of mix) {
      app.store.cache.clear();
      const start = process.hrtime.bigint();
      await app.dispatcher.handle(q);
      const us = since(start);
      uncached.push(us);
      if (q.command === "stat") uncachedStat.push(us);
    }
  }
  for (const q of mix) await app.dispatcher.handle(q);
  const cached: number[] = [];
  for (let r = 0; r < rounds * 5; r++) {
    for (const q of mix) {
      const start = process.hrtime.bigint();
      await app.dispatcher.handle(q);
      cached.push(since(start));
    }
  }
  return { uncached: summarize(uncached), uncachedStat: summarize(uncachedStat), cached: summarize(cached) };
}
