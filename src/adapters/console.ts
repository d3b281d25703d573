import { createInterface } from "node:readline";
import type { Answer } from "../answer/answer.ts";
import { APOLOGY } from "../command/messages.ts";
import type { Invocation } from "../command/types.ts";
import type { BotCore } from "./adapter.ts";

/** The console is one private chat with its owner, who is its admin. */
export const CONSOLE_CHAT: Omit<Invocation, "command" | "args"> = {
  chat: { platform: "console", id: "local", kind: "private" },
  userId: "local",
  locale: "zh",
  isChatAdmin: true,
};

/** Answers one line, turning an unexpected failure into an apology rather than a crash. */
export async function answerLine(app: BotCore, line: string): Promise<Answer | null> {
  try {
    return await app.dispatcher.handleLine(line, CONSOLE_CHAT);
  } catch (error) {
    app.log.error({ err: error, line }, "command failed");
    return null;
  }
}

/**
 * An answer as the terminal shows it: its text, where its chart's PNG is, and its buttons
 * as the command lines they run (a terminal has no buttons to press).
 */
export function consoleText(answer: Answer): string {
  const parts = [answer.text];
  if (answer.image) parts.push(`图表: ${answer.image.path}`);
  if (answer.actions.length > 0)
    parts.push(`按钮: ${answer.actions.map((a) => `[${a.label}] ${a.command}`).join("  ")}`);
  return parts.join("\n\n");
}

/** How long the reports may take to load before the console says it is loading them. */
const LOADING_NOTICE_MS = 300;

/**
 * The one line a person sees when the console chat starts: the report it reads, where the
 * logs went, how to begin and how to leave.
 */
export function greeting(app: BotCore, logFile: string | null): string {
  const report = app.dispatcher.reportTitle(CONSOLE_CHAT.chat);
  const reading = report ? `正在读《${report}》` : "还没有加载报告";
  const logs = logFile ? `; 日志写在 ${logFile}` : "";
  return `report-bot: ${reading}${logs}。输入 /help 查看命令, 或直接提问; Ctrl-D 退出。`;
}

/**
 * A chat in the terminal: a prompt with history when stdin is a terminal, or one answer per
 * line read when it is a pipe. Resolves when input ends. `logFile` is where the logs went,
 * for the start line. `readable` settles when the console's report is stored: the console is
 * one person at the bot's start (a new database stores even the seed after "ready"), so
 * their lines wait for it rather than being told to come back later.
 */
export function runConsole(
  app: BotCore,
  input = process.stdin,
  output = process.stdout,
  logFile: string | null = null,
  readable: Promise<void> = Promise.resolve(),
): Promise<void> {
  const interactive = Boolean(input.isTTY);
  const rl = createInterface({
    input,
    output,
    terminal: interactive,
    historySize: 200,
    prompt: "report-bot> ",
  });
  // Said only when the report takes a while (a large library read for the first time).
  const waiting = setTimeout(
    () => interactive && output.write("report-bot: 正在载入报告…\n"),
    LOADING_NOTICE_MS,
  );
  // Lines are answered strictly in order, even when one answer takes longer; the first waits
  // for the report.
  let queue = readable.then(() => {
    clearTimeout(waiting);
    if (interactive) {
      output.write(`${greeting(app, logFile)}\n`);
      rl.prompt();
    }
  });
  rl.on("line", (line) => {
    queue = queue.then(async () => {
      if (line.trim() !== "") {
        const answer = await answerLine(app, line);
        output.write(`${answer ? consoleText(answer) : APOLOGY.zh}\n\n`);
      }
      if (interactive) rl.prompt();
    });
  });
  return new Promise((resolve) => rl.on("close", () => void queue.then(resolve)));
}
