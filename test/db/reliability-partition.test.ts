/**
 * A network partition that sends no RST: /ready answers 503 within a few seconds, and
 * requests fail with a retryable 503 rather than hanging until the request
 * timeout. Each test's own timeout stands for "quickly"; nothing is timed.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { testProvider } from '../support/database.js';

/**
 * Forwards until `partition()`; from then on, bytes in either direction are
 * dropped on the open connections, which stay open, and new ones are accepted
 * and never answered: what a host that vanished from the network looks like.
 */
class PartitionProxy {
  private server?: Server;
  private partitioned = false;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<number> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as { port: number }).port;
  }

  partition(): void {
    this.partitioned = true;
  }

  heal(): void {
    this.partitioned = false;
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private accept(client: Socket): void {
    this.track(client);
    client.on('error', () => {});
    if (this.partitioned) return;
    const upstream = this.track(createConnection(this.target));
    upstream.on('error', () => client.destroy());
    client.on('data', (chunk) => this.partitioned || upstream.write(chunk));
    upstream.on('data', (chunk) => this.partitioned || client.write(chunk));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  private track(socket: Socket): Socket {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    return socket;
  }
}

describe.runIf(testProvider === 'postgresql')('PostgreSQL behind a network partition', () => {
  let proxy: PartitionProxy;
  let t: TestApp;

  beforeAll(async () => {
    const target = new URL(process.env.TEST_POSTGRES_URL!);
    proxy = new PartitionProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const port = await proxy.start();
    t = await startTestApp({
      reach: (url) => Object.assign(new URL(url), { host: `127.0.0.1:${port}` }).toString(),
      database: { connectTimeoutMs: 1000, poolSize: 4 },
    });
  });
  afterAll(async () => {
    proxy?.heal();
    await t?.drop();
    await proxy?.close();
  });

  const lookUp = (trackingId: string) =>
    t.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query($id: String!) { contactByTrackingId(trackingId: $id) { id } }', variables: { id: trackingId } }),
    });

  it('serves, with connections open in the pool', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => lookUp(`before-${i}`)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
    expect(t.db.poolState()!.total).toBeGreaterThan(0);
    expect((await t.request('/ready')).status).toBe(200);
  });

  it('/ready answers 503 within a few seconds of the partition', { timeout: 8_000 }, async () => {
    proxy.partition();
    expect((await t.request('/ready')).status).toBe(503);
    expect((await t.request('/health')).status).toBe(200);
  });

  it('requests answer a retryable 503, never wait for the request timeout', { timeout: 20_000 }, async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => lookUp(`during-${i}`)));
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('1');
    }
  });

  it('serves again once the network heals', { timeout: 30_000 }, async () => {
    proxy.heal();
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt++) status = (await lookUp('after')).status;
    expect(status).toBe(200);
    expect((await t.request('/ready')).status).toBe(200);
  });
});

describe.runIf(testProvider === 'postgresql')('migrations behind a network partition', () => {
  it('give up connecting instead of waiting forever', { timeout: 30_000 }, async () => {
    const target = new URL(process.env.TEST_POSTGRES_URL!);
    const proxy = new PartitionProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const port = await proxy.start();
    proxy.partition();
    try {
      const url = Object.assign(new URL(process.env.TEST_POSTGRES_URL!), { host: `127.0.0.1:${port}` }).toString();
      await expect(migrate(url)).rejects.toThrow();
    } finally {
      await proxy.close();
    }
  });
});
