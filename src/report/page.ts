import { isChrome } from "./clutter.ts";
import { partRole } from "./genres/index.ts";
import type { Genre } from "./genres/types.ts";
import { matchHeadingLine } from "./headings.ts";

/**
 * A saved page split into what surrounds the report and the report itself, by rule:
 * the front matter (page labels, the title, the speech header, the speaker, the address
 * 各位代表：), the body, and what follows it (a glossary, the site's navigation, tag clouds,
 * a signature).
 */
export interface Page {
  /** Lines before the body that may hold the title, chrome removed, in order. */
  front: string[];
  /** The report's own lines. */
  body: string[];
  /** The speech header's date (——2020年1月9日在…会议上, （2017年2月26日）), ISO. */
  headerDate: string | null;
  /** Where the congress of the speech header sits: 在阜平县第十七届人民代表大会… → 阜平县. */
  congressPlace: string | null;
  /** The body named on the speaker line: 定兴县人民政府 (县长 吴鹏). */
  speakerIssuer: string | null;
  /** The closing signature: 深圳市龙华区人民政府 / 2019年12月18日. */
  signatureIssuer: string | null;
  signatureDate: string | null;
}

const MAX_FRONT_LINE = 80;
// The address that opens a speech: 各位代表：, 各位代表、同志们：, 各位委员：.
const ADDRESS = /^各位(代表|委员)([、,，]?(同志们|朋友们))?\s*[:：!！]$/;
const DATE = String.raw`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`;
// ——2020年1月21日在阜平县第十七届人民代表大会第四次会议上, （2017年2月26日）, 2003年4月7日.
const SPEECH_HEADER = new RegExp(
  String.raw`^[—\-－–(（\s]*(?:${DATE})?\s*(?:在.{2,60}?(?:会议|大会)上?)?\s*[)）]?\s*$`,
);
// 在阜平县第十七届人民代表大会第四次会议上: the congress of 阜平县.
const CONGRESS = /在(\p{Script=Han}{2,30}?)第[一二三四五六七八九十百\d]+届/u;
// 定兴县人民政府县长 吴 鹏, 易县人民政府代县长 丁 磊.
const SPEAKER =
  /^(.{2,24}?(?:人民政府|政府))代?理?(?:县长|区长|市长|州长|旗长|盟长|主席|省长|镇长)\s*\S{0,4}\s?\S{0,4}$/;
// (政治协商稿), （征求意见稿）: a note on the draft, not its text.
const DRAFT_NOTE = /^[(（][^)）]{1,12}稿[)）]$/;
const ISSUER_LINE = /^\S{2,30}(人民政府|政府|委员会|管委会|司法局|局|办公室|办公厅)(办公室)?$/;
const SIGNATURE_DATE = new RegExp(`^${DATE}$`);
const CLOSING = /^(专此|特此)(报告|汇报)[。.]?$/;
// Where a page's navigation starts: share buttons, previous/next, related, rankings, tags.
const NAVIGATION =
  /^(分享到|分享|标签|上一篇|下一篇|上一条|下一条|相关文章|相关阅读|相关链接|相关新闻|相关评论|相关报告|本栏最新|本栏推荐|最新文章|推荐阅读|热门文章|阅读排行|点击排行|标签云|网友评论|发表评论|我要评论|打印本页|关闭窗口)\s*[:：]?$/;
// A site's disclaimer under the text: 免责声明：本文仅代表作者观点…
const DISCLAIMER = /^(免责声明|版权声明|郑重声明)\s*[:：]/;
// A glossary closing the report: 名词解释, ※注释※, *名词解释.
const GLOSSARY = /^[※*＊\s]*(名词解释|名词注释|注释|注解|附注)\s*[※*＊:：]*$/;
// The scraped abstract repeats the report's opening and ends in an ellipsis.
const ELLIPSIS = /(\.{3,}|…+|。。。)$/;
const ABSTRACT_LABEL = /^(内容摘要|内容提要|摘要|导读)\s*[:：]\s*$/;

function isoDate(y: string, m: string, d: string): string {
  return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

function dateIn(line: string): string | null {
  const m = new RegExp(DATE).exec(line);
  return m?.[1] && m[2] && m[3] ? isoDate(m[1], m[2], m[3]) : null;
}

/** A line that reads as a title: short, no sentence inside, ends like a report. */
export function looksLikeTitle(line: string): boolean {
  return (
    line.length >= 6 &&
    line.length <= MAX_FRONT_LINE &&
    !/[。，,;；|｜>＞!！?？]/.test(line) &&
    !/[:：]$/.test(line) &&
    /(年度报告|工作报告|情况报告|报告|工作情况|情况|工作总结|总结|公报)$/.test(line)
  );
}

/** A speech header line (its date, if any, is the report's date). */
export function isSpeechHeader(line: string): boolean {
  return (
    line.length <= MAX_FRONT_LINE &&
    /\d|在/.test(line) &&
    SPEECH_HEADER.test(line) &&
    /日|会议|大会/.test(line)
  );
}

/**
 * Which lines open a part. Numbered parts (一、) always do; a line that is only a part's
 * title in the genre (2019年工作回顾, 全面加强政府自身建设) does when the report does not
 * already number those parts, as many work reports print them without numbers.
 */
export function partHeadingReader(
  lines: string[],
  genre: Genre,
): (line: string) => "numbered" | "named" | null {
  // A numbered part titled as a review or a plan makes the numbers the parts; one on the
  // government's own conduct (六、政府自身建设取得实效) is as often an area within a part
  // titled alone (2014年工作回顾).
  const numberedRoles = lines.some((l) => {
    const h = matchHeadingLine(l);
    const role = h?.style === "part" ? partRole(genre, h.rest) : null;
    return role !== null && role !== "self";
  });
  // Parts titled 站在新起点：2012年工作回顾 / 塑造新形象：…: a line of the same shape (a
  // motto, a colon, a title) is a part too, whatever its title says.
  const mottoShaped = !numberedRoles && lines.some((l) => isNamedPart(l, genre) && MOTTO.test(l));
  return (line) => {
    const h = matchHeadingLine(line);
    if (h?.style === "part" || h?.style === "sub") return "numbered";
    if (h || numberedRoles) return null;
    return isNamedPart(line, genre) || (mottoShaped && MOTTO.test(line) && line.length <= 30)
      ? "named"
      : null;
  };
}

const MOTTO = /^[^:：。，,;；！!？?]{2,8}[:：][^:：。，,;；！!？?]{2,}$/;

/** A line that is nothing but a part title of the genre (2020年工作目标和主要任务). */
export function isNamedPart(line: string, genre: Genre): boolean {
  return (
    line.length <= 30 &&
    !/[。，,;；！!？?]|[:：]$|报告$/.test(line) &&
    !genre.titlePattern.test(line) &&
    partRole(genre, line) !== null
  );
}

/** Drops the abstract an aggregator shows under 内容摘要：, which repeats the opening. */
function withoutAbstract(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const next = lines[i + 1];
    if (
      ABSTRACT_LABEL.test(line) &&
      next !== undefined &&
      (ELLIPSIS.test(next) || repeatsLater(next, lines, i + 2))
    )
      i++;
    out.push(line);
  }
  return out;
}

/** True when a line's opening words come again in the lines after it (an abstract's do). */
function repeatsLater(line: string, lines: string[], from: number): boolean {
  const opening = line.replace(/\s+/g, "").slice(0, 16);
  if (opening.length < 8) return false;
  const rest = lines
    .slice(from, from + 30)
    .join("")
    .replace(/\s+/g, "");
  return rest.includes(opening);
}

/** How many lines from a part heading that comes again must be the same for a second copy. */
const COPY_PROBE = 12;
/** The last lines of a second copy looked for in the first, for where the first ends. */
const COPY_ENDINGS = 5;

/**
 * A page that holds the report twice (a news agency's copy under its dateline after the
 * text, a print copy): the first copy only, from the top to the line the second copy ends
 * with (else to where the second starts). The second copy starts where the first part
 * heading comes again with the same lines after it (one may differ); a part heading
 * repeated within a report never has a dozen lines of the first part after it.
 */
function withoutSecondCopy(lines: string[], partHeading: (line: string) => unknown): string[] {
  const first = lines.findIndex((l) => partHeading(l) !== null);
  if (first < 0) return lines;
  const heading = lines[first] as string;
  for (let again = lines.indexOf(heading, first + 1); again > 0; again = lines.indexOf(heading, again + 1)) {
    if (lines.length - again < COPY_PROBE) break;
    let same = 0;
    for (let k = 0; k < COPY_PROBE; k++) if (lines[first + k] === lines[again + k]) same++;
    if (same < COPY_PROBE - 1) continue;
    // The first copy ends where the page ends: at its last line that the second copy ends with.
    for (let k = lines.length - 1; k >= lines.length - COPY_ENDINGS && k > again; k--) {
      const end = lines.lastIndexOf(lines[k] as string, again - 1);
      if (end > first) return lines.slice(0, end + 1);
    }
    return lines.slice(0, again);
  }
  return lines;
}

/** Splits normalised lines into front matter, body and tail. */
export function readPage(allLines: string[], genre: Genre): Page {
  // The tail first, on every line: its markers (分享到, 上一篇) are also dropped as chrome.
  const unfiltered = withoutAbstract(allLines);
  const tail = tailStart(unfiltered, partHeadingReader(unfiltered, genre));
  const filtered = unfiltered.slice(0, tail).filter((l) => !isChrome(l));
  const filteredHeading = partHeadingReader(filtered, genre);
  const kept = withoutSecondCopy(filtered, filteredHeading);
  // The reader is read from the lines kept: read again only where a second copy went.
  const partHeading = kept === filtered ? filteredHeading : partHeadingReader(kept, genre);
  let firstPart = kept.findIndex((l) => partHeading(l) !== null);
  if (firstPart < 0) firstPart = kept.length;

  // Front matter ends at the address (各位代表：), else after the last line that is a title,
  // speech header, speaker or draft note; the lines between are page labels.
  const region = kept.slice(0, firstPart);
  const address = region.findLastIndex((l) => ADDRESS.test(l));
  const isFrontLine = (l: string) =>
    looksLikeTitle(stripLabel(l)) || isSpeechHeader(l) || SPEAKER.test(l) || DRAFT_NOTE.test(l);
  const lastFront = address >= 0 ? address : region.findLastIndex(isFrontLine);
  const front = region.slice(0, lastFront + 1).filter((l) => !ADDRESS.test(l));
  let body = kept.slice(lastFront + 1);

  const speechHeaders = front.filter(isSpeechHeader);
  const headerDate = speechHeaders.map(dateIn).find((d) => d !== null) ?? null;
  const congressPlace = speechHeaders.map((l) => CONGRESS.exec(l)?.[1]).find((p) => p !== undefined) ?? null;
  const speaker = front.map((l) => SPEAKER.exec(l)?.[1]).find((s) => s !== undefined) ?? null;

  // The signature: issuer and date closing the report, after 专此报告。
  let signatureIssuer: string | null = null;
  let signatureDate: string | null = null;
  while (body.length > 0) {
    const last = body[body.length - 1] as string;
    if (signatureDate === null && SIGNATURE_DATE.test(last)) signatureDate = dateIn(last);
    else if (signatureIssuer === null && ISSUER_LINE.test(last) && !matchHeadingLine(last))
      signatureIssuer = last;
    else if (CLOSING.test(last)) {
      // 专此报告 closes the text; it is kept only when nothing was signed.
      if (signatureDate === null && signatureIssuer === null) break;
    } else break;
    body = body.slice(0, -1);
  }
  return { front, body, headerDate, congressPlace, speakerIssuer: speaker, signatureIssuer, signatureDate };
}

/** Where the site's navigation or a glossary starts, after the report's first part. */
function tailStart(lines: string[], partHeading: (line: string) => unknown): number {
  const firstPart = lines.findIndex((l) => partHeading(l) !== null);
  if (firstPart < 0) return lines.length;
  const tail = lines.findIndex(
    (l, i) => i > firstPart && (NAVIGATION.test(l) || GLOSSARY.test(l) || DISCLAIMER.test(l)),
  );
  return tail < 0 ? lines.length : tail;
}

/** 标题：2022年保定市政府工作报告 → the title without its field label. */
export function stripLabel(line: string): string {
  return line.replace(/^(标题|题目|文章标题|名称)\s*[:：]\s*/, "");
}
