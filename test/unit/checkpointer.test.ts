import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../src/db/checkpointer.js';

const dir = mkdtempSync(join(tmpdir(), 'checkpointer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The size of a WAL database's log after three rounds of 200 small commits, with a pause after each. */
async function logSizes(path: string): Promise<number[]> {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0'); // SQLite's own checkpoint off: only the thread can keep the log short
  db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  const sizes: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 200; i++) insert.run('x'.repeat(200));
    sizes.push(statSync(`${path}-wal`).size);
    await sleep(150);
  }
  db.close();
  return sizes;
}

describe('background checkpoints', () => {
  it("keep the log short: once a thread has copied it into the database, the server's next write starts it afresh", async () => {
    const alone = await logSizes(join(dir, 'alone.db'));
    expect(alone[2]).toBeGreaterThan(2.5 * alone[0]!); // nobody checkpoints: the log only grows

    const path = join(dir, 'checkpointed.db');
    const creator = new Database(path); // the file exists before the thread opens it
    creator.pragma('journal_mode = WAL');
    creator.close();
    const checkpointer = startCheckpointer(path, { intervalMs: 20 });
    try {
      const sizes = await logSizes(path);
      expect(sizes[2]).toBeLessThan(1.5 * sizes[0]!);
    } finally {
      await checkpointer.stop();
    }
  });

  it('stop, and leave the process alone, when the thread cannot open the database', async () => {
    const checkpointer = startCheckpointer(join(dir, 'missing', 'nowhere.db'), { intervalMs: 20 });
    await sleep(100);
    await expect(checkpointer.stop()).resolves.toBeUndefined();
  });
});
