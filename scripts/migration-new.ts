/**
 * `npm run db:migration:new -- <name>`: writes the next migration for every
 * provider, from the difference between the committed migrations and the schema.
 *
 * Works offline: each provider's migrations are replayed into a scratch database
 * (a temporary SQLite file; a temporary schema on MIGRATION_POSTGRES_URL, default
 * the local test server) and the wasm schema engine diffs it against the schema.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { migrate, migrationsDir, schemaDrift } from '../src/db/migrate.js';
import type { Provider } from '../src/db/provider.js';
import { providers } from './prisma-schemas.js';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run db:migration:new -- <name_in_snake_case>');
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const postgresUrl = process.env.MIGRATION_POSTGRES_URL ?? 'postgresql://root@127.0.0.1:5432/test';

async function withScratchDatabase<T>(provider: Provider, work: (url: string) => Promise<T>): Promise<T> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(`${tmpdir()}/migration-`);
    try {
      return await work(`file:${dir}/scratch.db`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const schema = `scratch_${process.pid}`;
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
    const url = new URL(postgresUrl);
    url.searchParams.set('schema', schema);
    return await work(url.toString());
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
}

for (const provider of providers) {
  const sql = await withScratchDatabase(provider, async (url) => {
    await migrate(url);
    return schemaDrift(url);
  });
  if (!sql) {
    console.log(`${provider}: schema and migrations agree; nothing to write`);
    continue;
  }
  const dir = migrationsDir(provider);
  mkdirSync(`${dir}/${stamp}_${name}`, { recursive: true });
  writeFileSync(`${dir}/migration_lock.toml`, `# Managed by Prisma; do not edit.\nprovider = "${provider}"\n`);
  writeFileSync(`${dir}/${stamp}_${name}/migration.sql`, `${sql}\n`);
  console.log(`${provider}: wrote ${dir}/${stamp}_${name}/migration.sql`);
}
// The wasm schema engine leaves a timer behind that would hold the process for ~10 s.
process.exit(0);
