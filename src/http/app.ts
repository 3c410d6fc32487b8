/**
 * The HTTP application: every route of the service as one fetch-API handler
 * (Hono), which the server, the tests and the benchmark all use as it is.
 */
import { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Database } from '../db/client.js';
import { createGraphQLHandler } from '../yoga.js';

export interface AppDependencies {
  db: Database;
  logger: Logger;
  /** The workspace every request acts in. */
  workspaceId: string;
}

export type App = Hono;

export function createApp({ db, logger, workspaceId }: AppDependencies): App {
  const yoga = createGraphQLHandler({ db, logger });
  const app = new Hono();

  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/ready', async (c) => {
    try {
      await db.ping();
      return c.json({ status: 'ready' });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed: database unavailable');
      return c.json({ status: 'unavailable' }, 503);
    }
  });
  app.on(['GET', 'POST', 'OPTIONS'], '/graphql', (c) => yoga.fetch(c.req.raw, { workspaceId }));

  return app;
}
