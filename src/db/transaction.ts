import { setTimeout as sleep } from 'node:timers/promises';
import { isLockedByAnotherProcess, isRetryableConflict } from './errors.js';

const maxAttempts = 10;

/**
 * Runs `attempt` (one whole interactive transaction) again from the start when
 * it lost a race to a concurrent transaction (unique violation, serialization
 * failure) — up to 10 attempts — or found the SQLite file locked by another
 * process — for as long as `lockWaitMs` allows. Each attempt sees the database
 * anew, so the second attempt of an insert that collided finds its rival's row.
 */
export async function retried<T>(attempt: () => Promise<T>, lockWaitMs: number): Promise<T> {
  const started = performance.now();
  for (let attempts = 1; ; attempts++) {
    try {
      return await attempt();
    } catch (error) {
      const raced = isRetryableConflict(error) && attempts < maxAttempts;
      const locked = isLockedByAnotherProcess(error) && performance.now() - started < lockWaitMs;
      if (!raced && !locked) throw error;
      // Full jitter keeps retrying rivals from colliding again in lockstep.
      await sleep(Math.random() * Math.min(100, 2 ** attempts));
    }
  }
}
