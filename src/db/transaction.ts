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
export function inTransaction<T>(db: Database, work: (tx: TransactionClient) => Promise<T>): Promise<T> {
  // The client is typed as the SQLite one, whose only isolation level is Serializable.
  return retried(db, () => db.prisma.$transaction(work, db.transactionOptions as { isolationLevel?: 'Serializable' }));
}

/**
 * `inTransaction`, for work whose every statement goes through db/rows.ts. On
 * SQLite those run directly on the adapter's connection (Database.direct), and
 * so does the transaction: begun, committed and rolled back there, without
 * Prisma's interactive-transaction machinery. `tx` is then the client itself,
 * which rows.ts does not use when it runs statements directly; were it used,
 * its queries would go to the same and only connection, inside the transaction.
 */
export function inRowsTransaction<T>(db: Database, work: (tx: TransactionClient) => Promise<T>): Promise<T> {
  const { direct } = db;
  if (!direct) return inTransaction(db, work);
  return retried(db, () => direct.transaction(() => work(db.prisma)));
}

async function retried<T>(db: Database, attempt: () => Promise<T>): Promise<T> {
  const started = performance.now();
  for (let attempts = 1; ; attempts++) {
    try {
      return await attempt();
    } catch (error) {
      const raced = isRetryableConflict(error) && attempts < maxAttempts;
      const locked = isLockedByAnotherProcess(error) && performance.now() - started < db.lockWaitMs;
      if (!raced && !locked) throw error;
      // Full jitter keeps retrying rivals from colliding again in lockstep.
      await sleep(Math.random() * Math.min(100, 2 ** attempts));
    }
  }
}
