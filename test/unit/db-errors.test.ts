import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, isLockedByAnotherProcess, isRetryableConflict } from '../../src/db/errors.js';

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

describe('errors of statements run on the SQLite connection directly', () => {
  it('a read locked out by another process is retryable, and unavailable once the wait is over', () => {
    const busy = errorOf((db) => db.prepare('SELECT * FROM t').all());
    expect(busy).toMatchObject({ name: 'SqliteError', code: 'SQLITE_BUSY' });
    expect(isLockedByAnotherProcess(busy)).toBe(true);
    expect(isDatabaseUnavailable(busy)).toBe(true);
  });

  it('a write that lost a race for a unique key is a retryable conflict', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE u (id TEXT PRIMARY KEY, k TEXT UNIQUE)');
    db.prepare('INSERT INTO u VALUES (?, ?)').run('1', 'a');
    const raced = (sql: string) => {
      try {
        db.prepare(sql).run();
      } catch (error) {
        return error;
      }
    };
    for (const error of [raced("INSERT INTO u VALUES ('2', 'a')"), raced("INSERT INTO u VALUES ('1', 'b')")]) {
      expect(error).toMatchObject({ name: 'SqliteError', code: expect.stringMatching(/^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/) });
      expect(isRetryableConflict(error)).toBe(true);
      expect(isDatabaseUnavailable(error)).toBe(false);
    }
    expect(isRetryableConflict(raced('INSERT INTO u VALUES (NULL)'))).toBe(false);
    expect(isRetryableConflict(null)).toBe(false);
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
