import type { ReportMeta } from "./types.ts";

const TITLE_ENDING = /(年度报告|工作报告|情况报告|报告|工作情况|情况|工作总结|总结)$/;
const DATE_FIELD =
  /(?:日期|发布时间|发布日期|时间|成文日期)\s*[:：]\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/;
const SIGNATURE_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;

/** A line that reads as the report's title: short, no sentence inside, ends like a report. */
export function looksLikeTitle(line: string): boolean {
  return line.length >= 6 && line.length <= 80 && !/[。，,;；|｜>＞]/.test(line) && TITLE_ENDING.test(line);
}

function isoDate(y: string, m: string, d: string): string {
  return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

/**
 * The publication date: a 发布 field first, then any date field (日期:2022-02-14, 成文日期),
 * then a closing signature date. A 今天是 banner shows the day of saving, never counted.
 */
export function findDate(allLines: string[]): string | null {
  const fields = allLines.filter((l) => !/^今天是/.test(l) && DATE_FIELD.test(l));
  for (const line of [...fields.filter((l) => l.includes("发布")), ...fields]) {
    const m = DATE_FIELD.exec(line.slice(line.includes("发布") ? line.indexOf("发布") : 0));
    if (m?.[1] && m[2] && m[3]) return isoDate(m[1], m[2], m[3]);
  }
  for (const line of [...allLines].reverse()) {
    const m = SIGNATURE_DATE.exec(line);
    if (m?.[1] && m[2] && m[3]) return isoDate(m[1], m[2], m[3]);
  }
  return null;
}

/** The publishing body, as the title names it: 忠县人民政府, 某某区司法局. */
function findBody(title: string): string | null {
  const m = /^(.*?(?:人民政府|政府|管理委员会|管委会|委员会|司法局|办公室|局))/.exec(title);
  return m?.[1] ?? null;
}

/** The place: the last administrative unit before the body's office (重庆市渝北区人民政府 → 渝北区). */
function findPlace(title: string, body: string | null): string | null {
  const source = (body ?? title).replace(/(人民政府|政府|管理委员会|管委会|委员会|司法局|办公室|局).*$/, "");
  const units = source.match(
    /[\p{Script=Han}]+?(?:自治县|自治州|自治区|特别行政区|新区|县|区|市|州|旗|盟|省)/gu,
  );
  return units?.[units.length - 1] ?? null;
}

/** The year the report is about: the title's year, else the first year the text names. */
function findYear(title: string, firstText: string, date: string | null): number | null {
  const inTitle = /(\d{4})\s*年/.exec(title);
  if (inTitle?.[1]) return Number(inTitle[1]);
  const inText = /(\d{4})\s*年/.exec(firstText);
  if (inText?.[1]) return Number(inText[1]);
  return date ? Number(date.slice(0, 4)) - 1 : null;
}

export function readMeta(title: string, allLines: string[], firstText: string): ReportMeta {
  const date = findDate(allLines);
  const body = findBody(title);
  return { title, body, place: findPlace(title, body), year: findYear(title, firstText, date), date };
}
