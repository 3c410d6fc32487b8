import type { MiddlewareHandler } from 'hono';
import { findActiveApiKey } from '../auth/api-keys.js';
import type { Database } from '../db/client.js';
import { workspaceScopes } from '../db/scope.js';
import type { AppEnv } from './app.js';

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
  const scopeOf = workspaceScopes(db);
  return async (c, next) => {
    const presented = bearer.exec(c.req.header('authorization') ?? '')?.[1];
    const key = presented ? await findActiveApiKey(db, presented) : null;
    if (!key) return c.json(unauthorized, 401, { 'WWW-Authenticate': 'Bearer' });
    c.set('apiKeyId', key.id);
    c.set('workspaceId', key.workspaceId);
    c.set('db', scopeOf(key.workspaceId));
    await next();
  };
}
