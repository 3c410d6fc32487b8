/**
 * A fresh, migrated database for one test file: a new SQLite file, or a new
 * schema on TEST_POSTGRES_URL. Created through the project's own migrations and
 * dropped afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseOptions } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import type { Provider } from '../../src/db/provider.js';

export const testProvider: Provider = process.env.TEST_DATABASE === 'postgresql' ? 'postgresql' : 'sqlite';

export interface TestDatabase {
  url: string;
  db: Database;
  drop(): Promise<void>;
}

/** A database URL nobody else uses, and how to remove it. Not yet migrated. */
export async function createEmptyDatabase(provider: Provider = testProvider): Promise<{ url: string; remove(): Promise<void> }> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(`${tmpdir()}/contacts-test-`);
    return { url: `file:${dir}/test.db`, remove: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const base = process.env.TEST_POSTGRES_URL;
  if (!base) throw new Error('TEST_POSTGRES_URL is not set');
  const schema = `test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('schema', schema);
  return {
    url: url.toString(),
    async remove() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

export interface TestDatabaseOptions {
  /** How the app reaches the database (e.g. through a proxy); migrations use the direct URL. */
  reach?: (url: string) => string;
  database?: DatabaseOptions;
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const { url, remove } = await createEmptyDatabase();
  await migrate(url);
  const db = await openDatabase(options.reach?.(url) ?? url, { poolSize: 20, ...options.database });
  return {
    url,
    db,
    async drop() {
      await db.close();
      await remove();
    },
  };
}
