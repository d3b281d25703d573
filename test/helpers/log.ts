import pino from "pino";
import type { Logger } from "../../src/log.ts";

/** One JSON log line as written. */
export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A logger that keeps its lines, for tests that check what an operator would read. */
export function capturingLogger(level = "info"): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const log = pino(
    { level, base: undefined },
    { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
  );
  return { log, lines };
}
