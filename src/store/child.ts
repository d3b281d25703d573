import { type ChildProcess, fork } from "node:child_process";
import { getPriority, setPriority } from "node:os";

/** Whether this process runs the TypeScript source (tests, `npm run dev`) rather than the build. */
const fromSource = import.meta.url.endsWith(".ts");

/**
 * Whether a child process starts quickly: from the build in ~0.2 s, where from source it
 * first loads the TypeScript (~1 s), longer than a few small reports take to parse.
 */
export const childrenStartQuickly = !fromSource;

/**
 * How much lower a child's CPU priority is than this process's (Unix niceness, up to the
 * lowest, 19). Children do background work (parsing, indexing); when they and the bot want
 * the same core, the bot's answer goes first, and the children still take every core the
 * bot leaves idle.
 */
const BACKGROUND_NICENESS = 10;

/**
 * Starts one of the store's modules (`name`, without extension) as a child process that
 * talks with this one over IPC, structured-clone messages. A process rather than a
 * worker thread: what it allocates (jieba's dictionary, its own heap) is given back to
 * the system when it ends, where a thread's would stay in this process for good. The
 * build runs its compiled JavaScript; from source (tests, `npm run dev`) the child loads
 * TypeScript through tsx, as its parent does. It runs at a lower CPU priority (see
 * BACKGROUND_NICENESS).
 */
export function startChild(name: string, args: readonly string[] = []): ChildProcess {
  const entry = new URL(`./${name}${fromSource ? ".ts" : ".js"}`, import.meta.url);
  const child = fork(entry, args, {
    serialization: "advanced",
    execArgv: fromSource ? ["--import", "tsx"] : [],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  if (child.pid !== undefined) {
    try {
      setPriority(child.pid, Math.min(19, getPriority() + BACKGROUND_NICENESS));
    } catch {
      // Gone already, or the system does not let priorities be set: it runs at the bot's.
    }
  }
  return child;
}
