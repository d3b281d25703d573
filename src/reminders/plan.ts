/**
 * Which slot a due subscription records, decided from its times alone (no database, no
 * clock of its own), so the rule is tested on its own: after downtime one catch-up for the
 * latest slot that has come, not one per missed slot, and nothing for a slot older than the
 * grace period but a record that it was skipped.
 */

/** When a subscription's schedule last fired (at or before now) and fires next (after now). */
export interface SlotTimes {
  latest: number | null;
  next: number;
}

/** What to record for a due subscription. */
export interface SlotPlan {
  /** The slot recorded: the latest one that has come. */
  slot: number;
  /** When the subscription is due next. */
  nextSlot: number;
  /** Missed by more than the grace period: recorded as skipped, not sent. */
  skipped: boolean;
  /** Later than the slot it was due at: the bot was down over one or more slots. */
  catchUp: boolean;
}

export function planSlot(
  due: { nextSlot: number },
  times: SlotTimes,
  now: number,
  graceMs: number,
): SlotPlan {
  const slot = times.latest ?? due.nextSlot;
  const skipped = now - slot > graceMs;
  return { slot, nextSlot: times.next, skipped, catchUp: !skipped && slot > due.nextSlot };
}

/** A step back of the clock smaller than this is left alone: a pass or two absorbs it. */
export const CLOCK_STEP_MS = 1_000;

/**
 * How far the clock stepped back since the previous pass (NTP, a VM restore), or 0. The
 * next slots stored while it was ahead are then too late: they are worked out again from
 * each schedule's rule, so no slot between the two times is skipped.
 */
export function clockStepBack(previousPass: number | null, now: number): number {
  if (previousPass === null) return 0;
  const back = previousPass - now;
  return back >= CLOCK_STEP_MS ? back : 0;
}
