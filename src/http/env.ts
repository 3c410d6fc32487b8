import type { ConnectedModelClient } from '../db/models.js';

/** What the middlewares tell the routes about a request. */
export interface AppEnv {
  Variables: {
    /** The request's id: the caller's own (`x-request-id`) when it is a plain token, else a new one. */
    requestId: string;
    /** The key the caller authenticated with. */
    apiKeyId: string;
    /** The caller's workspace: everything the request reads or writes is in it. */
    workspaceId: string;
    /** Prisma's model API confined to that workspace. */
    models: ConnectedModelClient;
    /** The GraphQL operation the request ran, for the request log. */
    operationName: string | null;
    /** Set for a request the request log leaves out: the console's own refresh (console/refresh.ts). */
    unrecorded: boolean;
  };
}
