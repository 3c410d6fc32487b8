import { setTimeout as sleep } from 'node:timers/promises';
import type { Database, TransactionClient } from './client.js';
import { isLockedByAnotherProcess, isRetryableConflict } from './errors.js';

const maxAttempts = 10;

/**
 * Runs `work` in one interactive transaction, and runs it again from the start
 * when it lost a race to a concurrent transaction (unique violation,
 * serialization failure) — up to 10 attempts — or found the SQLite file locked
 * by another process — for as long as the database's lock wait allows. Each
 * attempt sees the database anew, so the second attempt of an insert that
 * collided finds the row its rival committed.
 */
export async function inTransaction<T>(db: Database, work: (tx: TransactionClient) => Promise<T>): Promise<T> {
  const started = performance.now();
  for (let attempt = 1; ; attempt++) {
    try {
      // The client is typed as the SQLite one, whose only isolation level is Serializable.
      return await db.prisma.$transaction(work, db.transactionOptions as { isolationLevel?: 'Serializable' });
    } catch (error) {
      const raced = isRetryableConflict(error) && attempt < maxAttempts;
      const locked = isLockedByAnotherProcess(error) && performance.now() - started < db.lockWaitMs;
      if (!raced && !locked) throw error;
      // Full jitter keeps retrying rivals from colliding again in lockstep.
      await sleep(Math.random() * Math.min(100, 2 ** attempt));
    }
  }
}
