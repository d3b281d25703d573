/**
 * The reminders' rules as pure functions, without a database or a loop: which slot a due
 * subscription records, and what to do after a send.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_REMINDER_OPTIONS } from "../src/reminders/options.ts";
import { clockStepBack, planSlot } from "../src/reminders/plan.ts";
import { afterSend, backoffMs } from "../src/reminders/retry.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const GRACE = 12 * HOUR;

describe("planSlot", () => {
  const nine = Date.parse("2026-11-30T01:00:00Z");

  it("records the slot that has just come, and moves to the next", () => {
    expect(planSlot({ nextSlot: nine }, { latest: nine, next: nine + DAY }, nine + 1_000, GRACE)).toEqual({
      slot: nine,
      nextSlot: nine + DAY,
      skipped: false,
      catchUp: false,
    });
  });

  it("after downtime over several slots, records one catch-up for the latest", () => {
    const latest = nine + 2 * DAY;
    expect(planSlot({ nextSlot: nine }, { latest, next: nine + 3 * DAY }, latest + 2 * HOUR, GRACE)).toEqual({
      slot: latest,
      nextSlot: nine + 3 * DAY,
      skipped: false,
      catchUp: true,
    });
  });

  it("skips a slot missed by more than the grace period", () => {
    const plan = planSlot({ nextSlot: nine }, { latest: nine, next: nine + DAY }, nine + 13 * HOUR, GRACE);
    expect(plan).toMatchObject({ slot: nine, skipped: true, catchUp: false });
  });

  it("keeps the slot it was due at when the schedule has no run before now", () => {
    const plan = planSlot({ nextSlot: nine }, { latest: null, next: nine + DAY }, nine, GRACE);
    expect(plan.slot).toBe(nine);
  });
});

describe("clockStepBack", () => {
  it("measures a step back of a second or more since the previous pass, and nothing else", () => {
    expect(clockStepBack(null, 5 * HOUR)).toBe(0);
    expect(clockStepBack(5 * HOUR, 5 * HOUR + 1_000)).toBe(0);
    expect(clockStepBack(5 * HOUR, 5 * HOUR - 999)).toBe(0);
    expect(clockStepBack(5 * HOUR, 4 * HOUR)).toBe(HOUR);
  });
});

describe("afterSend", () => {
  const policy = { maxAttempts: 10, backoffBaseMs: 5_000, backoffMaxMs: 600_000 };
  const now = 1_000_000;

  it("doubles the wait after each failed attempt, from 5 s up to 10 minutes", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => backoffMs(n, policy))).toEqual([
      5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 600_000, 600_000,
    ]);
    expect(afterSend({ kind: "transient", error: "ECONNRESET" }, 3, now, policy)).toEqual({
      kind: "retry",
      at: now + 20_000,
      error: "ECONNRESET",
    });
  });

  it("gives up on the attempt that reaches maxAttempts, not before", () => {
    const outcome = { kind: "transient", error: "502" } as const;
    expect(afterSend(outcome, 9, now, policy).kind).toBe("retry");
    expect(afterSend(outcome, 10, now, policy)).toEqual({ kind: "fail", error: "502", attempts: 10 });
  });

  it("pauses the platform for a 429's retry_after", () => {
    expect(afterSend({ kind: "rate_limited", retryAfterSeconds: 30 }, 1, now, policy)).toEqual({
      kind: "pause",
      until: now + 30_000,
      retryAfterSeconds: 30,
    });
  });

  it("stops the subscription of a chat that is gone, and follows one that moved", () => {
    expect(afterSend({ kind: "gone", error: "403" }, 1, now, policy)).toEqual({
      kind: "deactivate",
      error: "403",
    });
    expect(afterSend({ kind: "migrated", newChatId: "-100" }, 1, now, policy)).toEqual({
      kind: "move",
      newChatId: "-100",
    });
    expect(afterSend({ kind: "sent" }, 1, now, policy)).toEqual({ kind: "sent" });
  });

  it("has the defaults the README states: 5 s doubling to 10 min, 10 attempts", () => {
    expect(DEFAULT_REMINDER_OPTIONS).toMatchObject({
      backoffBaseMs: 5_000,
      backoffMaxMs: 600_000,
      maxAttempts: 10,
    });
  });
});
