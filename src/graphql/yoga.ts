/** GraphQL over HTTP and GraphiQL, as one fetch-API handler that the HTTP app mounts at /graphql. */
import { getOperationAST, type OperationDefinitionNode } from 'graphql';
import { createGraphQLError, createYoga, maskError, type GraphQLParams, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Actor } from '../contacts/history.js';
import type { UpsertObserver } from '../contacts/upsert.js';
import type { EndpointRules } from '../webhooks/endpoints.js';
import type { Context } from './context.js';
import type { Database } from '../db/client.js';
import type { ConnectedModelClient } from '../db/models.js';
import { isDatabaseUnavailable } from '../db/errors.js';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { graphiqlOptions, renderGraphiQL } from './graphiql.js';
import { graphqlLimitPlugins, type GraphQLLimits } from './limits.js';
import { schema } from './schema/index.js';
import { introspectionOnlyWithoutKey } from './without-key.js';
import { decodeUtf8 } from '../utf8.js';

/** Who a request acts for, as its API key says. */
export interface Workspace {
  workspaceId: string;
  /** The key and request that act: recorded with each change they make. */
  actor: Actor;
  /** Prisma's model API, confined to that workspace. */
  models: ConnectedModelClient;
}

/** What the HTTP app hands Yoga with each request. */
export interface RequestContext {
  /** The key's workspace; null without a valid key, when only introspection runs. */
  workspace: Workspace | null;
  /** Told the operation the request runs (null when the document has none to run), for the request log. */
  reportOperation(operation: OperationDefinitionNode | null): void;
}

export type Yoga = YogaServerInstance<RequestContext, Context>;

/** What a client is told while the database is unreachable. */
export const serviceUnavailableMessage = 'The service is temporarily unavailable; retry shortly.';

/** Only the parsed document knows the operation's name when a client does not send it. */
const reportOperation: Plugin<RequestContext> = {
  onExecute({ args }) {
    const { reportOperation } = args.contextValue as RequestContext;
    reportOperation(getOperationAST(args.document, args.operationName) ?? null);
  },
};

const badRequest = (message: string) => createGraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });

/** Whether every percent-escape of a query string or form body spells UTF-8 (`decodeURIComponent` throws where it does not). */
function percentEscapesAreUtf8(text: string): boolean {
  try {
    for (const part of text.split(/[&=]/)) decodeURIComponent(part.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}

/**
 * A GET's `variables` and `extensions` are JSON in the query string: Yoga's parser
 * would throw on broken JSON as if it were its own fault (500). Told as the
 * client's mistake instead, before anything parses them, as are escapes that are
 * not UTF-8, which the parser would turn into U+FFFD.
 */
const wellFormedGetParameters: Plugin<RequestContext> = {
  onRequestParse({ request, url }) {
    if (request.method !== 'GET') return;
    if (!percentEscapesAreUtf8(url.search.slice(1))) throw badRequest('The query string is not valid UTF-8.');
    for (const name of ['variables', 'extensions']) {
      const value = url.searchParams.get(name);
      if (value === null) continue;
      try {
        JSON.parse(value);
      } catch {
        throw badRequest(`The ${name} parameter must be JSON.`);
      }
    }
  },
};

/** The broken socket would otherwise look like a lost database connection (ECONNRESET). */
function clientWentAway(logger: Logger, request: Request) {
  logger.info({ path: new URL(request.url).pathname }, 'client closed the connection before sending its whole body');
  return badRequest('The client closed the connection before sending its whole body.');
}

/**
 * A JSON body is read as strict UTF-8: broken bytes are refused with a 400, where
 * Yoga's own parser would decode them to U+FFFD and the upsert would store that.
 * Otherwise it answers as Yoga's parser does. A body cut short because the client
 * went away is the client's doing too.
 */
const strictJsonBodies = (logger: Logger): Plugin<RequestContext> => ({
  onRequestParse({ request, setRequestParser }) {
    if (request.method !== 'POST') return;
    const type = request.headers.get('content-type') ?? '';
    if (/^application\/(graphql|x-www-form-urlencoded)\s*(;|$)/i.test(type)) {
      // A document or form body: checked on a copy, then read by Yoga's own parser.
      return request
        .clone()
        .arrayBuffer()
        .then(
          (bytes) => {
            const text = decodeUtf8(bytes);
            if (text === undefined || (/urlencoded/i.test(type) && !percentEscapesAreUtf8(text))) throw badRequest('The body is not valid UTF-8.');
          },
          () => {
            throw clientWentAway(logger, request);
          },
        );
    }
    if (!/^application\/(graphql\+)?json\s*(;|$)/i.test(type)) return;
    setRequestParser(async (request) => {
      const bytes = await request.arrayBuffer().catch(() => {
        throw clientWentAway(logger, request);
      });
      const text = decodeUtf8(bytes);
      if (text === undefined) throw badRequest('The body is not valid UTF-8.');
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw badRequest('POST body sent invalid JSON.');
      }
      if (typeof body !== 'object' || body === null) throw badRequest(`POST body is expected to be object but received ${body === null ? 'null' : typeof body}`);
      return body as GraphQLParams;
    });
  },
});

export function createGraphQLHandler({
  db,
  logger,
  upserts,
  limits,
  webhookRules,
}: {
  db: Database;
  logger: Logger;
  upserts: UpsertObserver;
  webhookRules: EndpointRules;
  limits: GraphQLLimits;
}): Yoga {
  // Errors that maskError below has logged with their detail; Yoga logs each masked error too.
  const logged = new WeakSet<object>();
  const yogaLine = (level: 'debug' | 'info' | 'warn' | 'error') => (...args: unknown[]) => {
    const [first] = args;
    if (typeof first === 'object' && first !== null && logged.has(first)) return;
    if (first instanceof Error) logger[level]({ err: first }, first.message);
    else if (typeof first === 'string') logger[level](args.length > 1 ? { detail: args.slice(1) } : {}, first);
    else logger[level]({ detail: args }, 'graphql-yoga');
  };
  return createYoga<RequestContext, Context>({
    schema,
    context: ({ workspace }) =>
      workspace ? { ...workspace, db, logger, upserts, webhookRules } : ({ db, logger, upserts, webhookRules } as Context),
    plugins: [
      wellFormedGetParameters,
      strictJsonBodies(logger),
      introspectionOnlyWithoutKey<RequestContext>(({ workspace }) => workspace !== null, limits),
      ...graphqlLimitPlugins(limits),
      // A browser sends a "simple" request (GET, or a form or text/plain POST) cross-site without asking
      // first; such requests must carry a header no form can set.
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf'] }),
      reportOperation,
      // Mutations run compiled (graphql-jit), which makes a batch's payload cheaper to build. Queries
      // stay on graphql-js, whose resolve info lets the Prisma plugin fold relations into one query.
      useGraphQlJit({}, { enableIf: ({ document, operationName }) => getOperationAST(document, operationName)?.operation === 'mutation' }),
    ],
    graphqlEndpoint: '/graphql',
    // The HTTP app applies the configured CORS policy; Yoga's default echoes any origin with credentials.
    cors: false,
    // The HTTP app limits every body before Yoga sees it (rest/body-limit.ts). Yoga's own
    // limit would wrap each body in a counting stream and a second Request.
    maxRequestBodySize: false,
    // The schema takes no uploads; a multipart body's parts would be decoded leniently.
    multipart: false,
    graphiql: graphiqlOptions,
    renderGraphiQL,
    landingPage: false,
    logging: { debug: yogaLine('debug'), info: yogaLine('info'), warn: yogaLine('warn'), error: yogaLine('error') },
    maskedErrors: {
      // Errors meant for clients pass as they are. Anything else becomes
      // "Unexpected error." (or, when the database is down, a retryable 503),
      // and operators get the whole story in the log.
      maskError(error, message, isDev) {
        const masked = maskError(error, message, isDev);
        if (masked === error) return masked;
        if (typeof error === 'object' && error !== null) logged.add(error);
        const cause = (error as { originalError?: unknown }).originalError ?? error;
        if (isDatabaseUnavailable(cause)) {
          logger.warn({ err: cause }, 'database unavailable');
          return createGraphQLError(serviceUnavailableMessage, {
            extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503, headers: { 'Retry-After': '1' } } },
          });
        }
        logger.error({ err: cause }, 'unexpected error');
        return masked;
      },
    },
  });
}
