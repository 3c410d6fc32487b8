/**
 * When a failed delivery is tried again: the delays of WEBHOOK_RETRY_SCHEDULE
 * (read by src/retry-schedule.ts with the rest of the configuration) after the
 * first, second, … failed attempt; once they are used up the delivery is given
 * up. Each delay is jittered so that the deliveries of an endpoint that came
 * back do not all arrive in the same instant.
 */

/** A delay varies by this fraction either way: 2 h is 1 h 36 min to 2 h 24 min. */
export const retryJitter = 0.2;

/**
 * How long to wait after the `attemptsMade`-th failed attempt (1 for the first)
 * before the next: that delay of the schedule, jittered uniformly within ±20%.
 * Null when the schedule is used up: the delivery has failed for good.
 */
export function nextAttemptDelay(schedule: readonly number[], attemptsMade: number, random: () => number = Math.random): number | null {
  if (!Number.isInteger(attemptsMade) || attemptsMade < 1) throw new RangeError(`attemptsMade must be a whole number of at least 1, not ${attemptsMade}`);
  const delay = schedule[attemptsMade - 1];
  if (delay === undefined) return null;
  return Math.round(delay * (1 - retryJitter + 2 * retryJitter * random()));
}
