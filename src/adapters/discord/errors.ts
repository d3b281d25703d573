/**
 * Turning errors into log text that is safe to write: the error and the errors it wraps
 * (`cause`), with the bot token and anything that looks like one masked.
 */
import { redactSecrets } from "../../log.ts";

const MAX_CHAIN = 5;
const MAX_LENGTH = 4000;

/** An error and its causes as one text (stacks included), secrets masked. Never log the error object itself. */
export function describeError(error: unknown, secrets: readonly string[]): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CHAIN && current !== undefined && current !== null; depth++) {
    if (current instanceof Error) {
      parts.push(current.stack ?? `${current.name}: ${current.message}`);
      current = current.cause;
    } else {
      parts.push(String(current));
      current = undefined;
    }
  }
  const text = redactSecrets(parts.join("\ncaused by: "), secrets);
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH)}…` : text;
}
