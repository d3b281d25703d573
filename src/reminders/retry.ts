/**
 * What the delivery loop does after a send, decided from the outcome, the attempts made and
 * the time alone (no database), so each rule is tested on its own: a 429 pauses the whole
 * platform, a server or network error is retried with exponential back-off until
 * `maxAttempts`, a chat that is gone stops its subscription, a migrated chat is followed.
 */
import type { SendOutcome } from "./messenger.ts";

/** How transient failures are retried. */
export interface RetryPolicy {
  /** Attempts before a delivery is given up as failed. */
  maxAttempts: number;
  /** First retry delay after a transient failure; doubles on each attempt. */
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export type SendDecision =
  | { kind: "sent" }
  /** The platform said to wait: nothing goes to it before `until`, this delivery included. */
  | { kind: "pause"; until: number; retryAfterSeconds: number }
  /** The chat has a new id: move its subscriptions there and send again now. */
  | { kind: "move"; newChatId: string }
  /** A transient failure: try again at `at`. */
  | { kind: "retry"; at: number; error: string }
  /** A transient failure once too often: give the delivery up. */
  | { kind: "fail"; error: string; attempts: number }
  /** The chat is gone or closed to the bot: give up and stop the subscription. */
  | { kind: "deactivate"; error: string };

/** The wait after the `attempts`-th failed attempt: the base, doubling, up to the maximum. */
export function backoffMs(attempts: number, policy: RetryPolicy): number {
  return Math.min(policy.backoffBaseMs * 2 ** (attempts - 1), policy.backoffMaxMs);
}

/** What to do after attempt number `attempts` (from 1) ended in `outcome` at `now`. */
export function afterSend(
  outcome: SendOutcome,
  attempts: number,
  now: number,
  policy: RetryPolicy,
): SendDecision {
  switch (outcome.kind) {
    case "sent":
      return { kind: "sent" };
    case "rate_limited":
      return {
        kind: "pause",
        until: now + outcome.retryAfterSeconds * 1000,
        retryAfterSeconds: outcome.retryAfterSeconds,
      };
    case "migrated":
      return { kind: "move", newChatId: outcome.newChatId };
    case "gone":
      return { kind: "deactivate", error: outcome.error };
    case "transient":
      if (attempts >= policy.maxAttempts) return { kind: "fail", error: outcome.error, attempts };
      return { kind: "retry", at: now + backoffMs(attempts, policy), error: outcome.error };
  }
}
