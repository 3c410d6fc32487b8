import type { Logger } from 'pino';
import type { Actor } from '../contacts/history.js';
import type { UpsertObserver } from '../contacts/upsert.js';
import type { EndpointRules } from '../webhooks/endpoints.js';
import type { Database } from '../db/client.js';
import type { ConnectedModelClient } from '../db/models.js';

/** What every resolver gets: the database and the workspace the request acts in. */
export interface Context {
  db: Database;
  workspaceId: string;
  /** The API key and request that act: recorded with each change they make. */
  actor: Actor;
  /** Prisma's model API, confined to the workspace: what reads go through. */
  models: ConnectedModelClient;
  logger: Logger;
  /** Told what each upsert did. */
  upserts: UpsertObserver;
  /** Which webhook URLs are accepted. */
  webhookRules: EndpointRules;
}
