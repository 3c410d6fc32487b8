import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { projectRoot } from './processes.js';

export default async function setup(): Promise<void> {
  // The suites that start the server run what `npm start` runs: the build.
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: projectRoot, stdio: 'inherit' });
  await checkPostgres();
}

/** A PostgreSQL that is asked for but cannot be reached fails the run; it never skips. */
async function checkPostgres(): Promise<void> {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`TEST_POSTGRES_URL is set but PostgreSQL cannot be reached: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}
