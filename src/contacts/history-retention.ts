/**
 * HISTORY_RETENTION_DAYS: changes older than the retention are deleted in the
 * background, a bounded chunk at a time so that no statement holds the table
 * long, soon after the start and then every hour. Deleting is idempotent, so
 * several replicas may prune side by side.
 */
import type { ContactStore } from './store.js';

export interface RetentionOptions {
  retentionDays: number;
  /** Told of a round that failed (the next round tries again). */
  onError(error: unknown): void;
  /** Told how many changes a round deleted, when it deleted any. */
  onPruned?(count: number): void;
  intervalMs?: number;
  chunk?: number;
}

const dayMs = 24 * 60 * 60 * 1000;

/** Deletes every change older than `retentionDays` before `now`, chunk by chunk; answers how many went. */
export async function pruneHistory(store: ContactStore, retentionDays: number, now = new Date(), chunk = 10_000): Promise<number> {
  const before = new Date(now.getTime() - retentionDays * dayMs);
  let total = 0;
  for (;;) {
    const deleted = await store.pruneChanges(before, chunk);
    total += deleted;
    if (deleted < chunk) return total;
  }
}

/** Prunes now and then every `intervalMs` until stopped; `stop()` resolves once a running round has ended. */
export function startHistoryRetention(store: ContactStore, options: RetentionOptions): { stop(): Promise<void> } {
  const { retentionDays, onError, onPruned, intervalMs = 60 * 60 * 1000, chunk } = options;
  let running: Promise<void> = Promise.resolve();
  const round = () => {
    running = pruneHistory(store, retentionDays, new Date(), chunk).then((count) => (count ? onPruned?.(count) : undefined), onError);
  };
  // Not at the very start: the first requests come before housekeeping.
  const first = setTimeout(round, Math.min(intervalMs, 60_000));
  const timer = setInterval(round, intervalMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
