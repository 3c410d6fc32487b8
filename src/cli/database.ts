import { loadConfig } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { migrate } from '../db/migrate.js';

/**
 * Runs `work` on DATABASE_URL, migrated first so that the commands work on a
 * fresh database too, and closes the database afterwards.
 */
export async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const { DATABASE_URL } = loadConfig();
  await migrate(DATABASE_URL);
  const db = await openDatabase(DATABASE_URL);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** One JSON line on stdout: what `--json` promises scripts. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
