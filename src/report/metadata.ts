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
const PLACE_UNIT = /[\p{Script=Han}]+?(?:自治县|自治州|自治区|特别行政区|新区|县|区|市|州|旗|盟|省)/gu;
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

/** The place a name ends with: 重庆市渝北区人民政府 → 渝北区, 2022年保定市 → 保定市. */
export function placeIn(name: string): string | null {
  const source = name
    .replace(/\d{4}\s*年度?|[\d\s]+/g, "|")
    .replace(/^关于/, "")
    .replace(/(人民政府|政府|管理委员会|管委会|委员会|司法局|办公室|办公厅|局).*$/, "");
  const units = source.split("|").flatMap((part) => part.match(PLACE_UNIT) ?? []);
  const last = units[units.length - 1];
  return last && !/^(全|我|本|各)/.test(last) ? last : null;
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
 * county and district names the segmenter knows as places (清苑县, 易县), the one used
 * most, bare names counted too (清苑县 once, 清苑 twelve times).
 */
const MAX_PLACE_CANDIDATES = 300;

function frequentPlace(text: string): string | null {
  const sample = text.slice(0, 100_000);
  const scores = new Map<string, number>();
  for (const m of sample.matchAll(/\p{Script=Han}{1,3}(?=[县区市旗])/gu)) {
    const unit = sample[m.index + m[0].length] ?? "";
    for (let len = 1; len <= m[0].length; len++) {
      const name = m[0].slice(m[0].length - len);
      const place = name + unit;
      if (scores.has(place) || /^[全我本该各此]/.test(name)) continue;
      if (scores.size >= MAX_PLACE_CANDIDATES) break;
      const words = taggedWords(place);
      const known = words.length === 1 || (words.length === 2 && words[1]?.word === unit);
      if (!known || words[0]?.tag !== "ns") {
        scores.set(place, 0);
        continue;
      }
      const full = occurrences(sample, place);
      const bare = len >= 2 ? occurrences(sample, name) - full : 0;
      scores.set(place, full * 2 + bare);
    }
  }
  let best: string | null = null;
  let bestScore = 2;
  for (const [place, score] of scores) {
    if (score > bestScore) {
      best = place;
      bestScore = score;
    }
  }
  return best;
}

/** How many times `part` (not empty) occurs in `text`, without overlap: text.split(part).length - 1. */
function occurrences(text: string, part: string): number {
  let n = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) n++;
  return n;
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
  /** Years the first review and plan parts name in their titles. */
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

  // 现在，我代表定兴县人民政府向大会报告工作
  const speaking = /我代表(\S{2,20}?人民政府)/.exec(text.slice(0, 600))?.[1] ?? null;
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
