import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FetchPageError, fetchPage } from "../src/cli/fetch-page.ts";
import { decodeReport } from "../src/report/decode.ts";
import { htmlToText } from "../src/report/html.ts";
import { readReportInput } from "../src/report/input.ts";
import { parseReport } from "../src/report/parse.ts";
import { openStore } from "../src/store/index.ts";
import { SEED_REPORTS } from "./helpers/app.ts";

const ROOT = join(import.meta.dirname, "..");
const SEED_FILE = join(SEED_REPORTS, "zhongxian-2021.txt");
const seedBytes = readFileSync(SEED_FILE);
const seed = parseReport(decodeReport(seedBytes, SEED_FILE), SEED_FILE);
// The seed as its site serves it: a GBK page (charset in a <meta>), with navigation, a
// search form, scripts, styles, entities (&ldquo; &nbsp;), <br> and a canonical address.
const HTML_FILE = join(import.meta.dirname, "fixtures", "reports", "zhongxian-2021.gbk.html");
const htmlBytes = readFileSync(HTML_FILE);
const CANONICAL = "https://zhongxian.example.gov.cn/zwgk/fzzfjsndbg/202202/t20220214_1.html";

const parseInput = (bytes: Uint8Array, file: string, hints = {}) => {
  const input = readReportInput(bytes, file, hints);
  return parseReport(input.text, file, { sourceUrl: input.sourceUrl });
};
const withoutSource = (r: ReturnType<typeof parseReport>) => ({ ...r, meta: { ...r.meta, sourceUrl: null } });

describe("saved pages", () => {
  it("reads the seed saved as a GBK HTML page as the same report as the text file", () => {
    expect(htmlBytes.includes(Buffer.from("charset=gbk"))).toBe(true);
    const report = parseInput(htmlBytes, HTML_FILE);
    expect(withoutSource(report)).toEqual(seed);
    expect(report.meta.sourceUrl).toBe(CANONICAL);
  });

  it("drops scripts, styles, navigation and forms, keeps blocks as lines, decodes entities", () => {
    const { text } = htmlToText(
      "<html><head><title>标题</title><style>p{}</style></head><body><nav>首页 &gt; 政务公开</nav>" +
        "<script>var a = '一、假';</script><form><select><option>选项</option></select></form>" +
        "<div>第一段<br>第二段</div><p>&ldquo;放管服&rdquo;改革&nbsp;&amp;&#x4E00;</p><ul><li>甲</li><li>乙</li></ul>" +
        "<table><tr><td>项目</td><td>12件</td></tr></table></body></html>",
    );
    expect(text.split("\n")).toEqual(["第一段", "第二段", "“放管服”改革\u00a0&一", "甲", "乙", "项目 12件"]);
  });

  it("takes the page's address from og:url or a saved-from comment", () => {
    expect(htmlToText('<meta property="og:url" content="http://a.example/x.html"><p>x</p>').sourceUrl).toBe(
      "http://a.example/x.html",
    );
    expect(htmlToText("<!-- saved from url=(0022)http://b.example/y.htm -->\n<p>x</p>").sourceUrl).toBe(
      "http://b.example/y.htm",
    );
    expect(readReportInput(Buffer.from("报告正文\n原文链接：http://c.example/z\n"), "z.txt").sourceUrl).toBe(
      "http://c.example/z",
    );
  });
});

describe("UTF-16 text files", () => {
  it("reads UTF-16 LE and BE with a byte-order mark as the seed", () => {
    const text = seedBytes.toString("utf8");
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(le);
    be.swap16();
    expect(parseReport(decodeReport(le, "le.txt"), "le.txt")).toEqual(seed);
    expect(parseReport(decodeReport(be, "be.txt"), "be.txt")).toEqual(seed);
  });
});

describe("fetching a page (npm run ingest -- URL) from a loopback server", () => {
  let server: Server;
  let base: string;
  // The page re-saved as UTF-8 while its <meta> still says gbk: the server's header wins.
  const utf8Page = Buffer.from(iconv.decode(htmlBytes, "gb18030"), "utf8");
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/zhongxian-2021.html") {
        res.writeHead(200, { "content-type": "text/html" });
        res.end(htmlBytes);
      } else if (req.url === "/utf8.html") {
        res.writeHead(200, { "content-type": "text/html; charset=UTF-8" });
        res.end(utf8Page);
      } else if (req.url === "/huge") {
        res.writeHead(200, { "content-type": "text/html" });
        res.write(Buffer.alloc(64 * 1024, 0x61));
        res.end(Buffer.alloc(64 * 1024, 0x61));
      } else if (req.url === "/slow") {
        res.writeHead(200, { "content-type": "text/html" });
        res.write("<p>");
        // Never ends: the fetch's time bound must.
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("fetches the GBK page and reads the same report, its address as the source", async () => {
    const page = await fetchPage(`${base}/zhongxian-2021.html`);
    const report = parseInput(page.bytes, "zhongxian-2021.html", {
      contentType: page.contentType,
      url: page.url,
    });
    expect(withoutSource(report)).toEqual(seed);
    expect(report.meta.sourceUrl).toBe(`${base}/zhongxian-2021.html`);
  });

  it("honours the charset of the Content-Type header over the page's <meta>", async () => {
    expect(utf8Page.includes(Buffer.from('charset=gbk"'))).toBe(true);
    const page = await fetchPage(`${base}/utf8.html`);
    const report = parseInput(page.bytes, "utf8.html", { contentType: page.contentType, url: page.url });
    expect(withoutSource(report)).toEqual(seed);
  });

  it("stops at the size bound, the time bound and an error status, with a message", async () => {
    await expect(fetchPage(`${base}/huge`, { maxBytes: 100_000 })).rejects.toThrow(
      /larger than 100000 bytes/,
    );
    await expect(fetchPage(`${base}/slow`, { timeoutMs: 300 })).rejects.toThrow(/no page within 300 ms/);
    await expect(fetchPage(`${base}/missing`)).rejects.toThrow(/answered 404/);
    await expect(fetchPage("file:///etc/passwd")).rejects.toThrow(FetchPageError);
  });

  it("saves the page into REPORTS_DIR naming its address, and stores the report", async () => {
    const dir = mkdtempSync(join(tmpdir(), "report-bot-fetch-"));
    try {
      const env = {
        PATH: process.env.PATH ?? "",
        REPORTS_DIR: dir,
        DATABASE_PATH: join(dir, "bot.sqlite"),
        DOTENV_CONFIG_PATH: join(dir, "no.env"),
      };
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ["--import", "tsx", "src/cli/ingest.ts", `${base}/zhongxian-2021.html`],
        { cwd: ROOT, env },
      );
      expect(stdout).toContain("✓");
      expect(readdirSync(dir)).toContain("zhongxian-2021.html");
      expect(readFileSync(join(dir, "zhongxian-2021.html"), "latin1")).toMatch(
        /^<!-- saved from url=\(\d{4}\)http:\/\/127\.0\.0\.1/,
      );
      const store = openStore({ path: join(dir, "bot.sqlite"), cacheMaxEntries: 10 });
      try {
        const stored = store.reports.get("zhongxian-2021");
        expect(stored).toMatchObject({
          title: seed.meta.title,
          genre: "fazhi",
          sourceUrl: `${base}/zhongxian-2021.html`,
        });
      } finally {
        store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
