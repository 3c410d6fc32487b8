import type { MiddlewareHandler } from 'hono';
import type { RequestLogWriter } from '../request-log/writer.js';
import type { AppEnv } from './env.js';

/**
 * Records each authenticated request once it has been answered. Runs before
 * authentication, so that the duration includes it; requests that no key
 * vouched for belong to no workspace and are not recorded, nor is the
 * console's refresh of the log itself.
 */
export function recordRequests(requestLog: RequestLogWriter): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const time = new Date();
    const started = performance.now();
    await next();
    const workspaceId = c.get('workspaceId');
    if (!workspaceId || c.get('unrecorded')) return;
    requestLog.record({
      workspaceId,
      apiKeyId: c.get('apiKeyId'),
      time,
      method: c.req.method,
      path: c.req.path,
      operationName: c.get('operationName') ?? null,
      status: c.res.status,
      userAgent: c.req.header('user-agent') ?? null,
      durationMs: performance.now() - started,
    });
  };
}
