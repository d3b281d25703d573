import { Parser } from "htmlparser2";

/**
 * A saved or fetched page as text, with htmlparser2 (a small, fast, forgiving streaming
 * parser, kept up by the maintainer of cheerio's parsing stack): what is shown becomes
 * text, each block (<p>, <div>, <li>, <tr>, <br>, headings…) its own line; scripts, styles,
 * navigation and forms are dropped; entities are decoded. The page's own address, when it
 * names one (a "saved from url" comment, <link rel=canonical>, og:url), comes back too.
 */
export interface HtmlText {
  text: string;
  sourceUrl: string | null;
}

// Elements whose content is never report text.
const HIDDEN = new Set([
  "head",
  "script",
  "style",
  "noscript",
  "template",
  "nav",
  "iframe",
  "object",
  "svg",
  "canvas",
  "select",
  "button",
  "form",
  "map",
]);
// Elements that start and end a line.
const BLOCK = new Set([
  "p",
  "div",
  "br",
  "li",
  "tr",
  "ul",
  "ol",
  "dl",
  "dt",
  "dd",
  "table",
  "tbody",
  "thead",
  "tfoot",
  "caption",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "section",
  "article",
  "header",
  "footer",
  "aside",
  "main",
  "blockquote",
  "pre",
  "hr",
  "center",
  "figure",
  "figcaption",
  "address",
]);
const CELL = new Set(["td", "th"]);
// Browsers write this on "save page as": <!-- saved from url=(0043)http://www.example.gov.cn/a.html -->
const SAVED_FROM = /saved from url=\(\d+\)\s*(\S+)/i;

function httpUrl(value: string | undefined): string | null {
  const v = value?.trim() ?? "";
  return /^https?:\/\/\S+$/i.test(v) ? v : null;
}

export function htmlToText(html: string): HtmlText {
  const lines: string[] = [];
  let line = "";
  let hidden = 0;
  let preformatted = 0;
  let canonical: string | null = null;
  let ogUrl: string | null = null;
  let savedFrom: string | null = null;
  const endLine = () => {
    if (line.trim() !== "") lines.push(line.trim());
    line = "";
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "link" && /\bcanonical\b/i.test(attrs.rel ?? "")) canonical ??= httpUrl(attrs.href);
        if (name === "meta" && /^og:url$/i.test(attrs.property ?? attrs.name ?? ""))
          ogUrl ??= httpUrl(attrs.content);
        if (HIDDEN.has(name)) hidden++;
        if (name === "pre") preformatted++;
        if (BLOCK.has(name)) endLine();
        else if (CELL.has(name)) line += " ";
      },
      ontext(text) {
        if (hidden > 0) return;
        // Outside <pre>, a line break in the source is only a space.
        line += preformatted > 0 ? text : text.replace(/[ \t\r\n\f]+/g, " ");
        if (preformatted > 0 && line.includes("\n")) {
          const parts = line.split(/\r?\n/);
          line = parts.pop() ?? "";
          for (const p of parts) if (p.trim() !== "") lines.push(p.trim());
        }
      },
      onclosetag(name, implied) {
        if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        if (name === "pre") preformatted = Math.max(0, preformatted - 1);
        if (BLOCK.has(name) && !(implied && name === "br")) endLine();
      },
      oncomment(text) {
        savedFrom ??= httpUrl(SAVED_FROM.exec(text)?.[1]);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  endLine();
  // Where it was saved from (by a browser or by `ingest URL`) is where it really came from.
  return { text: lines.join("\n"), sourceUrl: savedFrom ?? canonical ?? ogUrl };
}
