/**
 * GET /console: the page for people (assets/), served whole by the server. Its
 * policy lets it load and call nothing but its own origin, run no inline script,
 * and be framed by no one.
 */
import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../env.js';
import { consoleAssets } from './assets.js';

const self = ["'self'"];

/** What the console serves under /console: each path, its file in assets/, and its type. */
const files = [
  { path: '/', file: 'console.html', type: 'text/html; charset=utf-8' },
  { path: '/console.js', file: 'console.js', type: 'text/javascript; charset=utf-8' },
  { path: '/console.css', file: 'console.css', type: 'text/css; charset=utf-8' },
  { path: '/icon.svg', file: 'icon.svg', type: 'image/svg+xml' },
];

function asset(file: string): string {
  const text = consoleAssets.get(file);
  if (text === undefined) throw new Error(`The console's ${file} is missing from src/http/console/assets/`);
  return text;
}

export function consoleRoute(): Hono<AppEnv> {
  const route = new Hono<AppEnv>();
  route.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: self,
        styleSrc: self,
        imgSrc: self,
        connectSrc: self,
        baseUri: ["'none'"],
        // The key form is handled by the script: without it, the key is sent nowhere.
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
      // Whether a host is HTTPS-only is the deployment's to say, for every route, not one page's.
      strictTransportSecurity: false,
    }),
    // Revalidated on every load (a 304 while unchanged), so that a new version shows at once.
    etag(),
    async (c, next) => {
      await next();
      c.header('cache-control', 'no-cache');
    },
  );
  for (const { path, file, type } of files) {
    const body = asset(file);
    route.get(path, (c) => c.body(body, 200, { 'content-type': type }));
  }
  return route;
}
