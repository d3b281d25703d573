/**
 * The HTTP client under grammY's Bot API calls (its `client.fetch` option): undici's
 * dispatcher in place of grammY's default, node-fetch over http.Agent. Under a burst, each
 * update costs one sendMessage; on loopback (a 2 KB message, 100 at once) a call took
 * ~0.11 ms of CPU with node-fetch, ~0.073 ms with undici's request() and ~0.051 ms with
 * its dispatch() and the small handler below, which skips request()'s Request object and
 * body stream: grammY only ever reads the whole answer as JSON. undici is discord.js's
 * HTTP client too, so it is loaded anyway.
 *
 * grammY builds the request (JSON, or a multipart stream when a file is uploaded), times
 * it out and aborts it through `signal`, and reads only `json()` of the response
 * (grammy/out/core/client.js); an error thrown here becomes its HttpError.
 */
import type { Readable } from "node:stream";
import { type Dispatcher, errors, getGlobalDispatcher } from "undici";

/**
 * What grammY hands to fetch for a Bot API call, always a POST (its other fields are
 * node-fetch's own: agent, compress).
 */
export interface BotApiRequest {
  headers: Record<string, string>;
  body: string | Readable;
  /** From grammY's AbortController polyfill: it has `aborted` and can be listened to. */
  signal?: AbortSignal;
}

/** The part of a fetch Response that grammY reads. */
export interface BotApiResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}

/** Sends one Bot API call; like fetch, an answer with an error status resolves, only a failed exchange rejects. */
export function sendBotApiRequest(url: string, init: BotApiRequest): Promise<BotApiResponse> {
  // Inside the executor, so that even a malformed URL rejects (as fetch does) rather than throws.
  return new Promise((resolve, reject) => {
    const { origin, pathname, search } = new URL(url);
    getGlobalDispatcher().dispatch(
      { origin, path: pathname + search, method: "POST", headers: init.headers, body: init.body },
      new WholeAnswer(init.signal, resolve, reject),
    );
  });
}

/**
 * Collects an answer's body and settles once it is complete (or the exchange fails). An
 * abort of `signal` before then ends the exchange and closes its connection.
 */
class WholeAnswer implements Dispatcher.DispatchHandlers {
  private status = 0;
  private readonly chunks: Buffer[] = [];
  private abort: ((error: Error) => void) | null = null;
  private readonly onAbort = () => this.abort?.(new errors.RequestAbortedError());

  constructor(
    private readonly signal: AbortSignal | undefined,
    private readonly resolve: (response: BotApiResponse) => void,
    private readonly reject: (error: Error) => void,
  ) {}

  onConnect(abort: (error?: Error) => void): void {
    this.abort = abort;
    if (this.signal?.aborted) this.onAbort();
    else this.signal?.addEventListener("abort", this.onAbort, { once: true });
  }

  onHeaders(status: number): boolean {
    // 1xx answers are interim; the final status comes after them.
    if (status >= 200) this.status = status;
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    this.signal?.removeEventListener("abort", this.onAbort);
    const body = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    const status = this.status;
    this.resolve({
      ok: status >= 200 && status < 300,
      status,
      // Parsed on demand, so that an answer that is not JSON fails where grammY reads it.
      json: async () => JSON.parse(body?.toString("utf8") ?? ""),
    });
  }

  onError(error: Error): void {
    this.signal?.removeEventListener("abort", this.onAbort);
    this.reject(error);
  }
}
