import type { Answer } from "../answer/answer.ts";
import type { ChatTarget } from "../chat.ts";

/** What became of one message, in terms the delivery loop can act on. */
export type SendOutcome =
  | { kind: "sent" }
  /** The platform asked us to wait (HTTP 429). */
  | { kind: "rate_limited"; retryAfterSeconds: number }
  /** A server error or network failure: worth trying again later. */
  | { kind: "transient"; error: string }
  /** The chat is gone or closed to the bot (blocked, kicked, deleted): stop sending there. */
  | { kind: "gone"; error: string }
  /** The chat moved to a new id (a Telegram group upgraded to a supergroup). */
  | { kind: "migrated"; newChatId: string };

/** How fast a platform lets a bot send. */
export interface SendLimits {
  perSecond: number;
  perChatPerMinute: number;
}

/** A platform's way of sending a reminder, implemented by each adapter. */
export interface Messenger {
  platform: string;
  limits: SendLimits;
  /**
   * Sends one reminder. When `signal` aborts, the request is given up and the send ends as
   * a transient failure: the delivery loop counts on a send not running past its claim.
   */
  send(target: ChatTarget, answer: Answer, signal?: AbortSignal): Promise<SendOutcome>;
}
