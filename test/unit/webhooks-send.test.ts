import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import type { LookupFn } from '../../src/webhooks/addresses.js';
import { sendWebhook } from '../../src/webhooks/send.js';
import { webhookTlsCert, webhookTlsKey } from '../support/webhook-tls.js';

interface Received {
  method: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A receiver on a free loopback port that records what reaches it. */
interface Receiver {
  url: string;
  port: number;
  /** TCP connections accepted: 0 means nothing reached it at all. */
  connections: number;
  requests: Received[];
}

const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(server: Server, scheme = 'http'): Promise<Receiver> {
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const receiver: Receiver = { url: `${scheme}://127.0.0.1:${port}/hook`, port, connections: 0, requests: [] };
  server.on('connection', () => receiver.connections++);
  return receiver;
}

/** Answers each request with `answer` once its body is in; `answer` may also leave it unanswered. */
async function receiver(answer: (response: ServerResponse) => void): Promise<Receiver> {
  let self: Receiver | undefined;
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    self!.requests.push({ method: request.method ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
    answer(response);
  });
  self = await listen(server);
  return self;
}

const event = { url: '', body: '{"type":"contact.created","data":{}}', headers: { 'webhook-id': 'evt_1', 'webhook-signature': 'v1,abc' } };
const to = (url: string) => ({ ...event, url });
const toLoopback: LookupFn = async () => [{ address: '127.0.0.1', family: 4 }];

describe('sendWebhook', () => {
  it('POSTs the body as JSON with the given headers and its user agent; a 2xx is delivered', async () => {
    const target = await receiver((response) => response.writeHead(204).end());
    expect(await sendWebhook(to(target.url), { allowPrivate: true })).toEqual({ kind: 'delivered', status: 204 });
    expect(target.requests).toHaveLength(1);
    const [received] = target.requests;
    expect(received).toMatchObject({ method: 'POST', body: event.body });
    expect(received!.headers).toMatchObject({
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(event.body)),
      'user-agent': `contacts-api-webhooks/${packageJson.version}`,
      'webhook-id': 'evt_1',
      'webhook-signature': 'v1,abc',
    });
  });

  it.each([200, 201, 202, 299])('counts %i as delivered', async (status) => {
    const target = await receiver((response) => response.writeHead(status).end('ok'));
    expect(await sendWebhook(to(target.url), { allowPrivate: true })).toEqual({ kind: 'delivered', status });
  });

  it.each([400, 404, 429, 500, 503])('counts %i as rejected, with the body of the answer', async (status) => {
    const target = await receiver((response) => response.writeHead(status, { 'content-type': 'text/plain' }).end('database down'));
    expect(await sendWebhook(to(target.url), { allowPrivate: true })).toEqual({ kind: 'rejected', status, body: 'database down' });
  });

  it('keeps the first 64 KiB of a rejection of 1 MiB', async () => {
    const target = await receiver((response) => response.writeHead(500, { 'content-type': 'text/plain' }).end('x'.repeat(1024 * 1024)));
    expect(await sendWebhook(to(target.url), { allowPrivate: true })).toEqual({ kind: 'rejected', status: 500, body: 'x'.repeat(64 * 1024) });
  });

  it('stops reading a rejection at the limit and closes the connection, though the receiver would send on for ever', async () => {
    let closed: Promise<unknown> | undefined;
    const target = await receiver((response) => {
      closed = once(response, 'close');
      response.writeHead(503);
      // Writes on for as long as the connection is open: only the client's closing it ends this.
      const more = () => {
        while (!response.destroyed) if (!response.write('y'.repeat(16 * 1024))) return void response.once('drain', more);
      };
      more();
    });
    const result = await sendWebhook(to(target.url), { allowPrivate: true, maxResponseBytes: 1000 });
    expect(result).toEqual({ kind: 'rejected', status: 503, body: 'y'.repeat(1000) });
    await closed;
  });

  it('keeps no half of a character cut by the limit', async () => {
    const target = await receiver((response) => response.writeHead(500).end('ééé'));
    expect(await sendWebhook(to(target.url), { allowPrivate: true, maxResponseBytes: 5 })).toEqual({ kind: 'rejected', status: 500, body: 'éé' });
  });

  it('reports 410 as gone', async () => {
    const target = await receiver((response) => response.writeHead(410).end('endpoint removed'));
    expect(await sendWebhook(to(target.url), { allowPrivate: true })).toEqual({ kind: 'gone', status: 410 });
  });

  it.each([301, 302, 303, 307, 308])('does not follow a %i redirect: its target receives nothing', async (status) => {
    const elsewhere = await receiver((response) => response.writeHead(204).end());
    const target = await receiver((response) => response.writeHead(status, { location: elsewhere.url }).end());
    expect(await sendWebhook(to(target.url), { allowPrivate: true })).toEqual({ kind: 'failed', error: `redirect not followed (status ${status})`, status });
    expect(target.requests).toHaveLength(1);
    expect(elsewhere.connections).toBe(0);
  });

  it('fails an attempt that gets no answer within the timeout', async () => {
    const target = await receiver(() => {});
    expect(await sendWebhook(to(target.url), { allowPrivate: true, timeoutMs: 200 })).toEqual({ kind: 'failed', error: 'timed out after 200 ms' });
    expect(target.requests).toHaveLength(1);
  });

  it('fails an attempt whose answer does not end within the timeout, the reading of its body included', async () => {
    const target = await receiver((response) => response.writeHead(500).write('partial'));
    expect(await sendWebhook(to(target.url), { allowPrivate: true, timeoutMs: 200 })).toEqual({ kind: 'failed', error: 'timed out after 200 ms' });
  });

  it('abandons an attempt still unanswered when its signal aborts', async () => {
    const target = await receiver(() => {});
    const stopping = new AbortController();
    const attempt = sendWebhook(to(target.url), { allowPrivate: true, signal: stopping.signal });
    await vi.waitFor(() => expect(target.requests).toHaveLength(1));
    stopping.abort();
    expect(await attempt).toEqual({ kind: 'failed', error: 'abandoned unanswered: the sender is stopping' });
  });

  it('says the timeout in seconds when it is whole seconds', async () => {
    const target = await receiver(() => {});
    expect(await sendWebhook(to(target.url), { allowPrivate: true, timeoutMs: 1000 })).toEqual({ kind: 'failed', error: 'timed out after 1 s' });
  });

  it('fails on a refused connection', async () => {
    const closedPort = await receiver(() => {});
    const server = servers.pop()!;
    await new Promise((resolve) => server.close(resolve));
    expect(await sendWebhook(to(closedPort.url), { allowPrivate: true })).toEqual({ kind: 'failed', error: `connection refused by 127.0.0.1:${closedPort.port}` });
  });

  it('fails on a host that does not resolve', async () => {
    const nowhere: LookupFn = () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.example.test'), { code: 'ENOTFOUND' }));
    expect(await sendWebhook(to('https://nowhere.example.test/hook'), { allowPrivate: false, lookup: nowhere })).toEqual({
      kind: 'failed',
      error: 'host nowhere.example.test does not resolve',
    });
  });

  it('fails on a URL that is not http or https', async () => {
    expect(await sendWebhook(to('ftp://hooks.example.test/'), { allowPrivate: true })).toEqual({ kind: 'failed', error: 'ftp://hooks.example.test/ is not an http or https URL' });
  });

  describe('checks the address again as it connects', () => {
    it('refuses a loopback IP address without connecting when private URLs are not allowed', async () => {
      const target = await receiver((response) => response.writeHead(204).end());
      expect(await sendWebhook(to(target.url), { allowPrivate: false })).toEqual({ kind: 'failed', error: 'forbidden address: 127.0.0.1 is a loopback address' });
      expect(await sendWebhook(to(`http://[::ffff:127.0.0.1]:${target.port}/hook`), { allowPrivate: false })).toEqual({
        kind: 'failed',
        error: 'forbidden address: ::ffff:7f00:1 is a loopback address',
      });
      expect(target.connections).toBe(0);
    });

    it('refuses a name that resolves to loopback now, though it may have been public when the endpoint was made (DNS rebinding)', async () => {
      const target = await receiver((response) => response.writeHead(204).end());
      const url = `http://hooks.example.test:${target.port}/hook`;
      expect(await sendWebhook(to(url), { allowPrivate: false, lookup: toLoopback })).toEqual({
        kind: 'failed',
        error: 'forbidden address: hooks.example.test resolves to a loopback address (127.0.0.1)',
      });
      const mixed: LookupFn = async () => [
        { address: '93.184.215.14', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ];
      expect(await sendWebhook(to(url), { allowPrivate: false, lookup: mixed })).toEqual({
        kind: 'failed',
        error: 'forbidden address: hooks.example.test resolves to a loopback address (127.0.0.1)',
      });
      expect(target.connections).toBe(0);
    });

    it('connects to the address its lookup checked, sending the name as the host', async () => {
      const target = await receiver((response) => response.writeHead(200).end());
      const url = `http://hooks.example.test:${target.port}/hook`;
      expect(await sendWebhook(to(url), { allowPrivate: true, lookup: toLoopback })).toEqual({ kind: 'delivered', status: 200 });
      expect(target.requests[0]!.headers.host).toBe(`hooks.example.test:${target.port}`);
    });

    it('does so over https too, verifying the certificate against the name', async () => {
      const server = createHttpsServer({ cert: webhookTlsCert, key: webhookTlsKey }, (_request, response) => response.writeHead(202).end());
      const target = await listen(server, 'https');
      const url = `https://hooks.example.test:${target.port}/hook`;
      expect(await sendWebhook(to(url), { allowPrivate: true, lookup: toLoopback, ca: webhookTlsCert })).toEqual({ kind: 'delivered', status: 202 });
      expect(await sendWebhook(to(url), { allowPrivate: false, lookup: toLoopback, ca: webhookTlsCert })).toEqual({
        kind: 'failed',
        error: 'forbidden address: hooks.example.test resolves to a loopback address (127.0.0.1)',
      });
      // An untrusted certificate is a failure too, in one line.
      const untrusted = await sendWebhook(to(url), { allowPrivate: true, lookup: toLoopback });
      expect(untrusted).toMatchObject({ kind: 'failed', error: expect.stringMatching(/certificate/) });
      expect(target.connections).toBe(2);
    });
  });
});
