/**
 * Token buckets for outgoing messages: one for the platform as a whole and one per chat,
 * both driven by the caller's clock so a fake clock drives them in tests.
 */
export class SendLimiter {
  private global: { tokens: number; at: number } | null = null;
  private readonly chats = new Map<string, { tokens: number; at: number }>();
  private pausedUntil = 0;

  constructor(
    private readonly perSecond: number,
    private readonly perChatPerMinute: number,
  ) {}

  private refill(bucket: { tokens: number; at: number }, now: number, capacity: number, perMs: number) {
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
  }

  /** Sends nothing before `until`: the platform said to wait (a 429 counts for the whole bot). */
  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** How many messages the platform-wide bucket lets out now (0 while paused). */
  available(now: number): number {
    if (now < this.pausedUntil) return 0;
    if (!this.global) return this.perSecond;
    this.refill(this.global, now, this.perSecond, this.perSecond / 1000);
    return Math.floor(this.global.tokens);
  }

  /** Takes a token for this chat if both buckets have one; false means "not yet". */
  tryTake(chat: string, now: number): boolean {
    if (now < this.pausedUntil) return false;
    this.global ??= { tokens: this.perSecond, at: now };
    this.refill(this.global, now, this.perSecond, this.perSecond / 1000);
    let bucket = this.chats.get(chat);
    if (!bucket) {
      bucket = { tokens: this.perChatPerMinute, at: now };
      this.chats.set(chat, bucket);
    }
    this.refill(bucket, now, this.perChatPerMinute, this.perChatPerMinute / 60_000);
    if (this.global.tokens < 1 || bucket.tokens < 1) return false;
    this.global.tokens -= 1;
    bucket.tokens -= 1;
    // A bucket idle for a minute is full again: forgetting it changes nothing and keeps the map small.
    if (this.chats.size > 10_000)
      for (const [k, b] of this.chats) if (now - b.at >= 60_000) this.chats.delete(k);
    return true;
  }
}
