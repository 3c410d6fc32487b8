import { setTimeout as sleep } from 'node:timers/promises';
import { isLockedByAnotherProcess, isRetryableConflict } from './errors.js';

/** How long lost races are retried unless the caller says otherwise: well below the 30 s request timeout. */
export const defaultRetryBudgetMs = 10_000;

export interface RetryLimits {
  /** Lost races (unique violation, serialization failure, deadlock) are retried while this much time has not passed. */
  conflictBudgetMs: number;
  /** SQLite: a file locked by another process is retried while this much time has not passed. */
  lockWaitMs: number;
}

/**
 * Runs `attempt` (one whole interactive transaction) again from the start when
 * it lost a race to a concurrent transaction, or found the SQLite file locked by
 * another process, for as long as the limits allow: bounded by time rather than
 * by a count, for under contention a count runs out in a moment, and without a
 * bound the retries would go on after their request has been answered with 504.
 * Each attempt sees the database anew, so the second attempt of an insert that
 * collided finds its rival's row; `attempt` is told which attempt it is.
 */
export async function retried<T>(attempt: (attempts: number) => Promise<T>, limits: RetryLimits): Promise<T> {
  const started = performance.now();
  for (let attempts = 1; ; attempts++) {
    try {
      return await attempt(attempts);
    } catch (error) {
      const elapsed = performance.now() - started;
      const raced = isRetryableConflict(error) && elapsed < limits.conflictBudgetMs;
      const locked = isLockedByAnotherProcess(error) && elapsed < limits.lockWaitMs;
      if (!raced && !locked) throw error;
      // Full jitter keeps retrying rivals from colliding again in lockstep.
      await sleep(Math.random() * Math.min(100, 2 ** attempts));
    }
  }
}
