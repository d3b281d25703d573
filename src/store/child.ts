import { type ChildProcess, fork } from "node:child_process";

/** Whether this process runs the TypeScript source (tests, `npm run dev`) rather than the build. */
const fromSource = import.meta.url.endsWith(".ts");

/**
 * Whether a child process starts quickly: from the build in ~0.2 s, where from source it
 * first loads the TypeScript (~1 s), longer than a few small reports take to parse.
 */
export const childrenStartQuickly = !fromSource;

/**
 * Starts one of the store's modules (`name`, without extension) as a child process that
 * talks with this one over IPC, structured-clone messages. A process rather than a
 * worker thread: what it allocates (jieba's dictionary, its own heap) is given back to
 * the system when it ends, where a thread's would stay in this process for good. The
 * build runs its compiled JavaScript; from source (tests, `npm run dev`) the child loads
 * TypeScript through tsx, as its parent does.
 */
export function startChild(name: string, args: readonly string[] = []): ChildProcess {
  const entry = new URL(`./${name}${fromSource ? ".ts" : ".js"}`, import.meta.url);
  return fork(entry, args, {
    serialization: "advanced",
    execArgv: fromSource ? ["--import", "tsx"] : [],
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
}
