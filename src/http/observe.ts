/**
 * Says what each request did: one structured log line (request id, workspace,
 * route, GraphQL operation, status, duration) and the request metrics. Never
 * the API key, never a contact's data: the line carries ids and names only.
 */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';
import type { AppEnv } from './env.js';
import type { Metrics } from './metrics.js';

/** A caller's own request id is kept when it is a plain token, so logs can be joined across services. */
const acceptableRequestId = /^[\w.:-]{1,128}$/;

/** Probes and scrapes are frequent and say nothing: they log at debug. */
const quietPaths = new Set(['/health', '/ready', '/metrics']);

export function observeRequests(logger: Logger, metrics: Metrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const given = c.req.header('x-request-id');
    const requestId = given && acceptableRequestId.test(given) ? given : randomUUID();
    c.set('requestId', requestId);
    try {
      await next();
    } finally {
      // On the response, whoever made it (Hono, Yoga or the error handler): set before, the
      // header would cost a Headers of its own and reach only the responses Hono builds.
      c.res.headers.set('x-request-id', requestId);
      const seconds = (performance.now() - started) / 1000;
      // The matched route, not the raw path: unknown paths must not mint new label values. A route's
      // spellings that differ only by a doubled slash (the REST route's original path) are one route.
      const route = c.res.status === 404 ? 'unmatched' : routePath(c).replace(/\/{2,}/g, '/');
      const operation = c.get('operationName') ?? '';
      metrics.observeRequest({ method: c.req.method, route, operation, status: c.res.status }, seconds);
      const line = {
        requestId,
        method: c.req.method,
        path: c.req.path,
        operation: operation || undefined,
        workspaceId: c.get('workspaceId'),
        status: c.res.status,
        durationMs: Math.round(seconds * 100_000) / 100,
      };
      if (quietPaths.has(c.req.path)) logger.debug(line, 'request');
      else logger.info(line, 'request');
    }
  };
}
