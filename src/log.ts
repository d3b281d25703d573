import pino from "pino";

export type Logger = pino.Logger;

// Telegram puts the token in every request URL (…/bot<TOKEN>/getUpdates), and errors
// carry that URL: anything that looks like a bot token is masked before it is written.
const TELEGRAM_TOKEN = /\d{5,}:[A-Za-z0-9_-]{30,}/g;
const DISCORD_TOKEN = /[A-Za-z0-9_-]{24,}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,}/g;

/** Masks bot tokens and any extra secrets found in a text. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(TELEGRAM_TOKEN, "<token>").replace(DISCORD_TOKEN, "<token>");
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join("<token>");
  return out;
}

const MAX_CHAIN = 5;
const MAX_FRAMES = 10;
const MAX_LENGTH = 4000;

function wrapped(error: Error): unknown {
  // grammY's HttpError keeps the failed fetch's error in `error`; others use `cause`.
  if ("error" in error && error.error !== undefined) return error.error;
  return error.cause;
}

/**
 * An error and the errors it wraps as one text (name, message, stack frames), with bot
 * tokens and the given secrets masked. Errors of HTTP clients hold request URLs, and a
 * Telegram URL holds the token: never pass the error object itself to a logger.
 */
export function describeError(error: unknown, secrets: readonly string[] = []): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CHAIN && current !== undefined && current !== null; depth++) {
    if (current instanceof Error) {
      // The header is written from name and message, which may have changed since the stack was taken.
      const frames = (current.stack ?? "").split("\n").filter((line) => line.trimStart().startsWith("at "));
      parts.push([`${current.name}: ${current.message}`, ...frames.slice(0, MAX_FRAMES)].join("\n"));
      current = wrapped(current);
    } else {
      parts.push(String(current));
      current = undefined;
    }
  }
  const text = redactSecrets(parts.join("\ncaused by: "), secrets);
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH)}…` : text;
}

/** Where log lines go and how they look. */
export interface LogOutput {
  /** A file to append JSON lines to, instead of stderr. */
  file?: string;
  /** Turns a JSON line into what a person reads in a terminal (see log-pretty.ts); JSON when absent. */
  pretty?: (line: string) => string;
}

/**
 * A structured logger on stderr (stdout belongs to answers in the console and `ask`), or in
 * a file. Every line passes through redactSecrets, whatever object produced it, before it
 * is written or made pretty.
 */
export function createLogger(level: string, secrets: readonly string[] = [], output: LogOutput = {}): Logger {
  const destination = output.file
    ? pino.destination({ dest: output.file, sync: true, mkdir: true, append: true })
    : pino.destination({ fd: 2, sync: true });
  const pretty = output.file ? undefined : output.pretty;
  return pino(
    { level, base: undefined },
    {
      write(line: string) {
        const safe = redactSecrets(line, secrets);
        destination.write(pretty ? pretty(safe) : safe);
      },
    },
  );
}
