/** Entry point: migrate, open the database, serve, and shut down cleanly. */
import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { loadConfig } from './config.js';
import { ensureDefaultWorkspace } from './contacts/workspace.js';
import { openDatabase } from './db/client.js';
import { migrate } from './db/migrate.js';
import { createLogger } from './logger.js';
import { createApp } from './http/app.js';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);

if (config.MIGRATE_ON_START) {
  const applied = await migrate(config.DATABASE_URL);
  if (applied.length) logger.info({ applied }, 'applied migrations');
}
const db = await openDatabase(config.DATABASE_URL, {
  poolSize: config.DATABASE_POOL_SIZE,
  connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
  busyTimeoutMs: config.SQLITE_BUSY_TIMEOUT_MS,
});
const workspace = await ensureDefaultWorkspace(db);
const app = createApp({ db, logger, workspaceId: workspace.id });
const server = createServer(getRequestListener(app.fetch));

server.listen(config.PORT, config.HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info({ port, database: db.provider }, `serving GraphQL on http://localhost:${port}/graphql`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  // Stop accepting connections, let in-flight requests finish, then close the database.
  server.close(async () => {
    await db.close();
    logger.info('stopped');
    process.exit(0);
  });
  server.closeIdleConnections();
  setTimeout(() => {
    logger.error('in-flight requests did not finish in 10 s; exiting');
    process.exit(1);
  }, 10_000).unref();
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
