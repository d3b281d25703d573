/**
 * Log lines as a person reads them in a terminal, one short line each:
 * "[12:03:01] INFO: ready {"platforms":["console"],"readyMs":612}". Loaded only when logs go
 * to a terminal (pino-pretty and its dependencies stay out of a service's start-up).
 */
import { prettyFactory } from "pino-pretty";

export function prettyLines(colorize: boolean): (line: string) => string {
  const pretty = prettyFactory({
    colorize,
    translateTime: "SYS:HH:MM:ss",
    ignore: "pid,hostname",
    singleLine: true,
  });
  return (line) => pretty(line);
}
