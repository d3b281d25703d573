/**
 * Page chrome that government sites wrap around a report, recognised by rule (not by
 * matching one page): navigation, toolbars, counters, date banners, metadata lists.
 * Only short lines are candidates, so a paragraph of the report is never dropped.
 */

const MAX_CHROME_LINE = 120;

const CHROME_PATTERNS: RegExp[] = [
  // Breadcrumbs.
  /^(您?当前的?位置|您的位置|当前位置|所在位置|位置)\s*[:：]/,
  /首页\s*[>＞»›/|｜\-—]/,
  // Toolbars and widgets.
  /^(搜索|搜 索|检索|字号|字体|分享|分享到|打印|打印本页|打印本文|关闭|关闭窗口|关闭本页|收藏|返回|返回顶部|返回首页|上一篇|下一篇|相关链接|相关文章|附件|无障碍|长者模式)\s*([:：].*)?$/,
  /^【[^】]{0,20}】(\s*【[^】]{0,20}】)*$/,
  /字体\s*[:：]?\s*[[【]?\s*大\s*[\]】]?\s*[[【]?\s*中\s*[\]】]?\s*[[【]?\s*小/,
  /扫一扫/,
  /二维码/,
  /(浏览|阅读|访问|点击)(次数|量|数)\s*[:：]?/,
  /^今天是\s*[:：]?/,
  // Metadata lists: 发布时间：… 来源：… 索引号：…, after a button or two (【我要纠错】责任编辑：…).
  /^(?:【[^】]{0,20}】\s*)*(日期|发布日期|发布时间|时间|成文日期|印发日期|来源|信息来源|文章来源|作者|编辑|责任编辑|索引号|发文机关|发布机构|发文字号|主题分类|公开方式|公开范围|有效性|文号|分类)\s*[:：]/,
  /(来源|索引号|发布机构)\s*[:：].*(来源|时间|日期)\s*[:：]/,
  // Aggregator counters and labels, often with their value on the next line: 阅读： / 229.
  /^(阅读|评论|点击|浏览|人气|热度|字数|标签|关键词|关键字|内容摘要|内容提要|摘要|导读|TAG|Tags?)\s*[:：]/i,
  // The address a saved text names: 原文链接：http://…
  /^(原文链接|原文地址|原文网址|来源网址|网址|链接|URL|Source)\s*[:：]?\s*https?:\/\//i,
  // A page number, a counter's value, a date stamp of a list (01-24): no words at all.
  /^[\d\s\-—–.,:：/|·()（）]+$/,
];

/** True when a line is page chrome rather than report text. */
export function isChrome(line: string): boolean {
  if (line.length > MAX_CHROME_LINE) return false;
  return CHROME_PATTERNS.some((p) => p.test(line));
}

/**
 * Full-width digits, %, and the decimal point inside numbers, made ASCII so figures read
 * alike; a number that text extracted from a PDF split with spaces (36.5 9亿元, 1 7 00 户,
 * 202 1年) is joined again.
 */
export function normaliseDigits(text: string): string {
  return (
    text
      .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .replace(/％/g, "%")
      .replace(/(\d)．(\d)/g, "$1.$2")
      // A space between a digit (or point) and a digit. The digit is matched and put back rather
      // than looked behind for: a lookbehind is tried at every character of the report.
      .replace(/([\d.]) (?=\d)/g, "$1")
  );
}

/**
 * Splits into trimmed, non-empty lines, with Unicode spaces folded to one ASCII space.
 * What scrapers leave in saved text goes too: `????` where a character was lost (an
 * unencodable space, mostly), entities written out (&nbsp;, &emsp), and note marks ([1],
 * 【28】, 〔55〕) that point into a glossary. A title spaced out for show (政 府 工 作 报 告)
 * is closed up.
 */
export function toLines(text: string): string[] {
  // The clean-up runs once over the whole text rather than once per line: no pattern matches
  // across a line break (a note mark's spaces are any space but \n), so the lines come out
  // the same.
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/\?{2,}/g, " ")
    .replace(/&(nbsp|ensp|emsp|thinsp|#160|#12288);?/gi, " ")
    .replace(/\[[^\S\n]*\d{1,3}[^\S\n]*\]|【[^\S\n]*\d{1,3}[^\S\n]*】|〔[^\S\n]*\d{1,3}[^\S\n]*〕/g, "")
    .replace(/[\u00a0\u2000-\u200b\u3000\ufeff\t]/g, " ")
    .replace(/ {2,}/g, " ")
    .split("\n")
    .map((l) => closeUpSpacedHan(l.trim()))
    .filter((l) => l !== "");
}

/** 政 府 工 作 报 告 → 政府工作报告: a short line of single characters set apart by spaces. */
function closeUpSpacedHan(line: string): string {
  return /^(\p{Script=Han} ){2,}\p{Script=Han}$/u.test(line) ? line.replace(/ /g, "") : line;
}
