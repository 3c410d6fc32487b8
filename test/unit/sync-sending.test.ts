/** The sync's bookkeeping: which batches may not fly together, and which rows a checkpoint holds as answered. */
import { describe, expect, it } from 'vitest';
import { Acknowledgements } from '../../src/sync/checkpoint.js';
import { BatchKeys } from '../../src/sync/ordering.js';
import type { UpsertContactInput } from '../../src/sync/graphql/graphql.js';

const batch = (...inputs: UpsertContactInput[]) => {
  const keys = new BatchKeys();
  inputs.forEach((input) => keys.add(input));
  return keys;
};

describe('BatchKeys', () => {
  it('holds a row by its trackingId and by its email, as the server reads them', () => {
    const held = batch({ trackingId: ' crm-1 ', email: 'Ada@X.com' });
    expect(held.conflictsWith(batch({ trackingId: 'crm-1', email: 'other@x.com' }))).toBe(true);
    expect(held.conflictsWith(batch({ trackingId: 'crm-2', email: ' ADA@x.COM' }))).toBe(true);
    expect(held.conflictsWith(batch({ trackingId: 'crm-2', email: 'grace@x.com' }))).toBe(false);
  });

  it('keeps rows matched by email alone apart from rows matched by trackingId, whose contact may have that email', () => {
    const byEmail = batch({ trackingId: '  ', email: 'ada@x.com' });
    expect(byEmail.conflictsWith(batch({ trackingId: 'crm-1' }))).toBe(true);
    expect(batch({ trackingId: 'crm-1' }).conflictsWith(byEmail)).toBe(true);
    expect(byEmail.conflictsWith(batch({ email: 'grace@x.com' }))).toBe(false);
    expect(byEmail.conflictsWith(batch({ email: 'ADA@x.com' }))).toBe(true);
  });
});

describe('Acknowledgements', () => {
  it('keeps a low-water mark and the ranges answered beyond it, whatever order batches are answered in', () => {
    const acks = new Acknowledgements();
    acks.settle(11, 20);
    acks.settle(31, 40);
    expect(acks.state()).toEqual({ rowsDone: 0, done: [[11, 20], [31, 40]] });
    acks.settle(1, 10);
    expect(acks.state()).toEqual({ rowsDone: 20, done: [[31, 40]] });
    acks.settle(21, 30);
    expect(acks.state()).toEqual({ rowsDone: 40, done: [] });
  });

  it('skips on resume exactly the rows answered before, and lets new ranges span them', () => {
    const acks = new Acknowledgements({ rowsDone: 20, done: [[31, 40]] });
    expect([20, 21, 30, 31, 40, 41].map((row) => acks.answeredBefore(row))).toEqual([true, false, false, true, true, false]);
    // A batch of the resumed run holds rows 21–30 and 41–50, around the range answered before.
    acks.settle(21, 50);
    expect(acks.state()).toEqual({ rowsDone: 50, done: [] });
    expect(acks.answeredBefore(45)).toBe(false);
  });
});

describe('a retry after Retry-After', () => {
  it('waits what the server asks, up to a bound', async () => {
    const { createServer } = await import('node:http');
    const { sendBatch, maxRetryAfterMs } = await import('../../src/sync/send.js');
    const asked = ['3', '86400'];
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(429, { 'retry-after': asked.shift() ?? '1' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
    const waits: number[] = [];
    const stop = new Error('stop before waiting');
    const attempt = () =>
      sendBatch([{ email: 'a@x.test' }], {
        url,
        apiKey: 'k',
        dryRun: false,
        maxAttempts: 5,
        retryDelayMs: 1,
        requestTimeoutMs: 10_000,
        onRetry: (_reason, _attempt, waitMs) => {
          waits.push(waitMs);
          throw stop;
        },
      });
    await expect(attempt()).rejects.toBe(stop);
    await expect(attempt()).rejects.toBe(stop);
    server.close();
    expect(waits).toEqual([3000, maxRetryAfterMs]);
  });
});

describe('a checkpoint left beside the file', () => {
  it('is read only when it has a checkpoint’s shape, else refused in one sentence', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { loadCheckpoint } = await import('../../src/sync/checkpoint.js');
    const dir = mkdtempSync(join(tmpdir(), 'contacts-checkpoint-'));
    const path = join(dir, 'contacts.csv.sync-checkpoint');
    const file = { size: 10, mtimeMs: 1, head: 'h' };
    const url = 'http://localhost:4000/graphql';
    const good = { version: 1, file, url, rowsDone: 3, done: [[5, 6]], counts: { created: 1, updated: 1, unchanged: 1, failed: 2 }, rejectedBytes: 40 };
    expect(loadCheckpoint(path, file, url)).toBeUndefined();
    writeFileSync(path, JSON.stringify(good));
    expect(loadCheckpoint(path, file, url)).toEqual(good);
    for (const broken of [{ version: 1 }, { ...good, done: [[6, 5]] }, { ...good, counts: { created: 1 } }, { ...good, file: null }, [], 'x']) {
      writeFileSync(path, JSON.stringify(broken));
      expect(() => loadCheckpoint(path, file, url)).toThrow(`the checkpoint ${path} cannot be read; remove it to sync from the first row`);
    }
    writeFileSync(path, JSON.stringify({ ...good, version: 2 }));
    expect(() => loadCheckpoint(path, file, url)).toThrow(/is of another version/);
  });
});
