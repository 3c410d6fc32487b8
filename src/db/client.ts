/** Opens the database DATABASE_URL names, loading only its provider's client. */
import type { Database, DatabaseOptions } from './database.js';
import { providerOf } from './provider.js';

export type { Database, DatabaseOptions, PoolState } from './database.js';

export async function openDatabase(url: string, options: DatabaseOptions = {}): Promise<Database> {
  if (providerOf(url) === 'sqlite') return (await import('./sqlite/database.js')).openSqlite(url, options);
  return (await import('./postgresql/database.js')).openPostgres(url, options);
}
