import { PassThrough } from "node:stream";
import type { BotCore } from "../../src/adapters/adapter.ts";
import { runConsole } from "../../src/adapters/console.ts";

/**
 * The console chat given `typed` (lines, each ending in \n) on its input, to its end: what it
 * printed. With `terminal` the input says it is a TTY, as a person's terminal does.
 */
export async function consoleTranscript(
  app: BotCore,
  typed: string,
  options: { terminal?: boolean; logFile?: string } = {},
): Promise<string> {
  const input = Object.assign(new PassThrough(), { isTTY: options.terminal === true });
  const output = new PassThrough();
  let shown = "";
  output.on("data", (chunk: Buffer) => {
    shown += chunk.toString("utf8");
  });
  const done = runConsole(
    app,
    input as unknown as typeof process.stdin,
    output as unknown as typeof process.stdout,
    options.logFile ?? null,
  );
  input.end(typed);
  await done;
  return shown;
}
