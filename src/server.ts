/** The server: migrate, open the database, serve, and shut down cleanly. Started by main.ts. */
import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { loadConfig } from './config.js';
import { graphqlLimitsOf } from './graphql/limits.js';
import { createFirstWorkspace, type NewWorkspace } from './workspaces/workspaces.js';
import { openDatabase } from './db/client.js';
import { migrate } from './db/migrate.js';
import { createLogger } from './logger.js';
import { createApp } from './http/app.js';
import { RequestLogWriter } from './request-log/writer.js';

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
  backgroundCheckpoints: true,
});
// A fresh embedded database is someone trying the service out: give them a key
// to start with. A server database gets its workspaces from the CLI.
const firstWorkspace = db.provider === 'sqlite' ? await createFirstWorkspace(db.workspaces) : null;
const requestLog = new RequestLogWriter(db, logger);
const app = createApp({
  db,
  logger,
  requestLog,
  limits: { graphql: graphqlLimitsOf(config), bodyLimitBytes: config.REQUEST_BODY_LIMIT_BYTES, requestTimeoutMs: config.REQUEST_TIMEOUT_MS },
});
const server = createServer(
  // A client that sends its request too slowly is cut off too (slowloris).
  { requestTimeout: config.REQUEST_TIMEOUT_MS, headersTimeout: Math.min(config.REQUEST_TIMEOUT_MS, 60_000) },
  getRequestListener(app.fetch),
);

server.listen(config.PORT, config.HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  if (firstWorkspace) announceFirstKey(firstWorkspace, port);
  logger.info({ port, database: db.provider }, `serving GraphQL on http://localhost:${port}/graphql`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  // Stop accepting connections, let in-flight requests finish, then close the database.
  server.close(async () => {
    await requestLog.flush();
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

/**
 * The first key, printed once as plain text for the person at the terminal; the
 * structured log only notes that the workspace was made, for it never holds a key.
 */
function announceFirstKey({ workspaceId, apiKeyId, apiKey }: NewWorkspace, port: number) {
  logger.info({ workspaceId, apiKeyId }, 'created a first workspace and API key');
  process.stdout.write(
    [
      '',
      `First run: created workspace ${workspaceId}. Its API key (shown only this once, keep it safe):`,
      '',
      `    ${apiKey}`,
      '',
      `To use it in GraphiQL (http://localhost:${port}/graphql), paste this into its "Headers" tab:`,
      '',
      // Not a bare JSON line, which log collectors would take for a structured entry.
      `    ${JSON.stringify({ Authorization: `Bearer ${apiKey}` })}    <- GraphiQL headers`,
      '',
      'More workspaces and keys: npm run cli -- --help',
      '',
      '',
    ].join('\n'),
  );
}
