import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, isLockedByAnotherProcess } from '../../src/db/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'db-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What better-sqlite3 itself throws when `run` fails on a connection while another holds the lock. */
function errorOf(run: (db: Database.Database) => unknown): unknown {
  const file = join(dir, `${Math.random()}.db`);
  const holder = new Database(file);
  holder.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  holder.exec('BEGIN EXCLUSIVE');
  const reader = new Database(file, { timeout: 0 });
  try {
    run(reader);
  } catch (error) {
    return error;
  } finally {
    reader.close();
    holder.close();
  }
  throw new Error('did not fail');
}

describe('errors of reads made on the SQLite connection directly', () => {
  it('a read locked out by another process is retryable, and unavailable once the wait is over', () => {
    const busy = errorOf((db) => db.prepare('SELECT * FROM t').all());
    expect(busy).toMatchObject({ name: 'SqliteError', code: 'SQLITE_BUSY' });
    expect(isLockedByAnotherProcess(busy)).toBe(true);
    expect(isDatabaseUnavailable(busy)).toBe(true);
  });

  it('any other failure is neither: it is a bug to report', () => {
    const wrong = (() => {
      try {
        new Database(':memory:').prepare('SELECT * FROM missing');
      } catch (error) {
        return error;
      }
    })();
    expect(wrong).toMatchObject({ name: 'SqliteError', code: 'SQLITE_ERROR' });
    expect(isLockedByAnotherProcess(wrong)).toBe(false);
    expect(isDatabaseUnavailable(wrong)).toBe(false);
  });
});
