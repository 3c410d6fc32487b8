/**
 * SQLite's WAL checkpoints on a thread of its own, with its own connection, so
 * that a commit on the request path rarely has to copy the log back itself
 * (PASSIVE: it never blocks the server). SQLite's own checkpoint stays on as the
 * fallback. What it buys: docs/performance.md.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The thread's code, CommonJS: a file of its own would need a build entry, and a loader under test. */
const threadSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: workerData.busyTimeoutMs });
function round() {
  try {
    const [{ log, checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)');
    return { log, checkpointed };
  } catch {
    // Busy or failing now: the next round tries again, and SQLite's own checkpoint still runs.
    return null;
  }
}
const timer = setInterval(round, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'round') return parentPort.postMessage(round());
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** What one round found: the frames in the log, and how many of them are now in the database. */
export interface CheckpointRound {
  log: number;
  checkpointed: number;
}

export interface Checkpointer {
  /**
   * Runs a round now, on the thread, as its timer does: null when the database was busy.
   * Rejects once the thread has failed. Lets a test wait for a checkpoint instead of for time.
   */
  round(): Promise<CheckpointRound | null>;
  /** Stops checkpointing; resolves once the thread has closed its connection. */
  stop(): Promise<void>;
}

export function startCheckpointer(path: string, { intervalMs = 100, busyTimeoutMs = 5000 } = {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(threadSource, { eval: true, workerData: { path, intervalMs, busyTimeoutMs, driver } });
  const asked: { resolve(round: CheckpointRound | null): void; reject(error: Error): void }[] = [];
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    for (const { reject } of asked.splice(0)) reject(failure);
  };
  worker.on('message', (round: CheckpointRound | null) => asked.shift()?.resolve(round));
  // A thread that could not start (its connection refused) leaves the checkpoints to SQLite, as before.
  worker.on('error', fail);
  worker.unref();
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      fail(new Error('the checkpoint thread has stopped'));
      resolve();
    }),
  );
  return {
    round() {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        asked.push({ resolve, reject });
        worker.postMessage('round');
      });
    },
    async stop() {
      // Held by the thread until it has exited: unreferenced, it would let a process whose
      // other work is done exit while stop() still waits (before its shutdown finished).
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
