/**
 * Indicators: one quantity across reports (地区生产总值, 一般公共预算收入, 法律援助案件…),
 * named in data/indicators.tsv with the ways reports write it. A report's figures are read
 * for them by rule — the figure's label names the indicator and nothing narrower, its unit
 * is the indicator's — and each indicator gets at most one level (8.4亿元), one stated
 * change (增长11.2%) and one target (增长6%左右) per report, kept apart by the figure's kind.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../project.ts";
import { unitScale } from "./figures.ts";
import type { Figure } from "./types.ts";

export const INDICATORS_FILE = join(PROJECT_ROOT, "data", "indicators.tsv");

/** One line of data/indicators.tsv. */
export interface Indicator {
  name: string;
  /** What its level is counted in, without a 万/亿 scale: 元, 件, 人, 美元, %. */
  unit: string;
  /** How reports write it. */
  variants: readonly string[];
  english: readonly string[];
  /**
   * Whether reports state its growth at comparable prices (地区生产总值增长6%): the growth
   * its two current-price levels imply differs from it by the change in prices alone.
   */
  realGrowth: boolean;
}

/**
 * What a figure says of an indicator: its level in the year reviewed, the change the report
 * states for that year, or the target it sets for the year ahead.
 */
export type Measure = "level" | "change" | "target";

/** An indicator found in a report's figures. */
export interface IndicatorValue {
  indicator: string;
  measure: Measure;
  /** Index of the figure in the report's figures. */
  figure: number;
  /**
   * The value in the indicator's unit without scale (亿元 → 元), signed for a change
   * (下降2% → -2); a change or target in % (or 个百分点 for an indicator that is a rate).
   */
  value: number;
}

function column(value: string | undefined): string[] {
  return (value ?? "")
    .split("|")
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

/** Reads the indicators' text: tab-separated, a header line, # comments. */
export function parseIndicators(text: string): Indicator[] {
  const found: Indicator[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "" || line.startsWith("#") || line.startsWith("name\t")) continue;
    const [name, unit, variants, english, growth] = line.split("\t");
    if (!name?.trim() || !unit?.trim()) continue;
    found.push({
      name: name.trim(),
      unit: unit.trim(),
      variants: column(variants),
      english: column(english).map((e) => e.toLowerCase()),
      realGrowth: growth?.trim() === "real",
    });
  }
  return found;
}

let loaded: readonly Indicator[] | null = null;

/** The indicators of data/indicators.tsv, read once. */
export function indicators(): readonly Indicator[] {
  loaded ??= parseIndicators(readFileSync(INDICATORS_FILE, "utf8"));
  return loaded;
}

/**
 * The words a label may hold before an indicator's name: its scope (全县, 地方, 县政府),
 * nothing narrower (城乡, 人均, 单位, 城镇以上).
 */
const SCOPE = /^(?:是|全|全区|全县|全市|全旗|县域|县级|地方|[县区市]?政府)?$/;
/**
 * The words a label may hold after an indicator's name: how the figure states it
 * (完成, 增长, 同比, 以上), nothing that makes it another quantity (年均增长, 比重, 排名,
 * 能耗, 岗位).
 */
const STATING =
  /^(?:预计|初步|实际|同比|可比|同口径|增长|增速|下降|提高|增加|减少|以上|就业|人员|人数|完成|达到|实现|办理|审理|受理|办结)*$/;
/** A growth over several years, not the year's own: 年均增长, 比“十二五”末增长, 比2015年翻一番. */
const OVER_YEARS = /年均|平均|累计|十[一二三四五六]五|比(?:19|20)\d\d年/;
/**
 * 由4.14亿元增长到8.56亿元, 从2015年的4.24亿元…: the number after 由/从 (before any 到) is
 * where the quantity started from.
 */
const STARTING_POINT = /[由从][^到至]*$/;
const CLAUSE_BREAK = /[，,；;。：:！!？?]/;
/** 每平方公里土地产生1.75亿元的GDP, 人均生产总值: an amount for each part, not the whole's. */
const PER_PART = /每(?:平方公里|平方米|亩|万人|千人|人|户)|人均/;

/** The indicator a label names and nothing narrower, by its longest variant. */
function named(label: string, variants: readonly { variant: string; indicator: Indicator }[]) {
  for (const { variant, indicator } of variants) {
    const at = label.indexOf(variant);
    if (at < 0) continue;
    const before = label.slice(0, at);
    const after = label.slice(at + variant.length);
    // The longest variant found decides: a narrower quantity is not read as a shorter name.
    return SCOPE.test(before) && STATING.test(after) && !OVER_YEARS.test(after) ? indicator : null;
  }
  return null;
}

/** The text of the figure's clause before its number (where the number is first written). */
function clauseBefore(f: Figure): string {
  const at = f.sentence.indexOf(f.raw);
  if (at < 0) return "";
  const before = f.sentence.slice(0, at);
  let start = before.length;
  while (start > 0 && !CLAUSE_BREAK.test(before[start - 1] ?? "")) start--;
  return before.slice(start);
}

/** Whether a change is stated in the unit of a change of this indicator (%, or 个百分点 of a rate). */
function isChangeUnit(indicator: Indicator, unit: string): boolean {
  return indicator.unit === "%" ? unit === "个百分点" : unit === "%";
}

/** What a figure says of the indicator its label names, if anything. */
function measureOf(f: Figure, indicator: Indicator): { measure: Measure; value: number } | null {
  const clause = clauseBefore(f);
  if (OVER_YEARS.test(clause)) return null;
  const { factor, base } = unitScale(f.unit);
  const sign = f.change === "decrease" ? -1 : 1;
  const growth = /增长|增速|下降|提高|减少|增加/.test(f.label);
  switch (f.kind) {
    case "amount":
      if (base !== indicator.unit || STARTING_POINT.test(clause) || PER_PART.test(clause)) return null;
      return { measure: "level", value: f.value * factor };
    case "rate":
      // A rate indicator's level (城镇化率62%); a growth the parser read as a rate (增长7%).
      if (indicator.unit === "%" && f.unit === "%" && !growth) return { measure: "level", value: f.value };
      if (indicator.unit !== "%" && f.unit === "%" && growth)
        return { measure: "change", value: sign * f.value };
      return null;
    case "change":
      return isChangeUnit(indicator, f.unit) ? { measure: "change", value: sign * f.value } : null;
    case "target":
      // A growth aimed at; a rate's or a count's target level (城镇化率达到60%, 新增就业3000人).
      if (indicator.unit !== "%" && f.unit === "%") return { measure: "target", value: sign * f.value };
      if (base === indicator.unit && indicator.unit !== "元" && indicator.unit !== "美元")
        return { measure: "target", value: f.value * factor };
      return null;
    default:
      return null;
  }
}

/**
 * The indicators a report's figures state: for each indicator and measure the first figure
 * in the report that states it, except that a change linked to the level chosen is taken
 * before any other.
 */
export function indicatorValues(
  figures: readonly Figure[],
  list: readonly Indicator[] = indicators(),
): IndicatorValue[] {
  const variants = list
    .flatMap((indicator) => indicator.variants.map((variant) => ({ variant, indicator })))
    .sort((a, b) => b.variant.length - a.variant.length);
  const found = new Map<string, IndicatorValue>();
  const changes: IndicatorValue[] = [];
  figures.forEach((f, index) => {
    const own = named(f.label, variants);
    // A change or target whose own label is cut short takes the quantity it is linked to.
    const linked = f.linkedTo === null ? undefined : figures[f.linkedTo];
    const indicator = own ?? (f.kind !== "amount" && linked ? named(linked.label, variants) : null);
    if (!indicator) return;
    const m = measureOf(f, indicator);
    if (!m) return;
    const value = { indicator: indicator.name, measure: m.measure, figure: index, value: m.value };
    if (m.measure === "change") changes.push(value);
    const key = `${indicator.name}\t${m.measure}`;
    if (!found.has(key)) found.set(key, value);
  });
  for (const [key, level] of found) {
    if (level.measure !== "level") continue;
    const change = changes.find((c) => figures[c.figure]?.linkedTo === level.figure);
    if (change) found.set(key.replace(/level$/, "change"), change);
  }
  return [...found.values()];
}

/** Changes whenever the reading of a report's figures for indicators may give other values. */
const READING_VERSION = 2;

let mark: string | null = null;

/**
 * What the stored indicator values were read with: the rules' version and a hash of the
 * data file. Stored with each report's values, so a changed data file is read again.
 */
export function indicatorsMark(): string {
  mark ??= `${READING_VERSION}:${createHash("sha256").update(readFileSync(INDICATORS_FILE)).digest("hex").slice(0, 16)}`;
  return mark;
}
