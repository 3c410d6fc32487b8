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
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or failing now: the next round tries again, and SQLite's own checkpoint still runs.
  }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Stops checkpointing; resolves once the thread has closed its connection. */
  stop(): Promise<void>;
}

export function startCheckpointer(path: string, { intervalMs = 100, busyTimeoutMs = 5000 } = {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(threadSource, { eval: true, workerData: { path, intervalMs, busyTimeoutMs, driver } });
  // A thread that could not start (its connection refused) leaves the checkpoints to SQLite, as before.
  worker.on('error', () => {});
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      // Held by the thread until it has exited: unreferenced, it would let a process whose
      // other work is done exit while stop() still waits (before its shutdown finished).
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
