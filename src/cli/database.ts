import { loadConfig } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { databaseFailure } from '../failures.js';

/**
 * Runs `work` on DATABASE_URL, migrated first so that the commands work on a
 * fresh database too, and closes the database afterwards.
 */
export async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const { DATABASE_URL } = loadConfig();
  let db: Database;
  try {
    await migrate(DATABASE_URL);
    db = await openDatabase(DATABASE_URL);
    await db.ping();
  } catch (error) {
    // The database itself is the problem: say which one, as the server does.
    throw databaseFailure(error, DATABASE_URL);
  }
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

/** One JSON line per item (JSON Lines): each can be read as soon as it arrives, and `grep` and `jq` take them as they are. */
export function printJsonLines(values: unknown[]): void {
  process.stdout.write(values.map((value) => `${JSON.stringify(value)}\n`).join(''));
}
