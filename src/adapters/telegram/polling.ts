/**
 * Long polling with @grammyjs/runner. The runner gives up on a 409 Conflict, which
 * Telegram answers while another process polls the same token (or a webhook is set for
 * it): here getUpdates is asked again, with back-off, so the bot logs one line, shows the
 * conflict in /healthz, and resumes by itself when the other process stops.
 */
import { run } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import { describeError, type Logger } from "../../log.ts";

/** How updates come in, once started; the adapter's health and stop come from it. */
export interface Intake {
  connected(): boolean;
  problem(): string | null;
  stop(): Promise<void>;
}

/** The wait between two polls while another process has the token: doubling from first to max. */
export interface ConflictBackoff {
  firstMs: number;
  maxMs: number;
}

export const CONFLICT_BACKOFF: ConflictBackoff = { firstMs: 1_000, maxMs: 30_000 };

/** The kinds of update the bot asks Telegram for. */
export type UpdateKinds = readonly Exclude<keyof Update, "update_id">[];

export interface PollingOptions {
  allowedUpdates: UpdateKinds;
  /** Long-polling wait per getUpdates call, in seconds. */
  timeoutSeconds: number;
  /** Updates handled at once (those of one chat still wait for each other). */
  concurrency: number;
  backoff: ConflictBackoff;
}

/** What a 409 means for the operator, from Telegram's description of it. */
function conflictCause(description: string): string {
  return /webhook/i.test(description)
    ? "a webhook is set for this token (another instance in webhook mode?)"
    : "another process is polling this token";
}

/**
 * Resolves true after `ms`, or false as soon as `signal` aborts. (The runner's signal comes
 * from an AbortController polyfill, which Node's own timers do not take.)
 */
function pause(
  ms: number,
  signal: { aborted: boolean; addEventListener(type: "abort", listener: () => void): void } | undefined,
): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(true), ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

/** Removes any webhook (polling and a webhook exclude each other) and starts polling. */
export async function startPolling(
  bot: Bot,
  log: Logger,
  secrets: readonly string[],
  options: PollingOptions,
): Promise<Intake> {
  // Whether the last long poll came back: a failed one means Telegram is out of reach.
  let polled = true;
  // Why Telegram refuses our polls (409), while it does.
  let conflict: string | null = null;
  bot.api.config.use(async (prev, method, payload, signal) => {
    if (method !== "getUpdates") return prev(method, payload, signal);
    let wait = options.backoff.firstMs;
    for (;;) {
      let result: Awaited<ReturnType<typeof prev>>;
      try {
        result = await prev(method, payload, signal);
      } catch (error) {
        polled = false;
        throw error;
      }
      polled = result.ok;
      if (result.ok && conflict !== null) {
        log.info("telegram polling resumed: the other process stopped");
        conflict = null;
      }
      if (result.ok || result.error_code !== 409) return result;
      if (conflict === null) {
        conflict = conflictCause(result.description);
        log.warn(
          { description: result.description },
          `${conflict}: polling on, less often, until it stops (a webhook serves more than one instance)`,
        );
      }
      // Stopping aborts the wait; the 409 then ends the runner's fetch as it expects.
      if (!(await pause(wait, signal))) return result;
      wait = Math.min(wait * 2, options.backoff.maxMs);
    }
  });
  await bot.api.deleteWebhook();
  const runner = run(bot, {
    // The runner would print fetch errors as they are, token and all: they are logged by the bot.
    runner: {
      silent: true,
      fetch: { timeout: options.timeoutSeconds, allowed_updates: options.allowedUpdates },
    },
    sink: { concurrency: options.concurrency },
  });
  runner
    .task()
    ?.catch((error: unknown) =>
      log.error({ err: describeError(error, secrets) }, "telegram polling stopped"),
    );
  return {
    connected: () => runner.isRunning() && polled && conflict === null,
    problem: () => {
      if (!runner.isRunning()) return "polling stopped";
      return conflict ?? (polled ? null : "Telegram not reachable");
    },
    /** Stops polling and resolves when the updates in hand are handled. */
    async stop() {
      await runner.stop();
    },
  };
}
