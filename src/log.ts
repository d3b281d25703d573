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

/**
 * A structured logger on stderr (stdout belongs to answers in the console and `ask`).
 * Every line passes through redactSecrets, whatever object produced it.
 */
export function createLogger(level: string, secrets: readonly string[] = []): Logger {
  const stderr = pino.destination({ fd: 2, sync: true });
  return pino(
    { level, base: undefined },
    {
      write(line: string) {
        stderr.write(redactSecrets(line, secrets));
      },
    },
  );
}
