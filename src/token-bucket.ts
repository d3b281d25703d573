/**
 * A token bucket: at most `capacity` tokens, refilled evenly so that an empty bucket is full
 * again after `refillMs`. Time is the caller's (milliseconds), so a fake clock drives it in
 * tests. The flood guard (src/command/rate-limit.ts) and the send limiter
 * (src/reminders/limiter.ts) keep their own policies on top of it: which buckets a request
 * draws from, and which buckets may be forgotten.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    readonly capacity: number,
    readonly refillMs: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.updatedAt = now;
  }

  /**
   * The tokens held at `now`, fractions included. A clock that stepped back (NTP, a VM
   * restore) refills from the new time on: measured from the old one, an empty bucket
   * would stay empty for the size of the step.
   */
  level(now: number): number {
    if (now > this.updatedAt) {
      const refilled = ((now - this.updatedAt) * this.capacity) / this.refillMs;
      this.tokens = Math.min(this.capacity, this.tokens + refilled);
    }
    this.updatedAt = now;
    return this.tokens;
  }

  /** Whether a whole token is there at `now`. */
  has(now: number): boolean {
    return this.level(now) >= 1;
  }

  /**
   * Takes a token that `has` just found, for a request that draws from several buckets and
   * may go only when each of them has one.
   */
  take(): void {
    this.tokens -= 1;
  }

  /** How long from `now` until a whole token is there. */
  waitMs(now: number): number {
    return Math.max(0, Math.ceil(((1 - this.level(now)) * this.refillMs) / this.capacity));
  }

  /**
   * True when nobody has drawn on it for a whole refill period: it is full, so forgetting
   * it and starting a new one later changes nothing.
   */
  isRested(now: number): boolean {
    return now - this.updatedAt >= this.refillMs;
  }
}
