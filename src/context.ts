import type { Logger } from 'pino';
import type { Database } from './db/client.js';

/** What every resolver gets: the database and the workspace the request acts in. */
export interface Context {
  db: Database;
  workspaceId: string;
  logger: Logger;
}
