/** Chinese numerals as used in headings: 一 … 九十九, plus 〇/零 and 两. */
const DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

export const CHINESE_NUMERAL = "[一二三四五六七八九十〇零两]+";

/**
 * What 万亿, 亿 and 万 after a number multiply it by (1.5万亿元, 3亿元, 2万人), the longest
 * first: 万亿 is read before 万.
 */
export const NUMBER_SCALES: readonly (readonly [string, number])[] = [
  ["万亿", 1e12],
  ["亿", 1e8],
  ["万", 1e4],
];
/** The scales as a pattern's alternatives, in that order. */
export const SCALE_PATTERN = NUMBER_SCALES.map(([scale]) => scale).join("|");

const WHOLE_NUMERAL = new RegExp(`^${CHINESE_NUMERAL}$`);

/** Parses 一…九十九 (and Arabic digits); null when the text is not a numeral. */
export function parseNumeral(text: string): number | null {
  const s = text.trim();
  if (/^\d+$/.test(s)) return Number(s);
  if (!WHOLE_NUMERAL.test(s)) return null;
  const ten = s.indexOf("十");
  if (ten < 0) {
    // Digit by digit: 一二 is not a numeral we meet in headings, but 〇 forms are.
    let n = 0;
    for (const c of s) n = n * 10 + (DIGITS[c] ?? 0);
    return n;
  }
  const tens = ten === 0 ? 1 : (DIGITS[s.slice(0, ten)] ?? Number.NaN);
  const units = ten === s.length - 1 ? 0 : (DIGITS[s.slice(ten + 1)] ?? Number.NaN);
  const n = tens * 10 + units;
  return Number.isNaN(n) ? null : n;
}
