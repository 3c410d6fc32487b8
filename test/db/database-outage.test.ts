/**
 * When PostgreSQL goes away, requests fail fast with a masked, retryable 503
 * instead of hanging, readiness says so, and the service recovers by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpsertContact } from '../support/documents.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { testProvider } from '../support/database.js';
import { TcpProxy } from '../support/tcp-proxy.js';

describe.runIf(testProvider === 'postgresql')('PostgreSQL outage', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let upserted = 0;

  beforeAll(async () => {
    const target = new URL(process.env.TEST_POSTGRES_URL!);
    proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const port = await proxy.start();
    t = await startTestApp({
      reach: (url) => Object.assign(new URL(url), { host: `127.0.0.1:${port}` }).toString(),
      database: { connectTimeoutMs: 1000 },
    });
  });
  afterAll(async () => {
    await t?.drop();
    await proxy?.close();
  });

  async function upsert() {
    const response = await t.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: UpsertContactInput!) { upsertContact(input: $input) { __typename } }',
        variables: { input: { email: `outage-${upserted}@example.com`, firstName: 'Out', lastName: 'Age' } },
      }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
    return { status: response.status, body, retryAfter: response.headers.get('retry-after') };
  }

  it('serves while the database is reachable', async () => {
    const { status, body } = await upsert();
    expect(status).toBe(200);
    expect(body).toEqual({ data: { upsertContact: { __typename: 'UpsertContactSuccess' } } });
    upserted++;
    expect((await t.request('/ready')).status).toBe(200);
  });

  // Quickly: well before a statement's 30 s timeout, which this test's own timeout stands for.
  it.each(['refuse', 'blackhole'] as const)('answers 503 quickly when connections are %sd', { timeout: 20_000 }, async (mode) => {
    proxy.set(mode);
    const { status, body, retryAfter } = await upsert();
    expect(status).toBe(503);
    expect(retryAfter).toBe('1');
    expect(body.errors).toEqual([expect.objectContaining({ message: 'The service is temporarily unavailable; retry shortly.', extensions: { code: 'SERVICE_UNAVAILABLE' } })]);
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONN|prisma|pg/i);
    expect((await t.request('/ready')).status).toBe(503);
    expect((await t.request('/health')).status).toBe(200);
  });

  it('recovers by itself when the database returns, with nothing half-written', { timeout: 30_000 }, async () => {
    proxy.set('forward');
    // Each attempt is a request of its own, as a client's retry would be; the pool drops the connections
    // the outage broke as it meets them. A service that never recovered would be caught by the timeout.
    let last = await upsert();
    for (let attempt = 1; last.status !== 200 && attempt < 20; attempt++) last = await upsert();
    expect(last.body).toEqual({ data: { upsertContact: { __typename: 'UpsertContactSuccess' } } });
    upserted++;
    expect((await t.request('/ready')).status).toBe(200);
    expect(await t.db.models.contact.count()).toBe(upserted);
  });
});
