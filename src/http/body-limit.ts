import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

const decimal = /^\d+$/;

/**
 * Hono's bodyLimit, judging a body announced by a plain Content-Length by that
 * header alone (Node's HTTP parser never reads past it), without touching the
 * body stream; bodies of unknown length (chunked) are counted as they are read.
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
