/**
 * The app as Node serves it, over real sockets: a client that goes away in the
 * middle of its body is no server error (not "database unavailable", not a
 * 5xx), and slow headers are cut off within the request timeout.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { createNodeServer } from '../../src/http/node-server.js';
import { useTestApp } from '../support/app.js';

const logs: Record<string, unknown>[] = [];
const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
const t = useTestApp({ logger });

let server: Server;
let port: number;
/** A server whose requests (headers included) must arrive within a short timeout. */
let strict: Server;
let strictPort: number;

async function listening(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  const app = createApp({ db: t.db, logger, requestLog: t.requestLog });
  server = createNodeServer(app, { requestTimeoutMs: 30_000 });
  port = await listening(server);
  strict = createNodeServer(app, { requestTimeoutMs: 500 });
  strictPort = await listening(strict);
});
afterAll(async () => {
  server.closeAllConnections();
  strict.closeAllConnections();
  await Promise.all([new Promise((resolve) => server.close(resolve)), new Promise((resolve) => strict.close(resolve))]);
});

const metricsText = async () => (await createApp({ db: t.db, logger, requestLog: t.requestLog }).request('/metrics')).text();

describe('a client that disconnects in the middle of its body', () => {
  for (const path of ['/api/v1/idm/contacts/upsert', '/graphql']) {
    it(`on ${path} is logged as the client's doing, not as a server error`, async () => {
      logs.length = 0;
      const socket = connect(port, '127.0.0.1');
      await once(socket, 'connect');
      const arrived = once(server, 'request');
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${t.apiKey}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"trackingId":"gone-',
      );
      await arrived;
      socket.destroy();
      const requestLine = await vi.waitFor(
        () => {
          const line = logs.find((entry) => entry.msg === 'request' && entry.path === path);
          if (!line) throw new Error('no request line yet');
          return line;
        },
        { timeout: 10_000, interval: 20 },
      );
      expect(requestLine.status as number).toBeLessThan(500);
      const serious = logs.filter((entry) => (entry.level as number) >= 50 || /database unavailable/.test(String(entry.msg)));
      expect(serious).toEqual([]);
      expect(logs.some((entry) => /client closed the connection/.test(String(entry.msg)) && (entry.level as number) <= 40)).toBe(true);
    });
  }

  it('counts no 5xx in the metrics', async () => {
    const text = await metricsText();
    expect(text).not.toMatch(/^http_requests_total\{[^}]*status="5\d\d"/m);
  });
});

describe('slow headers', () => {
  // Node's default check every 30 s let them last far longer than the limit: the test's timeout catches that.
  it('are cut off once the request timeout has passed', { timeout: 10_000 }, async () => {
    const socket: Socket = connect(strictPort, '127.0.0.1');
    await once(socket, 'connect');
    socket.on('error', () => {}); // the server's close may meet a write in flight
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n');
    // One header byte at a time, never ending the headers: only the server can end this.
    const drip = setInterval(() => socket.writable && socket.write('X'), 50);
    try {
      await closed;
    } finally {
      clearInterval(drip);
    }
    expect(socket.destroyed).toBe(true);
  });
});
