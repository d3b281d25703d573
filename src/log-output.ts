/**
 * Where logs go and how they look: JSON lines on stderr for a service, a pipe or
 * LOG_FORMAT=json; short lines for a person's terminal. When that person chats in the
 * terminal itself (the console, no platform token), log lines would land between questions
 * and answers: they go to a file beside the database, which the console names when it starts.
 */
import { dirname, join } from "node:path";
import type { Config } from "./config.ts";
import type { LogOutput } from "./log.ts";

export type LogChoice =
  | { kind: "json" }
  | { kind: "pretty"; colors: boolean }
  | { kind: "file"; path: string };

/** What the process runs in: whether it is the console chat, and which streams are terminals. */
export interface LogSurroundings {
  consoleChat: boolean;
  stdinIsTerminal: boolean;
  stderrIsTerminal: boolean;
}

export function chooseLogOutput(
  config: Pick<Config, "LOG_FORMAT" | "LOG_FILE" | "DATABASE_PATH">,
  around: LogSurroundings,
): LogChoice {
  if (config.LOG_FILE) return { kind: "file", path: config.LOG_FILE };
  if (config.LOG_FORMAT === "json") return { kind: "json" };
  if (config.LOG_FORMAT === "pretty") return { kind: "pretty", colors: around.stderrIsTerminal };
  if (!around.stderrIsTerminal) return { kind: "json" };
  if (around.consoleChat && around.stdinIsTerminal)
    return { kind: "file", path: join(dirname(config.DATABASE_PATH), "report-bot.log") };
  return { kind: "pretty", colors: true };
}

/** The logger's output for a choice; pino-pretty is loaded only for a terminal. */
export async function openLogOutput(choice: LogChoice): Promise<LogOutput> {
  if (choice.kind === "file") return { file: choice.path };
  if (choice.kind === "json") return {};
  const { prettyLines } = await import("./log-pretty.ts");
  return { pretty: prettyLines(choice.colors) };
}
