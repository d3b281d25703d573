/**
 * A question about one indicator across reports — how it changed over the years, how
 * places compare — is answered by /compare, not from the chat's one report: 清苑区这几年
 * 一般公共预算收入怎么变化, 哪个县法律援助案件最多, 各县地区生产总值对比. Read from the
 * words alone (no library needed), so whether such an answer may be cached is known from
 * the question.
 */
import { normalizeText } from "../../text/normalize.ts";
import { findIndicator } from "../comparison.ts";
import { ACROSS_CUE, CHANGE_CUE, COMPARE_CUE } from "./cues.ts";

/** Words that ask over years or places, not about one report. */
const ACROSS_REPORTS =
  /这几年|近几年|这些年|几年来|历年|逐年|哪一?年|各年|多年|每年|变化|趋势|走势|哪个[县区市地]|哪些[县区市地]|各[县区市地]|几个[县区市]|各个[县区市]|对比|比较|(?:19|20)\d\d\s*(?:-|–|—|~|～|到|至)\s*(?:19|20)\d\d|\bover the years\b|\bwhich year\b|\btrend\b|\beach (?:county|district|place)\b|\bwhich (?:county|district|place)\b|\bcompare\b/i;

/**
 * Two places named side by side (满城区和清苑区, 易县与米易县): a question across reports when
 * the library holds both, which only the library tells (see namesOnlyPlaces).
 */
const TWO_PLACES = /[\u4e00-\u9fff]{1,6}[县区市旗](?:和|与|跟|同|、|对比|比)[\u4e00-\u9fff]{1,6}[县区市旗]/;

/** Words that ask which is largest or smallest: answered for one year, places side by side. */
export const WHICH_MOST =
  /哪个|哪些|最多|最少|最高|最低|最大|最小|最快|最慢|排名|排第|\bwhich\b|\bmost\b|\bhighest\b/i;

/**
 * Why a question's words ask across reports: over years or places (ACROSS_REPORTS), or
 * against another year or place than the report's (和其他县比, 和往年比; how much a figure
 * changed, 和去年比增加了多少, is the report's own statement), or by naming two places.
 */
function acrossBy(folded: string): "words" | "places" | null {
  if (ACROSS_REPORTS.test(folded)) return "words";
  if (COMPARE_CUE.test(folded) && ACROSS_CUE.test(folded) && !CHANGE_CUE.test(folded)) return "words";
  return TWO_PLACES.test(folded) ? "places" : null;
}

/** The indicator a question asks about across reports, or null when it asks about one report. */
export function asksAcrossReports(question: string): string | null {
  return acrossBy(normalizeText(question)) ? (findIndicator(question)?.name ?? null) : null;
}

/**
 * Whether a question asks across reports only for naming two places (满城区和清苑区哪个GDP高):
 * it does when they are two places of the library; 开发区和园区 are not.
 */
export function namesOnlyPlaces(question: string): boolean {
  return acrossBy(normalizeText(question)) === "places";
}

/** A question about which reports there are: 清苑区有哪些报告, 一共几份报告, which reports are there. */
const WHICH_REPORTS =
  /(有|都有|包括|收录了?)(哪些|几份|多少份?)报告|哪(几|些)份报告|(几|多少)份报告|报告有(几|多少)份|报告(列表|清单)|哪些年(份)?的报告|\bwhich reports\b|\bwhat reports\b|\bhow many reports\b|\blist (of )?(the )?reports\b/;

/** Whether a question asks which reports the library holds (of a place, when it names one). */
export function asksForReports(question: string): boolean {
  return WHICH_REPORTS.test(normalizeText(question));
}
