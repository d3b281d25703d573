import { TokenBucket } from "../token-bucket.ts";
import type { SendLimits } from "./messenger.ts";

/** Per-chat buckets kept before rested ones are forgotten. */
const CHATS_KEPT = 10_000;

/**
 * How fast reminders go out on one platform: a bucket for the platform as a whole and one
 * per chat, both on the caller's clock, and a pause when the platform says to wait. Unlike
 * the flood guard it never forgets a bucket that is still refilling: a chat must not get a
 * fresh allowance and exceed the platform's rate, whatever the memory.
 */
export class SendLimiter {
  private global: TokenBucket | null = null;
  private readonly chats = new Map<string, TokenBucket>();
  /** The size at which rested chat buckets are next swept out. */
  private sweepAt = CHATS_KEPT;
  private pausedUntil = 0;

  constructor(private readonly limits: SendLimits) {}

  /** Sends nothing before `until`: the platform said to wait (a 429 counts for the whole bot). */
  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** The clock stepped back by `ms`: a pause the platform asked for keeps the wait it had left. */
  clockSteppedBack(ms: number): void {
    if (this.pausedUntil > 0) this.pausedUntil -= ms;
  }

  /** How many messages the platform-wide bucket lets out now (0 while paused). */
  available(now: number): number {
    if (now < this.pausedUntil) return 0;
    return Math.floor(this.platform(now).level(now));
  }

  /** Takes a token for this chat if both buckets have one; false means "not yet". */
  tryTake(chat: string, now: number): boolean {
    if (now < this.pausedUntil) return false;
    const platform = this.platform(now);
    const own = this.chat(chat, now);
    if (!platform.has(now) || !own.has(now)) return false;
    platform.take();
    own.take();
    return true;
  }

  private platform(now: number): TokenBucket {
    this.global ??= new TokenBucket(this.limits.perSecond, 1_000, now);
    return this.global;
  }

  private chat(chat: string, now: number): TokenBucket {
    let bucket = this.chats.get(chat);
    if (!bucket) {
      if (this.chats.size >= this.sweepAt) {
        for (const [key, held] of this.chats) if (held.isRested(now)) this.chats.delete(key);
        // Chats still refilling stay; the next sweep waits until as many again have come.
        this.sweepAt = Math.max(CHATS_KEPT, 2 * this.chats.size);
      }
      bucket = new TokenBucket(this.limits.perChatPerMinute, 60_000, now);
      this.chats.set(chat, bucket);
    }
    return bucket;
  }
}
