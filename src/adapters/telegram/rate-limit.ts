/** Per-user rate limiting: a token bucket per key, with one polite warning per window. */

/** How many requests a user may make per window, and the clock to measure it with. */
export interface RateLimitOptions {
  /** Requests allowed in one burst (the bucket's size). */
  capacity: number;
  /** The time in which a drained bucket fills up again. */
  windowMs: number;
  /** Buckets kept before idle ones are forgotten. */
  maxKeys: number;
  now: () => number;
}

/** 20 messages per minute per user. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = {
  capacity: 20,
  windowMs: 60_000,
  maxKeys: 10_000,
  now: () => Date.now(),
};

/** What to do with a request: serve it, refuse it with a warning, or refuse it silently. */
export type RateVerdict = "allow" | "warn" | "drop";

interface Bucket {
  tokens: number;
  updatedAt: number;
  warnedAt: number | null;
}

/**
 * A token bucket per key (a user id): `capacity` requests at once, refilled evenly over
 * `windowMs`. The first refusal is "warn" (answer politely); further refusals in the same
 * window are "drop" (stay silent).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly options: RateLimitOptions;

  constructor(options: Partial<RateLimitOptions> = {}) {
    this.options = { ...DEFAULT_RATE_LIMIT, ...options };
  }

  /** Takes a token for `key` if there is one, and says what to do with the request. */
  take(key: string): RateVerdict {
    const at = this.options.now();
    const bucket = this.refilled(key, at);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return "allow";
    }
    // A refused request costs no token: the user is served again as soon as one is back.
    if (bucket.warnedAt === null || at - bucket.warnedAt >= this.options.windowMs) {
      bucket.warnedAt = at;
      return "warn";
    }
    return "drop";
  }

  private refilled(key: string, at: number): Bucket {
    const { capacity, windowMs } = this.options;
    const bucket = this.buckets.get(key);
    if (!bucket) {
      this.forgetIdle(at);
      const fresh: Bucket = { tokens: capacity, updatedAt: at, warnedAt: null };
      this.buckets.set(key, fresh);
      return fresh;
    }
    const elapsed = Math.max(0, at - bucket.updatedAt);
    bucket.tokens = Math.min(capacity, bucket.tokens + (elapsed * capacity) / windowMs);
    bucket.updatedAt = at;
    return bucket;
  }

  /** Drops buckets that have filled up again (their users are back to a clean slate). */
  private forgetIdle(at: number): void {
    if (this.buckets.size < this.options.maxKeys) return;
    for (const [key, bucket] of this.buckets) {
      if (at - bucket.updatedAt >= this.options.windowMs) this.buckets.delete(key);
    }
    // Still full of active users: forget the oldest rather than grow without bound.
    const oldest = this.buckets.keys().next();
    if (this.buckets.size >= this.options.maxKeys && !oldest.done) this.buckets.delete(oldest.value);
  }
}
