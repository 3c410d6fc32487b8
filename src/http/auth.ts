import type { MiddlewareHandler } from 'hono';
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
 * Lets a request through only with a valid API key, and tells the routes the
 * key's workspace and the database confined to it.
 */
export function requireApiKey(db: Database): MiddlewareHandler<AppEnv> {
  const lookUp = sharedPerTurn((presented: string) => findActiveApiKey(db.workspaces, presented));
  return async (c, next) => {
    const presented = bearer.exec(c.req.header('authorization') ?? '')?.[1];
    const key = presented ? await lookUp(presented) : null;
    if (!key) return c.json(unauthorized, 401, { 'WWW-Authenticate': 'Bearer' });
    c.set('apiKeyId', key.id);
    c.set('workspaceId', key.workspaceId);
    c.set('models', db.modelsOf(key.workspaceId));
    await next();
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
