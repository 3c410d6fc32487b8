import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startCheckpointer, type Checkpointer } from '../../src/db/checkpointer.js';

const dir = mkdtempSync(join(tmpdir(), 'checkpointer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The size of a WAL database's log after each of three rounds of 200 small
 * commits; with a checkpointer, each round is followed by one of its checkpoints
 * (awaited, not waited for: its timer is set too long to fire here).
 */
async function logSizes(path: string, checkpointer?: Checkpointer): Promise<number[]> {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0'); // SQLite's own checkpoint off: only the thread can keep the log short
  db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  const sizes: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 200; i++) insert.run('x'.repeat(200));
    sizes.push(statSync(`${path}-wal`).size);
    if (checkpointer) {
      const copied = await checkpointer.round();
      expect(copied).not.toBeNull();
      expect(copied!.log).toBeGreaterThanOrEqual(200);
      expect(copied!.checkpointed).toBe(copied!.log);
    }
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
    const checkpointer = startCheckpointer(path, { intervalMs: 3_600_000 });
    try {
      const sizes = await logSizes(path, checkpointer);
      expect(sizes[2]).toBeLessThan(1.5 * sizes[0]!);
    } finally {
      await checkpointer.stop();
    }
  });

  it('stop, and leave the process alone, when the thread cannot open the database', async () => {
    const checkpointer = startCheckpointer(join(dir, 'missing', 'nowhere.db'), { intervalMs: 20 });
    // Answered only once the thread has failed: stop() below comes after its failure, not before.
    await expect(checkpointer.round()).rejects.toThrow();
    await expect(checkpointer.stop()).resolves.toBeUndefined();
  });
});
