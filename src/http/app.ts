/**
 * The HTTP application: every route of the service as one fetch-API handler
 * (Hono), which the server, the tests and the benchmark all use as it is.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { timeout } from 'hono/timeout';
import type { Logger } from 'pino';
import type { Database } from '../db/client.js';
import { isDatabaseUnavailable } from '../db/errors.js';
import { defaultGraphQLLimits, type GraphQLLimits } from '../graphql/limits.js';
import type { RequestLogWriter } from '../request-log/writer.js';
import { limitBody } from './body-limit.js';
import { BodyNotReceivedError, bodyError, maxBodyBytes, upsertPaths, upsertRoute } from '../rest/upsert.js';
import { createGraphQLHandler, serviceUnavailableMessage } from '../graphql/yoga.js';
import { apiKeyAuth } from './auth.js';
import { isConsoleRefresh } from './console/refresh.js';
import { consoleRoute } from './console/route.js';
import type { AppEnv } from './env.js';
import { landingPage } from './landing-page.js';
import { createMetrics, type Metrics } from './metrics.js';
import type { EndpointRules } from '../webhooks/endpoints.js';
import { observeRequests } from './observe.js';
import { recordRequests } from './request-log.js';

export interface AppDependencies {
  db: Database;
  logger: Logger;
  /** Where authenticated requests are recorded. */
  requestLog: RequestLogWriter;
  limits?: Partial<HttpLimits>;
  /** When set, GET /metrics answers only requests with `Authorization: Bearer <metricsToken>`. */
  metricsToken?: string;
  /** Browser origins allowed to call the API cross-site (`*`: any); none when unset. Never with credentials. */
  corsOrigins?: '*' | readonly string[];
  /** Which webhook URLs are accepted: public hosts only, unless private ones are allowed. */
  webhookRules?: EndpointRules;
  /** The metrics registry to serve; one of the app's own when not given. */
  metrics?: Metrics;
}

/** What one request may cost. Defaults below; the server takes them from the environment. */
export interface HttpLimits {
  graphql: GraphQLLimits;
  /** Larger bodies are refused with 413 before anything reads them. */
  bodyLimitBytes: number;
  /** A request still unanswered after this long gets 504. */
  requestTimeoutMs: number;
}

export const defaultHttpLimits: HttpLimits = {
  graphql: defaultGraphQLLimits,
  bodyLimitBytes: 2 * 1024 * 1024,
  requestTimeoutMs: 30_000,
};

export type App = Hono<AppEnv>;

export function createApp({ db, logger, requestLog, limits: given, metricsToken, corsOrigins, webhookRules, metrics: shared }: AppDependencies): App {
  const limits = { ...defaultHttpLimits, ...given };
  const metrics = shared ?? createMetrics(db);
  const yoga = createGraphQLHandler({ db, logger, upserts: metrics, limits: limits.graphql, webhookRules: webhookRules ?? { allowPrivate: false } });
  const app = new Hono<AppEnv>();

  app.use(observeRequests(logger, metrics));
  app.get('/health', (c) => c.json({ status: 'ok' }));
  // Open without a token, like /health (bind the port privately or filter /metrics at the proxy then).
  app.get('/metrics', async (c) => {
    if (metricsToken !== undefined && !presentsToken(c.req.header('authorization'), metricsToken)) {
      return c.json({ error: 'unauthorized', message: 'The metrics token is required: send it as "Authorization: Bearer <token>".' }, 401, {
        'WWW-Authenticate': 'Bearer',
      });
    }
    return c.text(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType });
  });
  app.get('/ready', async (c) => {
    try {
      await db.ping();
      return c.json({ status: 'ready' });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed: database unavailable');
      return c.json({ status: 'unavailable' }, 503);
    }
  });

  app.get('/', () => landingPage());
  app.route('/console', consoleRoute());

  if (corsOrigins) {
    // API keys travel in a header, never in cookies: a cross-site caller needs no credentials, and
    // allowing them would let any allowed site act with a browser's ambient ones.
    const crossSite = cors({
      origin: corsOrigins === '*' ? '*' : [...corsOrigins],
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['authorization', 'content-type', 'x-graphql-yoga-csrf', 'x-request-id'],
      exposeHeaders: ['x-request-id', 'retry-after'],
      maxAge: 600,
      credentials: false,
    });
    app.use('/graphql', crossSite);
    app.use('/api/*', crossSite);
  }

  // Every route that acts in a workspace is bounded in size and time; recording comes
  // before authentication so that its duration includes it.
  const auth = apiKeyAuth(db);
  const bounded = [
    limitBody({
      maxSize: limits.bodyLimitBytes,
      onError: (c) => c.json({ error: 'payload_too_large', message: `The body must be at most ${limits.bodyLimitBytes} bytes` }, 413),
    }),
    timeout(limits.requestTimeoutMs),
    recordRequests(requestLog),
  ] as const;
  // GraphQL answers without a key too: GraphiQL's page, introspection, and a GraphQL-shaped 401 for
  // everything else (graphql/without-key.ts).
  app.use('/graphql', ...bounded, auth.identify);
  app.on(['GET', 'POST'], '/graphql', (c) => {
    const workspaceId = c.get('workspaceId');
    return yoga.fetch(c.req.raw, {
      workspace: workspaceId
        ? { workspaceId, models: c.get('models'), actor: { apiKeyId: c.get('apiKeyId'), requestId: c.get('requestId') } }
        : null,
      reportOperation: (operation) => {
        c.set('operationName', operation?.name?.value ?? null);
        if (isConsoleRefresh(operation)) c.set('unrecorded', true);
      },
    });
  });
  for (const path of upsertPaths) {
    app.use(
      `/api${path}`,
      limitBody({
        maxSize: maxBodyBytes,
        onError: (c) => c.json(bodyError('payload_too_large', `The body must be at most ${maxBodyBytes} bytes`), 413),
      }),
    );
  }
  app.use('/api/*', ...bounded, auth.require);
  app.notFound((c) => c.json({ error: 'not_found', message: `Nothing answers ${c.req.method} ${c.req.path} here; GET / lists what does.` }, 404));
  // The key lookup meets a database outage before Yoga does: answer as Yoga would, with a retryable 503.
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    // Checked before the outage: the broken socket looks like a lost database connection (ECONNRESET).
    if (error instanceof BodyNotReceivedError) {
      logger.info({ path: c.req.path }, 'client closed the connection before sending its whole body');
      return c.json(bodyError('validation_error', `${error.message}.`), 400);
    }
    if (!isDatabaseUnavailable(error)) {
      logger.error({ err: error }, 'unexpected error');
      return c.json({ error: 'internal_error', message: 'Unexpected error.' }, 500);
    }
    logger.warn({ err: error }, 'database unavailable');
    c.header('Retry-After', '1');
    return c.req.path === '/graphql'
      ? c.json({ errors: [{ message: serviceUnavailableMessage, extensions: { code: 'SERVICE_UNAVAILABLE' } }] }, 503)
      : c.json({ error: 'service_unavailable', message: serviceUnavailableMessage }, 503);
  });
  app.route('/api', upsertRoute(db.contacts, metrics));

  return app;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether the header carries the token; compared in constant time, as digests of equal length. */
function presentsToken(header: string | undefined, token: string): boolean {
  const presented = /^Bearer +(\S+) *$/i.exec(header ?? '')?.[1];
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}
