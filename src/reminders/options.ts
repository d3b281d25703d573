import type { RetryPolicy } from "./retry.ts";
import { DEFAULT_TIMEZONE } from "./schedule.ts";

/** How reminders behave: what schedules are allowed, what a restart catches up, how failures are retried. */
export interface ReminderOptions extends RetryPolicy {
  /** Schedules firing more often than this are refused. */
  minIntervalSeconds: number;
  /** A slot missed by less than this is still sent once on start-up; older ones are skipped. */
  graceSeconds: number;
  /** The zone of a chat that has not set one. */
  defaultTimezone: string;
  /**
   * How long the delivery lease lasts unless renewed: another process takes delivery over
   * this long after the holder stopped. A send is given up after as long, and claimed for
   * a little longer (see DeliveryLoop).
   */
  leaseSeconds: number;
}

export const DEFAULT_REMINDER_OPTIONS: ReminderOptions = {
  minIntervalSeconds: 3600,
  graceSeconds: 12 * 3600,
  maxAttempts: 10,
  backoffBaseMs: 5_000,
  backoffMaxMs: 10 * 60_000,
  defaultTimezone: DEFAULT_TIMEZONE,
  leaseSeconds: 30,
};
