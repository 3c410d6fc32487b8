import type { Database } from '../db/client.js';

/** What the middlewares tell the routes about a request. */
export interface AppEnv {
  Variables: {
    /** The key the caller authenticated with. */
    apiKeyId: string;
    /** The caller's workspace: everything the request reads or writes is in it. */
    workspaceId: string;
    /** The database confined to that workspace. */
    db: Database;
    /** The GraphQL operation the request ran, for the request log. */
    operationName: string | null;
  };
}
