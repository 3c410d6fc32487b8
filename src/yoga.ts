/** The HTTP application: GraphQL over HTTP, GraphiQL and health, as one fetch-API handler. */
import { createYoga, maskError, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Context } from './context.js';
import type { Database } from './db/client.js';
import { schema } from './schema/index.js';

export interface AppDependencies {
  db: Database;
  logger: Logger;
  /** The workspace every request acts in. */
  workspaceId: string;
}

export type App = YogaServerInstance<Record<string, unknown>, Context>;

export function createApp({ db, logger, workspaceId }: AppDependencies): App {
  return createYoga<Record<string, unknown>, Context>({
    schema,
    context: () => ({ db, logger, workspaceId }),
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    graphiql: { title: 'Contacts API' },
    landingPage: false,
    logging: {
      debug: (...args) => logger.debug(args),
      info: (...args) => logger.info(args),
      warn: (...args) => logger.warn(args),
      error: (...args) => logger.error(args),
    },
    maskedErrors: {
      // Clients get "Unexpected error."; operators get the whole story.
      maskError(error, message, isDev) {
        logger.error({ err: (error as { originalError?: unknown }).originalError ?? error }, 'unexpected error');
        return maskError(error, message, isDev);
      },
    },
  });
}
