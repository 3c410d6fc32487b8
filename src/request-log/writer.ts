/**
 * The request log: what each workspace's authenticated requests were, for its
 * "recent requests" view, and when each API key was last used. Entries are
 * queued in memory and written in batches after the responses went out, so that
 * recording never slows a request down.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Logger } from 'pino';
import { newId } from '../ids.js';
import type { WorkspaceStore } from '../workspaces/store.js';
import { roundDurationMs } from './duration.js';
import type { RequestLogRow, RequestLogStore } from './store.js';

/** A request to record: what the log stores, and the key that vouched for it (which updates the key's lastUsedAt). */
export interface RequestLogEntry extends Omit<RequestLogRow, 'id'> {
  apiKeyId: string;
}

export interface RequestLogOptions {
  /** Longest time an entry waits in memory. */
  flushIntervalMs?: number;
  /** A queue this long is written at once. */
  batchSize?: number;
  /** Entries per insert statement; the event loop is free between two. */
  rowsPerStatement?: number;
  /** Entries kept per workspace; older ones are deleted as new ones are written. */
  keptPerWorkspace?: number;
  /** Entries held while the database does not take them; beyond this the oldest are dropped. */
  maxQueued?: number;
  /** How often at most a key's lastUsedAt is written: to the minute is all a user needs to spot a stale or leaked key. */
  lastUsedIntervalMs?: number;
}

export class RequestLogWriter {
  private queue: RequestLogEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Batches are written one after another, so that pruning sees every earlier batch. */
  private writing: Promise<void> = Promise.resolve();
  private readonly flushIntervalMs: number;
  private readonly batchSize: number;
  private readonly rowsPerStatement: number;
  private readonly keptPerWorkspace: number;
  private readonly maxQueued: number;
  private readonly lastUsedIntervalMs: number;
  /** The lastUsedAt this process last wrote for each key. */
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    private readonly stores: { requestLog: RequestLogStore; workspaces: Pick<WorkspaceStore, 'markApiKeyUsed'> },
    private readonly logger: Logger,
    {
      flushIntervalMs = 1000,
      batchSize = 200,
      rowsPerStatement = 50,
      keptPerWorkspace = 1000,
      maxQueued = 10_000,
      lastUsedIntervalMs = 60_000,
    }: RequestLogOptions = {},
  ) {
    this.flushIntervalMs = flushIntervalMs;
    this.batchSize = batchSize;
    this.rowsPerStatement = rowsPerStatement;
    this.keptPerWorkspace = keptPerWorkspace;
    this.maxQueued = maxQueued;
    this.lastUsedIntervalMs = lastUsedIntervalMs;
  }

  record(entry: RequestLogEntry): void {
    this.queue.push({ ...entry, durationMs: roundDurationMs(entry.durationMs) });
    if (this.queue.length > this.maxQueued) this.queue.shift();
    if (this.queue.length >= this.batchSize) void this.flush();
    // unref: a pending flush does not keep a process alive; shutdown flushes explicitly.
    else this.timer ??= setTimeout(() => void this.flush(), this.flushIntervalMs).unref();
  }

  /** Writes everything queued so far; resolves when it is in the database (or given up on). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    if (batch.length) this.writing = this.writing.then(() => this.write(batch));
    return this.writing;
  }

  /**
   * Each statement waits for the next turn of the event loop, so that requests
   * are served between them: on SQLite a statement holds the event loop while it runs.
   */
  private async write(batch: RequestLogEntry[]): Promise<void> {
    try {
      const rows = batch.map(({ apiKeyId: _, ...entry }) => ({ id: newId(), ...entry }));
      for (let start = 0; start < rows.length; start += this.rowsPerStatement) {
        await nextTurn();
        await this.stores.requestLog.insert(rows.slice(start, start + this.rowsPerStatement));
      }
      for (const workspaceId of new Set(batch.map((entry) => entry.workspaceId))) {
        await nextTurn();
        await this.stores.requestLog.prune(workspaceId, this.keptPerWorkspace);
      }
      await this.markKeysUsed(batch);
    } catch (error) {
      // The log is a convenience: losing a batch beats holding requests or memory hostage to an outage.
      this.logger.warn({ err: error, entries: batch.length }, 'could not write the request log');
    }
  }

  private async markKeysUsed(batch: RequestLogEntry[]): Promise<void> {
    const lastUse = new Map(batch.map((entry) => [entry.apiKeyId, entry.time]));
    for (const [id, time] of lastUse) {
      if (time.getTime() - (this.lastUsedWritten.get(id) ?? 0) < this.lastUsedIntervalMs) continue;
      this.lastUsedWritten.set(id, time.getTime());
      await this.stores.workspaces.markApiKeyUsed(id, time);
    }
  }
}
