/** The app behind Node's HTTP server, with the server's own time limits. */
import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { App } from './app.js';

export interface NodeServerLimits {
  /** A request, headers included, must have arrived and been answered within this. */
  requestTimeoutMs: number;
}

export function createNodeServer(app: App, { requestTimeoutMs }: NodeServerLimits): Server {
  return createServer(
    {
      // A client that sends its request too slowly is cut off too (slowloris): its headers and its
      // whole request within the request timeout.
      requestTimeout: requestTimeoutMs,
      headersTimeout: requestTimeoutMs,
      // Node looks for expired requests only this often (30 s by default, which let slow headers
      // last up to twice their limit).
      connectionsCheckingInterval: Math.min(1000, Math.max(10, Math.floor(requestTimeoutMs / 10))),
    },
    getRequestListener(app.fetch),
  );
}
