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
