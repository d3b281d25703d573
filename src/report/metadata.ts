import { taggedWords } from "../text/segment.ts";
import type { Genre, YearEvidence } from "./genres/types.ts";
import { looksLikeTitle, type Page, stripLabel } from "./page.ts";
import type { ReportMeta } from "./types.ts";

/**
 * The report's metadata, read from its text by rule: the title line (joined when split over
 * two lines), the issuer and place it names (else the speaker line, the signature, or
 * 我代表…人民政府), the year as the genre counts it, and the date. The file name is never
 * a source: saved files are often misnamed.
 */

const OFFICE = /(人民政府|政府|管理委员会|管委会|委员会|司法局|办公室|办公厅|局)$/;
/** The kinds of place a name ends in, as a pattern's alternatives: 清苑县, 大鹏新区, 广东省. */
export const PLACE_KINDS = "自治县|自治州|自治区|特别行政区|新区|县|区|市|州|旗|盟|省";
const PLACE_UNIT = new RegExp(`[\\p{Script=Han}]+?(?:${PLACE_KINDS})`, "gu");
const PLACE_UNIT_END = new RegExp(`(?:${PLACE_KINDS})$`);
const DATE_FIELD =
  /(?:日期|发布时间|发布日期|时间|成文日期)\s*[:：]\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/;
const CHINESE_DIGITS: Record<string, string> = {
  〇: "0",
  零: "0",
  Ｏ: "0",
  O: "0",
  一: "1",
  二: "2",
  三: "3",
  四: "4",
  五: "5",
  六: "6",
  七: "7",
  八: "8",
  九: "9",
};

/** The first year a text names, in Arabic (2019年) or Chinese digits (二〇二四年). */
export function yearIn(text: string): number | null {
  const arabic = /(\d{4})\s*年/.exec(text);
  const chinese = /([〇零Ｏ一二三四五六七八九]{4})年/.exec(text);
  if (chinese && (!arabic || chinese.index < arabic.index))
    return Number([...(chinese[1] ?? "")].map((c) => CHINESE_DIGITS[c] ?? "").join(""));
  return arabic?.[1] ? Number(arabic[1]) : null;
}

/**
 * Words that end like a place's name but name a kind of area (城市, 新区, 山区, 大湾区): the
 * segmenter tags several of them as places (城市, 新区, 湾区, 山区, 中心区 are "ns").
 */
const AREA_KINDS = new Set([
  "城市",
  "都市",
  "市区",
  "城区",
  "郊区",
  "新区",
  "湾区",
  "大湾区",
  "山区",
  "老区",
  "特区",
  "中心区",
  "核心区",
  "示范区",
  "先行区",
  "开发区",
  "试验区",
  "合作区",
  "自贸区",
  "保税区",
  "园区",
  "景区",
  "社区",
  "片区",
  "小区",
  "辖区",
  "地区",
]);

/** Whether a word is a place's name rather than a kind of area or a word for "the whole/our place" (全市, 我县). */
function isPlaceName(word: string): boolean {
  return !AREA_KINDS.has(word) && !/^(全|我|本|各)/.test(word);
}

/** A year's four digits, Arabic or Chinese (2021, 二〇二一), as a pattern's group. */
const YEAR_DIGITS = "(\\d{4}|[〇零Ｏ一二三四五六七八九]{4})";
const WORK_YEAR = new RegExp(`(?<![—\\-－–~～至到])${YEAR_DIGITS}\\s*年(?!\\s*(?:远景|愿景|长远))`, "g");
const OPENING_YEAR = new RegExp(`^\\s*${YEAR_DIGITS}\\s*年\\s*(?:是|，|,)`);

/**
 * The years a part's title names as the year of its work (2020年工作回顾, 2021年工作安排),
 * not the end of a span (2021—2025年) or a long-range goal (二〇三五年远景目标).
 */
export function workYearsIn(title: string): number[] {
  const years: number[] = [];
  for (const m of title.matchAll(WORK_YEAR)) {
    const year = yearIn(`${m[1]}年`);
    if (year !== null) years.push(year);
  }
  return years;
}

/**
 * The year a review part's text opens with as its subject, for a part whose title names
 * none (过去一年和五年工作回顾 opening 2022年是党和国家历史上极为重要的一年。, or
 * 2021年，面对…): a year followed by 是 or a comma, not 2016年以来 (the start of a span).
 */
export function openingYearIn(text: string): number | null {
  const m = OPENING_YEAR.exec(text);
  return m ? yearIn(`${m[1]}年`) : null;
}

/** The place a name ends with: 重庆市渝北区人民政府 → 渝北区, 2022年保定市 → 保定市. */
export function placeIn(name: string): string | null {
  const source = name
    .replace(/\d{4}\s*年度?|[\d\s]+/g, "|")
    .replace(/^关于/, "")
    .replace(/(人民政府|政府|管理委员会|管委会|委员会|司法局|办公室|办公厅|局).*$/, "");
  const units = source.split("|").flatMap((part) => part.match(PLACE_UNIT) ?? []);
  const last = units[units.length - 1];
  return last && isPlaceName(last) ? last : null;
}

interface TitleReading {
  title: string;
  issuer: string | null;
  place: string | null;
  year: number | null;
}

/** Splits a title into what comes before the genre's name: issuer or place, and year. */
function readTitle(title: string, genre: Genre): TitleReading {
  const named = genre.titlePattern.exec(title);
  const before = (named ? title.slice(0, named.index) : title).replace(/[(（][^)）]*[)）]/g, "");
  const withoutYear = before
    .replace(/^关于/, "")
    .replace(/\d{4}\s*年度?|[〇零一二三四五六七八九]{4}年度?/g, "")
    .trim();
  const issuer = OFFICE.test(withoutYear) && placeIn(withoutYear) ? withoutYear : null;
  return { title, issuer, place: placeIn(withoutYear), year: yearIn(title) };
}

/** Title lines among the front matter, a title split over two lines joined. */
function titleCandidates(front: string[]): string[] {
  const lines = front.map(stripLabel);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const next = lines[i + 1];
    const joined = next === undefined ? "" : line + next;
    // 赵县人民政府 / 2022年度法治政府建设情况报告; 关于2022年法治政府建设 / 情况的报告.
    const splitTitle =
      next !== undefined &&
      line.length <= 30 &&
      !/[。，,;；:：]/.test(line) &&
      looksLikeTitle(joined) &&
      ((OFFICE.test(line) && !/报告/.test(line)) || (!looksLikeTitle(line) && !looksLikeTitle(next)));
    if (splitTitle) {
      out.push(joined);
      i++;
    } else if (looksLikeTitle(line)) out.push(line);
  }
  return out;
}

/**
 * The place a text names itself by, when no title, speaker or signature names it: of the
 * names the segmenter tags as places (or as people's), the one the text uses most, with
 * or without its unit (清苑县 once and 清苑 twelve times count as thirteen), written with
 * its unit as placeNamed finds it; a name no unit goes with (香港, 粤港澳) gives way to
 * the next.
 */
function frequentPlace(text: string): string | null {
  const sample = text.slice(0, PLACE_SAMPLE);
  const names = new Map<string, { uses: number; tagged: "place" | "person" }>();
  for (const { word, tag } of taggedWords(text.slice(0, NAMES_SAMPLE))) {
    // Names the segmenter knows as places, or as people's (龙岗 is one of those to it).
    if ((tag !== "ns" && tag !== "nr") || word.length < 2) continue;
    // 清苑县 and 清苑 are one name; 易县 keeps its unit, its name being one character.
    const name = word.length >= 3 && PLACE_UNIT_END.test(word) ? word.slice(0, -1) : word;
    const tagged = tag === "ns" ? "place" : "person";
    const seen = names.get(name);
    // Every use counts, where the segmenter tags the name as a place or not (盐田 is a place
    // in 盐田区, not alone).
    if (seen === undefined) names.set(name, { uses: occurrences(sample, name), tagged });
    else if (tagged === "place") seen.tagged = tagged;
  }
  const ranked = [...names].filter(([, n]) => n.uses > 2).sort((a, b) => b[1].uses - a[1].uses);
  const levels = ownLevels(sample);
  const places: string[] = [];
  for (const [name, { tagged }] of ranked) {
    const place = placeNamed(name, tagged === "place", sample, levels);
    if (place !== null) places.push(place);
    if (places.length === RIVAL_PLACES) break;
  }
  // A province's report names its cities as often as itself: the place of the level the
  // text calls itself by (全省, 我省) goes first.
  return places.find((place) => callsItselfBy(place.slice(-1), levels)) ?? places[0] ?? null;
}

/** The places used most that are weighed against each other by their level. */
const RIVAL_PLACES = 3;

/**
 * The characters of the text whose words are tagged for place names (a report names
 * itself from its opening on; cutting costs ~0.2 ms a thousand characters), and those the
 * names found are counted in.
 */
const NAMES_SAMPLE = 5_000;
const PLACE_SAMPLE = 30_000;

/** The units a bare name is looked for with (罗湖区, 广东省, 大鹏新区). */
const UNITS = ["县", "区", "市", "旗", "盟", "州", "省", "新区"];

/**
 * A place's full name: the name itself when it ends with its unit (易县); else the name
 * with the unit the text writes after it most (罗湖 → 罗湖区); else, for a name the
 * segmenter knows as a place (`knownPlace`, not only as a person's), with the unit the text
 * calls itself by, when the segmenter knows the name with it (广东 → 广东省, in a text that
 * only says 广东 and 全省); a country's name is whole as it is (中国, in a text that says
 * 全国). Null for a kind of area (城市, 中心区) or a name no unit goes with (香港, 新建 in
 * a district's report).
 */
function placeNamed(name: string, knownPlace: boolean, text: string, levels: OwnLevels): string | null {
  if (PLACE_UNIT_END.test(name)) return isPlaceName(name) ? name : null;
  let written: string | null = null;
  let most = 0;
  for (const unit of UNITS) {
    const n = occurrences(text, name + unit);
    if (n > most && isPlaceName(name + unit)) {
      written = name + unit;
      most = n;
    }
  }
  if (written !== null || !knownPlace) return written;
  // Never written with a unit: the unit the text calls its own place by (全省), where the
  // segmenter knows the name with it as one place.
  const known = UNITS.find((unit) => {
    if (!isPlaceName(name + unit) || !callsItselfBy(unit, levels)) return false;
    const words = taggedWords(name + unit);
    return words.length === 1 && words[0]?.tag === "ns";
  });
  if (known !== undefined) return name + known;
  // A county's report says 全国 too, but 全县 more.
  return name.endsWith("国") && callsItselfBy("国", levels) && mostUsedLevel(levels) === "国" ? name : null;
}

/** How often a text calls its own place by each unit: 全省, 我省 and 本省 for 省. */
type OwnLevels = ReadonlyMap<string, number>;

function ownLevels(text: string): OwnLevels {
  const own = ["全", "我", "本"];
  return new Map(
    [...UNITS, "国"].map((unit) => [unit, own.reduce((n, o) => n + occurrences(text, o + unit), 0)]),
  );
}

/** Whether a text calls its own place by a unit (全省, 我省, 本省: 省), a few times at least. */
function callsItselfBy(unit: string, levels: OwnLevels): boolean {
  return (levels.get(unit) ?? 0) >= 3;
}

/** The unit a text calls its own place by most (全县 25 times, 全国 5: 县); the first of a tie. */
function mostUsedLevel(levels: OwnLevels): string {
  let most = "";
  let uses = -1;
  for (const [unit, n] of levels) {
    if (n > uses) {
      most = unit;
      uses = n;
    }
  }
  return most;
}

/** How many times `part` (not empty) occurs in `text`, without overlap: text.split(part).length - 1. */
function occurrences(text: string, part: string): number {
  let n = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) n++;
  return n;
}

// 现在，我代表定兴县人民政府向大会报告工作; 我代表大鹏新区管理委员会; 我代表坪山区政府筹备组.
const SPEAKING_FOR = /我代表(\S{2,20}?(?:人民政府|政府|管理委员会|管委会))/g;

/**
 * The government the speaker speaks for, where the text names its place: the opening
 * (我代表区人民政府) may not, the thanks near the end (我代表坪山区人民政府，向…) often do.
 */
function speakingFor(text: string): string | null {
  for (const m of text.matchAll(SPEAKING_FOR)) {
    const place = m[1] ? placeIn(m[1]) : null;
    if (!m[1] || place === null) continue;
    // 光明新区党工委、管委会: of the bodies named, the government's.
    return m[1].includes("、") ? place + m[1].slice(m[1].lastIndexOf("、") + 1) : m[1];
  }
  return null;
}

/** The publication date a page field states: a 发布 field first, then any date field. */
function fieldDate(allLines: string[]): string | null {
  const fields = allLines.filter((l) => l.length <= 200 && !/^今天是/.test(l) && DATE_FIELD.test(l));
  for (const line of [...fields.filter((l) => l.includes("发布")), ...fields]) {
    const m = DATE_FIELD.exec(line.slice(line.includes("发布") ? line.indexOf("发布") : 0));
    if (m?.[1] && m[2] && m[3]) return `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
  }
  return null;
}

export interface MetaSources {
  genre: Genre;
  page: Page;
  /** Every line of the page, chrome included (its date fields). */
  allLines: string[];
  /** The cleaned report text. */
  text: string;
  /** The years the review and plan parts name in their titles (see YearEvidence). */
  reviewYear: number | null;
  planYear: number | null;
  sourceUrl: string | null;
}

export function readMeta({
  genre,
  page,
  allLines,
  text,
  reviewYear,
  planYear,
  sourceUrl,
}: MetaSources): ReportMeta {
  const readings = titleCandidates(page.front).map((t) => readTitle(t, genre));
  const found =
    readings.find((r) => r.place !== null) ??
    readings.find((r) => genre.titlePattern.test(r.title)) ??
    readings[0] ??
    null;

  const speaking = speakingFor(text);
  const issuer =
    [found?.issuer, page.speakerIssuer, page.signatureIssuer, speaking].find(
      (s): s is string => typeof s === "string" && placeIn(s) !== null,
    ) ?? null;
  const place =
    found?.place ??
    (issuer ? placeIn(issuer) : null) ??
    (page.congressPlace ? placeIn(page.congressPlace) : null) ??
    frequentPlace(text);
  // 我代表区政府: the government of the place the report names, where no line spells it out.
  const issuerOfPlace =
    issuer === null && place !== null && /我代表(县|区|市)?(人民)?政府/.test(text.slice(0, 600))
      ? `${found?.place === place ? titlePlacePrefix(found.title, genre) : place}人民政府`
      : null;

  const evidence: YearEvidence = {
    titleYear: found?.year ?? null,
    headerYear: page.headerDate ? Number(page.headerDate.slice(0, 4)) : null,
    signatureDate: page.signatureDate,
    reviewYear,
    planYear,
  };
  const year = genre.year(evidence);
  // The report's own date (its header or signature) before the page's date field.
  const date = page.headerDate ?? page.signatureDate ?? fieldDate(allLines);

  // A title that names no place, or a year other than the report's, is a page label.
  const usable = found !== null && found.place !== null && (found.year === null || found.year === year);
  return {
    title: usable ? found.title : genre.inferTitle({ place, issuer, year }),
    titleInferred: !usable,
    genre: genre.id,
    issuer: issuer ?? issuerOfPlace,
    place,
    year,
    date,
    sourceUrl,
  };
}

/** 保定市清苑区2020年政府工作报告 → 保定市清苑区: the place as the title spells it out. */
function titlePlacePrefix(title: string, genre: Genre): string {
  const named = genre.titlePattern.exec(title);
  const before = named ? title.slice(0, named.index) : title;
  return before
    .replace(/\d{4}\s*年度?/g, "")
    .replace(/^关于/, "")
    .trim();
}
