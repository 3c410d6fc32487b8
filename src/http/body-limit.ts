import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

const decimal = /^\d+$/;

/**
 * Hono's bodyLimit, minus its cost on the common request. A body announced by a
 * plain Content-Length is judged by that header alone (Node's HTTP parser never
 * reads past it), so the request stays the lightweight one that @hono/node-server
 * reads straight from the socket; hono's middleware touches the body stream,
 * which builds a full web Request and its AbortSignal on every call. Bodies of
 * unknown length (chunked) go through hono's middleware, which counts as it reads.
 * Here, below the HTTP app, so that the REST route and the app limit bodies alike.
 */
export function limitBody<E extends object>(options: { maxSize: number; onError: (c: Context<E>) => Response | Promise<Response> }): MiddlewareHandler<E> {
  const counted = bodyLimit(options as Parameters<typeof bodyLimit>[0]) as MiddlewareHandler<E>;
  return async (c, next) => {
    const length = c.req.header('content-length');
    if (length !== undefined && decimal.test(length) && c.req.header('transfer-encoding') === undefined) {
      if (Number(length) > options.maxSize) return options.onError(c);
      await next();
      return;
    }
    return counted(c, next);
  };
}
