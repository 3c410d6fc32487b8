/**
 * A fresh, migrated database for one test file: a new SQLite file, or a new
 * schema on TEST_POSTGRES_URL. Created through the project's own migrations and
 * dropped afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { inject } from 'vitest';
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
  if (pgbouncerUrl()) return createPostgresDatabase(base);
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

/** Set in the `pgbouncer` project (test/support/pgbouncer-setup.ts): the app then reaches PostgreSQL through it. */
function pgbouncerUrl(): string | undefined {
  return testProvider === 'postgresql' ? inject('pgbouncerUrl') : undefined;
}

/**
 * A database of its own rather than a schema: PgBouncer cannot pass a schema on
 * (`?schema=` travels as a startup parameter it refuses), and its `*` entry
 * reaches any database by name. Created and dropped on the direct connection.
 */
async function createPostgresDatabase(base: string): Promise<{ url: string; remove(): Promise<void> }> {
  const name = `test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  // FORCE: PgBouncer still holds idle server connections to it.
  return { url: url.toString(), remove: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** The URL the app uses: through PgBouncer in the `pgbouncer` project, else as given. */
function reachedUrl(url: string): string {
  const bouncer = pgbouncerUrl();
  if (!bouncer) return url;
  const reached = new URL(url);
  reached.host = new URL(bouncer).host;
  return reached.toString();
}

export interface TestDatabaseOptions {
  /** How the app reaches the database (e.g. through a proxy); migrations use the direct URL. */
  reach?: (url: string) => string;
  database?: DatabaseOptions;
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const { url, remove } = await createEmptyDatabase();
  await migrate(url);
  const db = await openDatabase(options.reach?.(url) ?? reachedUrl(url), { poolSize: 20, ...options.database });
  return {
    url,
    db,
    async drop() {
      await db.close();
      await remove();
    },
  };
}
