/**
 * Turning errors into log text that is safe to write. grammY's HttpError wraps the fetch
 * error, whose message holds the request URL — and the URL holds the bot token.
 */
import { redactSecrets } from "../../log.ts";

const MAX_CHAIN = 5;
const MAX_FRAMES = 10;
const MAX_LENGTH = 4000;

function nested(error: Error): unknown {
  // HttpError keeps the failed fetch's error in `error`; others may have a `cause`.
  if ("error" in error && error.error !== undefined) return error.error;
  return error.cause;
}

/**
 * An error and the errors it wraps as one text (name, message, stack), with bot tokens
 * and the given secrets masked. Never pass the error object itself to a logger.
 */
export function describeError(error: unknown, secrets: readonly string[] = []): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CHAIN && current !== undefined && current !== null; depth++) {
    if (current instanceof Error) {
      // The header is written from name and message, which may have changed since the stack was taken.
      const frames = (current.stack ?? "").split("\n").filter((line) => line.trimStart().startsWith("at "));
      parts.push([`${current.name}: ${current.message}`, ...frames.slice(0, MAX_FRAMES)].join("\n"));
      current = nested(current);
    } else {
      parts.push(String(current));
      current = undefined;
    }
  }
  const text = redactSecrets(parts.join("\ncaused by: "), secrets);
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH)}…` : text;
}
