/**
 * The step every chat platform takes with an update between decoding it and answering it:
 * the flood limits first (a refused update earns one polite notice a window, then silence),
 * then the work, and a failure logged with secrets masked and apologised for in the user's
 * language. It never throws, so an adapter wraps nothing else around it.
 */
import { describeError, type Logger } from "../log.ts";
import { APOLOGY, floodNotice } from "./messages.ts";
import type { FloodGuard, Sender } from "./rate-limit.ts";
import type { Locale } from "./types.ts";

/** One update as the gate sees it. */
export interface Arrival {
  /**
   * Who sent it, for the flood limits; null for an update that costs nothing (a button
   * whose command is forgotten, an empty inline query).
   */
  sender: Sender | null;
  /**
   * Whether it spends one of the sender's commands (the default), or only looks: a request
   * that comes with every keystroke (autocomplete) is refused while the sender is limited,
   * but takes nothing.
   */
  spends?: boolean;
  locale: Locale;
  /** How the log names the update if handling it fails: the message and the update's ids. */
  failure: { message: string; fields?: Record<string, unknown> };
}

/** How the adapter speaks for this update. */
export interface GateReplies {
  /**
   * The sender is over a flood limit. `notice` is the polite text, the first time in a
   * window; null after that, when the adapter stays as quiet as its platform allows.
   */
  limited(notice: string | null): Promise<unknown>;
  /** Handling failed: show `text` where the user will see it. */
  apologize(text: string): Promise<unknown>;
}

type Admission = { admitted: true } | { admitted: false; notice: string | null };

export class UpdateGate {
  constructor(
    private readonly core: { floods: FloodGuard; log: Logger },
    /** The platform's secrets, masked in every error logged (URLs of failed calls hold tokens). */
    private readonly secrets: readonly string[] = [],
  ) {}

  /** Lets the update through the flood limits to `work`, and apologises if anything throws. */
  async pass(arrival: Arrival, replies: GateReplies, work: () => Promise<unknown>): Promise<void> {
    try {
      const admission = this.admit(arrival);
      if (admission.admitted) await work();
      else await replies.limited(admission.notice);
    } catch (error) {
      const { message, fields } = arrival.failure;
      this.core.log.error({ ...fields, err: describeError(error, this.secrets) }, message);
      try {
        await replies.apologize(APOLOGY[arrival.locale]);
      } catch (failed) {
        this.core.log.warn({ ...fields, err: describeError(failed, this.secrets) }, "apology not sent");
      }
    }
  }

  private admit({ sender, spends = true, locale }: Arrival): Admission {
    if (sender === null) return { admitted: true };
    const { floods } = this.core;
    if (!spends) return floods.isLimited(sender) ? { admitted: false, notice: null } : { admitted: true };
    const verdict = floods.take(sender);
    if (verdict.action === "allow") return { admitted: true };
    return {
      admitted: false,
      notice: verdict.action === "warn" ? floodNotice(verdict, floods.limits, locale) : null,
    };
  }
}
