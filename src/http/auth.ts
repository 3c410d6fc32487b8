import type { Context, MiddlewareHandler } from 'hono';
import type { Database } from '../db/client.js';
import { findActiveApiKey } from '../workspaces/api-keys.js';
import type { AppEnv } from './env.js';

/**
 * One answer for a missing, malformed, unknown or revoked key, so that a caller
 * cannot tell which keys exist or once existed.
 */
const unauthorized = {
  error: 'unauthorized',
  message: 'A valid API key is required: send it as "Authorization: Bearer <key>".',
} as const;

const bearer = /^Bearer +(\S+) *$/i;

/**
 * The two doors of the app, sharing one key lookup: `identify` lets every request
 * through, and tells the routes, when it carries a valid API key, the key's
 * workspace and the database confined to it; `require` lets a request through
 * only with a valid key, and answers the rest with 401.
 */
export function apiKeyAuth(db: Database): { identify: MiddlewareHandler<AppEnv>; require: MiddlewareHandler<AppEnv> } {
  const lookUp = sharedPerTurn((presented: string) => findActiveApiKey(db.workspaces, presented));
  async function identified(c: Context<AppEnv>): Promise<boolean> {
    const presented = bearer.exec(c.req.header('authorization') ?? '')?.[1];
    const key = presented ? await lookUp(presented) : null;
    if (!key) return false;
    c.set('apiKeyId', key.id);
    c.set('workspaceId', key.workspaceId);
    c.set('models', db.modelsOf(key.workspaceId));
    return true;
  }
  return {
    async identify(c, next) {
      await identified(c);
      await next();
    },
    async require(c, next) {
      if (!(await identified(c))) return c.json(unauthorized, 401, { 'WWW-Authenticate': 'Bearer' });
      await next();
    },
  };
}

/**
 * `lookUp`, with the calls for one key made in the same turn of the event loop
 * sharing one lookup, which starts once that turn's calls are in: concurrent
 * requests from one client then reach the upsert together and share its
 * transaction (group commit). A lookup never starts before a call that shares
 * it was made, so a key revoked before a request arrived is refused to it.
 */
export function sharedPerTurn<T>(lookUp: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const gathering = new Map<string, Promise<T>>();
  return (key) => {
    let answer = gathering.get(key);
    if (!answer) {
      answer = new Promise<T>((resolve, reject) =>
        setImmediate(() => {
          // Calls from now on are after this lookup began: they gather for the next one.
          gathering.delete(key);
          try {
            lookUp(key).then(resolve, reject);
          } catch (error) {
            reject(error);
          }
        }),
      );
      gathering.set(key, answer);
    }
    return answer;
  };
}
