/**
 * Fetches a report page for `npm run ingest -- URL`: http(s) only, with Node's fetch,
 * bounded in size and time, the Content-Type kept so its charset is honoured.
 */

/** A fetch that did not give a page, with a message to print. */
export class FetchPageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FetchPageError";
  }
}

export interface FetchedPage {
  /** The address the page came from, after redirects. */
  url: string;
  contentType: string | null;
  bytes: Uint8Array;
}

export interface FetchLimits {
  /** Largest body read, in bytes (default 20 MB). */
  maxBytes?: number;
  /** Longest the whole fetch may take, body included, in ms (default 30 s). */
  timeoutMs?: number;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;

export async function fetchPage(address: string, limits: FetchLimits = {}): Promise<FetchedPage> {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = limits.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new FetchPageError(`${address}: not an address`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new FetchPageError(`${address}: only http and https addresses are fetched`);
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      signal,
      redirect: "follow",
      headers: { accept: "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5" },
    });
    if (!response.ok) throw new FetchPageError(`${address}: the server answered ${response.status}`);
    const declared = Number(response.headers.get("content-length") ?? Number.NaN);
    if (declared > maxBytes)
      throw new FetchPageError(`${address}: the page is larger than ${maxBytes} bytes`);
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await reader.cancel();
          throw new FetchPageError(`${address}: the page is larger than ${maxBytes} bytes`);
        }
        chunks.push(value);
      }
    }
    return {
      url: response.url || url.href,
      contentType: response.headers.get("content-type"),
      bytes: Buffer.concat(chunks),
    };
  } catch (error) {
    if (error instanceof FetchPageError) throw error;
    if (signal.aborted) throw new FetchPageError(`${address}: no page within ${timeoutMs} ms`);
    throw new FetchPageError(
      `${address}: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`,
    );
  }
}

/** A file name for a fetched page: its last path segment, else its host and path. */
export function fileNameFor(page: FetchedPage, isHtml: boolean): string {
  const url = new URL(page.url);
  const segments = url.pathname.split("/").filter((s) => s !== "");
  const last = decodeURIComponent(segments[segments.length - 1] ?? "").replace(/\.[a-z0-9]{1,5}$/i, "");
  const stem =
    last !== "" && !/^(index|default|content|detail)$/i.test(last)
      ? last
      : [url.hostname, ...segments].join("-");
  const safe = stem.replace(/[^\p{L}\p{N}_-]+/gu, "-").replace(/^-+|-+$/g, "") || "page";
  return `${safe}${isHtml ? ".html" : ".txt"}`;
}

/**
 * The page's bytes as saved into the reports folder, naming where it came from the way a
 * browser does (<!-- saved from url=(…)… -->), or as a URL: line of a text, so that the
 * address survives a later re-ingest of the folder.
 */
export function withAddress(page: FetchedPage, isHtml: boolean): Uint8Array {
  const bom = [0xef, 0xbb, 0xbf].every((b, i) => page.bytes[i] === b) ? 3 : 0;
  if (page.bytes[0] === 0xff || page.bytes[0] === 0xfe) return page.bytes; // UTF-16: left as it is
  const note = isHtml
    ? `<!-- saved from url=(${String(page.url.length).padStart(4, "0")})${page.url} -->\n`
    : `URL: ${page.url}\n`;
  return Buffer.concat([page.bytes.subarray(0, bom), Buffer.from(note, "latin1"), page.bytes.subarray(bom)]);
}
