/**
 * The HTTP application: every route of the service as one fetch-API handler
 * (Hono), which the server, the tests and the benchmark all use as it is.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { Database } from '../db/client.js';
import { upsertRoute } from '../rest/upsert.js';
import { createGraphQLHandler } from '../yoga.js';

export interface AppDependencies {
  db: Database;
  logger: Logger;
  /** The workspace every request acts in. */
  workspaceId: string;
}

/** What the middlewares tell the routes about a request. */
export interface AppEnv {
  Variables: {
    /** The caller's workspace: everything the request reads or writes is in it. */
    workspaceId: string;
  };
}

export type App = Hono<AppEnv>;

export function createApp({ db, logger, workspaceId }: AppDependencies): App {
  const yoga = createGraphQLHandler({ db, logger });
  const app = new Hono<AppEnv>();

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

  const identifyWorkspace: MiddlewareHandler<AppEnv> = async (c, next) => {
    c.set('workspaceId', workspaceId);
    await next();
  };
  // GraphiQL (GET /graphql) loads for anyone; operations (POST) act in a workspace.
  app.get('/graphql', (c) => yoga.fetch(c.req.raw, { workspaceId: '' }));
  app.post('/graphql', identifyWorkspace, (c) => yoga.fetch(c.req.raw, { workspaceId: c.get('workspaceId') }));
  app.use('/api/*', identifyWorkspace);
  app.route('/api', upsertRoute(db));

  return app;
}
