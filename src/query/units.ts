import { FIGURE_UNITS, unitScale } from "../report/figures.ts";

/**
 * Units as a question asks for them: "多少人" wants 人, 人次 or 名; "多少钱" wants 元 in any
 * scale; "比例" wants %. A figure's unit is compared without its 万/亿 scale and per-rate.
 */

/** Units that answer the same "how many" question. A unit in no group stands for itself. */
const SAME: readonly (readonly string[])[] = [
  ["人", "人次", "名", "位"],
  ["件", "件次", "起", "宗", "份"],
  ["%", "个百分点"],
  ["场", "场次"],
  ["批", "批次"],
  ["台", "台次"],
  ["户", "户次", "家"],
  ["吨", "公斤", "千克", "斤"],
  ["公里", "千米"],
];
/** "多少次" asks for any count of times, whatever was done that many times. */
const BROADER: Readonly<Record<string, readonly string[]>> = {
  次: ["次", "场次", "台次", "批次", "件次", "人次", "车次", "架次", "户次"],
};

/** What people say for a unit a figure never carries itself: 多少钱 is money, 几起 are cases. */
const SPOKEN: Readonly<Record<string, string>> = { 钱: "元", 块: "元", 块钱: "元", 个人: "人" };

/** The units a question asks its figures to be in, and how to name them to the user. */
export interface UnitHint {
  units: readonly string[];
  label: string;
}

/** A figure's unit without its 万/亿 scale and its per-rate: 万人次 → 人次, 批次/千人 → 批次. */
export function baseUnit(unit: string): string {
  return unitScale(unit.replace(/\/.*$/, "")).base;
}

/** Whether a word is a unit a question may ask for (件, 人次, 万元, 钱…). */
export function isUnitWord(word: string): boolean {
  return word in SPOKEN || FIGURE_UNITS.includes(baseUnit(word));
}

/** The hint for units as asked: each with its family (件 → 件, 件次, 起, 宗). */
export function unitHint(asked: readonly string[]): UnitHint | null {
  const wanted = [...new Set(asked.map((u) => SPOKEN[u] ?? baseUnit(u)))];
  if (wanted.length === 0) return null;
  const units = new Set<string>();
  for (const unit of wanted) {
    units.add(unit);
    for (const u of BROADER[unit] ?? SAME.filter((group) => group.includes(unit)).flat()) units.add(u);
  }
  return { units: [...units], label: wanted.join("/") };
}

/** Whether a figure's unit answers the hint. */
export function unitMatches(hint: UnitHint, figureUnit: string): boolean {
  return hint.units.includes(baseUnit(figureUnit));
}

/** Every unit word, longest first, for patterns that read "多少件" or "几个人". */
export const ASKABLE_UNITS: readonly string[] = [...new Set([...FIGURE_UNITS, ...Object.keys(SPOKEN)])].sort(
  (a, b) => b.length - a.length,
);
