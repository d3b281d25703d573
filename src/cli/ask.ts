/**
 * Asks the bot from the command line, on REPORTS_DIR and DATABASE_PATH like the bot:
 *   npm run -s ask -- "/stat 法律援助"        the text answer
 *   npm run -s ask -- --json "/stat 法律援助" the JSON answer
 *   npm run -s ask -- --jsonl < questions    one JSON answer per input line, in order
 */
import "dotenv/config";
import { createInterface } from "node:readline";
import { answerLine, consoleText } from "../adapters/console.ts";
import { createApp } from "../app.ts";
import { APOLOGY } from "../command/messages.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { createLogger } from "../log.ts";
import { chooseLogOutput, openLogOutput } from "../log-output.ts";

function internalError(line: string) {
  const message = APOLOGY.zh;
  return {
    ok: false,
    command: line.trim().split(/\s/)[0]?.replace(/^\//, "") ?? "",
    text: message,
    figures: [],
    sections: [],
    error: { code: "internal", message },
    cached: false,
  };
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const mode = argv.includes("--jsonl") ? "jsonl" : argv.includes("--json") ? "json" : "text";
  const line = argv.filter((a) => !a.startsWith("--")).join(" ");
  const config = loadConfig();
  const output = await openLogOutput(
    chooseLogOutput(config, {
      consoleChat: false,
      stdinIsTerminal: Boolean(process.stdin.isTTY),
      stderrIsTerminal: Boolean(process.stderr.isTTY),
    }),
  );
  const log = createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : "warn", [], output);
  const app = await createApp(config, log);
  await app.loaded();
  try {
    if (mode === "jsonl") {
      const rl = createInterface({ input: process.stdin, terminal: false });
      for await (const input of rl) {
        if (input.trim() === "") continue;
        const answer = await answerLine(app, input);
        process.stdout.write(`${JSON.stringify(answer ?? internalError(input))}\n`);
      }
      return 0;
    }
    if (line.trim() === "") {
      process.stderr.write('usage: npm run -s ask -- [--json] "/stat 法律援助"  |  --jsonl < lines\n');
      return 2;
    }
    const answer = await answerLine(app, line);
    if (mode === "json") process.stdout.write(`${JSON.stringify(answer ?? internalError(line), null, 2)}\n`);
    else process.stdout.write(`${answer ? consoleText(answer) : internalError(line).text}\n`);
    return answer?.ok ? 0 : 1;
  } finally {
    app.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = error instanceof ConfigError ? 2 : 1;
  },
);
