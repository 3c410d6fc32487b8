/** The server: migrate, open the database, serve, and shut down cleanly. Started by main.ts. */
import type { Server } from 'node:http';
import { loadConfig, type Config } from './config.js';
import { databaseFailure, exitWithFailure, listenFailure } from './failures.js';
import { graphqlLimitsOf } from './graphql/limits.js';
import { createFirstWorkspace, type NewWorkspace } from './workspaces/workspaces.js';
import { openDatabase, type Database } from './db/client.js';
import { migrate } from './db/migrate.js';
import { createLogger } from './logger.js';
import { createApp } from './http/app.js';
import { createMetrics } from './http/metrics.js';
import { startWebhookDeliveries } from './webhook-deliveries.js';
import { parseRetrySchedule } from './retry-schedule.js';
import { createNodeServer } from './http/node-server.js';
import { RequestLogWriter } from './request-log/writer.js';
import { startHistoryRetention } from './contacts/history-retention.js';
import { cliCommand, noWorkspaceHint } from './cli-hints.js';

// Whatever stops the start is told in one sentence on stderr, then exit code 1.
const config = attempt(loadConfig);
const logger = createLogger(config.LOG_LEVEL);
const db = await openAndCheck(config).catch((error: unknown) => exitWithFailure(databaseFailure(error, config.DATABASE_URL)));
const requestLog = new RequestLogWriter(db, logger);
const metrics = createMetrics(db);
const app = createApp({
  db,
  logger,
  requestLog,
  metrics,
  webhookRules: { allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_URLS },
  metricsToken: config.METRICS_TOKEN,
  corsOrigins: config.CORS_ORIGINS,
  limits: { graphql: graphqlLimitsOf(config), bodyLimitBytes: config.REQUEST_BODY_LIMIT_BYTES, requestTimeoutMs: config.REQUEST_TIMEOUT_MS },
});
const server = createNodeServer(app, { requestTimeoutMs: config.REQUEST_TIMEOUT_MS });

await listen(server, config).catch(async (error: unknown) => {
  await db.close().catch(() => {});
  exitWithFailure(listenFailure(error, { host: config.HOST, port: config.PORT }));
});
const address = server.address();
const port = typeof address === 'object' && address ? address.port : config.PORT;
await welcome(db, port).catch((error: unknown) => exitWithFailure(databaseFailure(error, config.DATABASE_URL)));
logger.info({ port, database: db.provider }, `serving GraphQL on http://localhost:${port}/graphql`);
const deliveries = startWebhookDeliveries(db, logger, metrics, {
  // Checked with the rest of the configuration: it parses.
  retrySchedule: parseRetrySchedule(config.WEBHOOK_RETRY_SCHEDULE),
  allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_URLS,
});
const retention =
  config.HISTORY_RETENTION_DAYS === undefined
    ? undefined
    : startHistoryRetention(db.contacts, {
        retentionDays: config.HISTORY_RETENTION_DAYS,
        onError: (error) => logger.warn({ err: error }, 'pruning contact history failed; the next round tries again'),
        onPruned: (count) => logger.info({ count, retentionDays: config.HISTORY_RETENTION_DAYS }, 'pruned contact history'),
      });

function attempt<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    return exitWithFailure(error);
  }
}

/** Migrates and opens the database, and makes sure it answers before the server takes requests. */
async function openAndCheck(config: Config): Promise<Database> {
  if (config.MIGRATE_ON_START) {
    const applied = await migrate(config.DATABASE_URL);
    if (applied.length) logger.info({ applied }, 'applied migrations');
  }
  const db = await openDatabase(config.DATABASE_URL, {
    poolSize: config.DATABASE_POOL_SIZE,
    connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
    busyTimeoutMs: config.SQLITE_BUSY_TIMEOUT_MS,
    // Lost races are retried for a third of a request's time at most: none outlives its request.
    retryBudgetMs: Math.floor(config.REQUEST_TIMEOUT_MS / 3),
    backgroundCheckpoints: true,
  });
  try {
    await db.ping();
    return db;
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}

/**
 * Once the server listens (a start that fails before would take a first key
 * with it, never shown): a fresh embedded database is someone trying the
 * service out, who gets a key to start with; a server database gets its
 * workspaces from the CLI, and the start says how.
 */
async function welcome(db: Database, port: number): Promise<void> {
  if (db.embedded) {
    const firstWorkspace = await createFirstWorkspace(db.workspaces);
    if (firstWorkspace) announceFirstKey(firstWorkspace, port);
  } else if (!(await db.workspaces.countWorkspaces())) {
    announceNoWorkspace();
  }
}

function listen(server: Server, { PORT, HOST }: Config): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(PORT, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  // Stop accepting connections, let in-flight requests finish, then close the database.
  // No new webhook attempts; those in flight get a grace to be answered, then are abandoned, and
  // either way recorded (an abandoned one is retried). One unrecorded is made again once its lease ends.
  const deliveriesStopped = deliveries.stop();
  server.close(async () => {
    await deliveriesStopped;
    await retention?.stop();
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
      `More workspaces and keys: ${cliCommand} --help`,
      '',
      '',
    ].join('\n'),
  );
}

/**
 * A server database starts with no workspace, and nobody can use the API until
 * one exists: say how to make one, as plain text for the person at the terminal.
 */
function announceNoWorkspace() {
  logger.info('no workspace yet');
  process.stdout.write(['', noWorkspaceHint, '', ''].join('\n'));
}
