import pg from 'pg';

/** A PostgreSQL that is asked for but cannot be reached fails the run; it never skips. */
export default async function checkPostgres(): Promise<void> {
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
