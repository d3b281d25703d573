/**
 * The one token bucket, and the send limiter built on it: a platform-wide rate, a per-chat
 * rate, a pause, and never a fresh allowance for a chat that is still refilling.
 */
import { describe, expect, it } from "vitest";
import { SendLimiter } from "../src/reminders/limiter.ts";
import { TokenBucket } from "../src/token-bucket.ts";

describe("TokenBucket", () => {
  it("starts full, gives its capacity at once, then refills evenly", () => {
    const bucket = new TokenBucket(3, 60_000, 0);
    for (let i = 0; i < 3; i++) {
      expect(bucket.has(0)).toBe(true);
      bucket.take();
    }
    expect(bucket.has(0)).toBe(false);
    expect(bucket.waitMs(0)).toBe(20_000);
    expect(bucket.has(19_999)).toBe(false);
    expect(bucket.has(20_000)).toBe(true);
    expect(bucket.level(600_000)).toBe(3);
  });

  it("refills from the new time when the clock steps back, instead of staying empty for the size of the step", () => {
    const hour = 3_600_000;
    const bucket = new TokenBucket(1, 1_000, 10 * hour);
    bucket.take();
    expect(bucket.has(9 * hour)).toBe(false);
    expect(bucket.has(9 * hour + 999)).toBe(false);
    expect(bucket.has(9 * hour + 1_000)).toBe(true);
  });

  it("is rested after a whole refill period untouched, not before", () => {
    const bucket = new TokenBucket(2, 1_000, 0);
    bucket.take();
    expect(bucket.isRested(999)).toBe(false);
    expect(bucket.isRested(1_000)).toBe(true);
  });
});

describe("SendLimiter", () => {
  it("lets each chat have its per-minute share, whatever the platform allows", () => {
    const limiter = new SendLimiter({ perSecond: 100, perChatPerMinute: 2 });
    expect([1, 2, 3].map(() => limiter.tryTake("a", 0))).toEqual([true, true, false]);
    expect(limiter.tryTake("b", 0)).toBe(true);
    expect(limiter.tryTake("a", 29_999)).toBe(false);
    expect(limiter.tryTake("a", 30_000)).toBe(true);
  });

  it("keeps to the platform's rate across chats", () => {
    const limiter = new SendLimiter({ perSecond: 3, perChatPerMinute: 20 });
    expect(limiter.available(0)).toBe(3);
    expect(["a", "b", "c", "d"].map((chat) => limiter.tryTake(chat, 0))).toEqual([true, true, true, false]);
    expect(limiter.available(0)).toBe(0);
    expect(limiter.available(1_000)).toBe(3);
  });

  it("sends nothing while paused", () => {
    const limiter = new SendLimiter({ perSecond: 30, perChatPerMinute: 20 });
    limiter.pause(5_000);
    expect(limiter.available(4_999)).toBe(0);
    expect(limiter.tryTake("a", 4_999)).toBe(false);
    expect(limiter.tryTake("a", 5_000)).toBe(true);
  });

  it("never forgets a chat that is still refilling, however many chats it has seen", () => {
    const limiter = new SendLimiter({ perSecond: 1_000_000, perChatPerMinute: 1 });
    expect(limiter.tryTake("first", 0)).toBe(true);
    for (let i = 0; i < 20_000; i++) limiter.tryTake(`chat ${i}`, 1);
    expect(limiter.tryTake("first", 2)).toBe(false);
  });
});
