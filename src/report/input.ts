import { decodeReport } from "./decode.ts";
import { htmlToText } from "./html.ts";

/**
 * A report as people save it: a .txt file (UTF-8, GB18030, UTF-16), an .html/.htm page
 * saved from a browser (any declared charset), or a page fetched from its address. The
 * result is the text the parser reads and the address the page came from, if known.
 */
export interface ReportInput {
  text: string;
  sourceUrl: string | null;
}

export interface InputHints {
  /** The HTTP Content-Type header of a fetched page. */
  contentType?: string | null;
  /** The address a page was fetched from. */
  url?: string | null;
}

const HTML_EXTENSION = /\.x?html?$/i;
// <meta charset="gbk"> or <meta http-equiv="Content-Type" content="text/html; charset=gb2312">
const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i;
// 原文链接：http://…, 网址: http://…, 来源网址 http://…: a saved text naming its address.
const ADDRESS_LINE =
  /^\s*(原文链接|原文地址|原文网址|来源网址|网址|链接|URL|Source)\s*[:：]?\s*(https?:\/\/\S+)\s*$/im;

/** True for a page: by its name, its Content-Type, or its first tag. */
export function isHtml(bytes: Uint8Array, file: string, contentType: string | null): boolean {
  if (HTML_EXTENSION.test(file) || /html/i.test(contentType ?? "")) return true;
  const head = Buffer.from(bytes.subarray(0, 1024))
    .toString("latin1")
    .replace(/^\uFEFF|^[^<]*/, "");
  return /^<(!doctype\s+html|html|head|body|meta|title|!--)/i.test(head);
}

/** The charset a page declares: its HTTP header first, then a <meta> in the first 4 KiB. */
function declaredCharset(bytes: Uint8Array, contentType: string | null): string | null {
  const fromHeader = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? "")?.[1];
  if (fromHeader) return fromHeader;
  // Read as Latin-1: every byte is one character, so ASCII markup is found in any encoding.
  return META_CHARSET.exec(Buffer.from(bytes.subarray(0, 4096)).toString("latin1"))?.[1] ?? null;
}

export function readReportInput(bytes: Uint8Array, file: string, hints: InputHints = {}): ReportInput {
  const contentType = hints.contentType ?? null;
  if (isHtml(bytes, file, contentType)) {
    const page = htmlToText(decodeReport(bytes, file, declaredCharset(bytes, contentType)));
    return { text: page.text, sourceUrl: hints.url ?? page.sourceUrl ?? addressIn(page.text) };
  }
  const text = decodeReport(
    bytes,
    file,
    /charset/i.test(contentType ?? "") ? declaredCharset(bytes, contentType) : null,
  );
  return { text, sourceUrl: hints.url ?? addressIn(text) };
}

function addressIn(text: string): string | null {
  return ADDRESS_LINE.exec(text)?.[2] ?? null;
}
