/**
 * The HTTP client under grammY's Bot API calls (its `client.fetch` option): undici's
 * request() in place of grammY's default, node-fetch over http.Agent. Under a burst, each
 * update costs one sendMessage, and on loopback node-fetch took ~0.16 ms of CPU a call
 * (a 2 KB message, 100 at once) against ~0.10 ms for undici's request: the largest part of
 * the bot's CPU per update after the answer itself. undici is discord.js's HTTP client
 * too, so it is loaded anyway.
 *
 * grammY builds the request (JSON, or a multipart stream when a file is uploaded), times
 * it out and aborts it through `signal`, and reads only `json()` of the response
 * (grammy/out/core/client.js); an error thrown here becomes its HttpError.
 */
import type { Readable } from "node:stream";
import { request } from "undici";

/**
 * What grammY hands to fetch for a Bot API call, always a POST (its other fields are
 * node-fetch's own: agent, compress).
 */
export interface BotApiRequest {
  headers: Record<string, string>;
  body: string | Readable;
  /** From grammY's AbortController polyfill, which undici takes as an event target. */
  signal?: AbortSignal;
}

/** The part of a fetch Response that grammY reads. */
export interface BotApiResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}

/** Sends one Bot API call; like fetch, an answer with an error status resolves, only a failed exchange rejects. */
export async function sendBotApiRequest(url: string, init: BotApiRequest): Promise<BotApiResponse> {
  const response = await request(url, {
    method: "POST",
    headers: init.headers,
    body: init.body,
    signal: init.signal ?? null,
  });
  return {
    ok: response.statusCode >= 200 && response.statusCode < 300,
    status: response.statusCode,
    json: () => response.body.json(),
  };
}
