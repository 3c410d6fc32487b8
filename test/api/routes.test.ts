/** Where people and clients arrive: the root page, the original API's double-slash path, and unknown routes. */
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';

const t = useTestApp();

const single = '/api/v1/idm/contacts/upsert';
const double = '/api/v1/idm//contacts/upsert';

const metricsText = async () => (await t.app.request('/metrics')).text();
const sample = (text: string, labels: string) =>
  Number(text.split('\n').find((line) => line.startsWith(`http_requests_total${labels} `))?.split(' ')[1] ?? 0);

describe('GET /', () => {
  it('is a page that points to GraphiQL, the console and the docs, and loads nothing from elsewhere', async () => {
    const response = await t.app.request('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await response.text();
    expect(html).toContain('href="/graphql"');
    expect(html).toContain('href="/console"');
    expect(html).toMatch(/README\.md/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});

describe('the REST route at the original API path, with its double slash', () => {
  it('upserts as the single-slash path does', async () => {
    const input = { trackingId: 'slash-1', email: 'slash-1@example.com', firstName: 'Dou', lastName: 'Ble' };
    const first = await t.request(double, { method: 'POST', body: JSON.stringify(input) });
    expect([first.status, ((await first.json()) as { result: string }).result]).toEqual([200, 'created']);
    const again = await t.request(single, { method: 'POST', body: JSON.stringify(input) });
    expect([again.status, ((await again.json()) as { result: string }).result]).toEqual([200, 'updated']);
  });

  it('refuses what the single-slash path refuses, alike', async () => {
    const refusals = [
      (path: string) => t.app.request(path, { method: 'POST', body: '{}' }),
      (path: string) => t.request(path, { method: 'POST', body: '[1]' }),
      (path: string) => t.request(path, { method: 'POST', body: JSON.stringify({ note: 'x'.repeat(300 * 1024) }) }),
    ];
    for (const refuse of refusals) {
      const [a, b] = [await refuse(single), await refuse(double)];
      expect([b.status, b.headers.get('www-authenticate'), await b.json()]).toEqual([a.status, a.headers.get('www-authenticate'), await a.json()]);
    }
    expect((await refusals[2]!(double)).status).toBe(413);
  });

  it('counts as one route in the metrics', async () => {
    const labels = `{method="POST",route="${single}",operation="",status="400",outcome="client_error"}`;
    const before = sample(await metricsText(), labels);
    await t.request(single, { method: 'POST', body: '{}' });
    await t.request(double, { method: 'POST', body: '{}' });
    const text = await metricsText();
    expect(sample(text, labels)).toBe(before + 2);
    expect(text).not.toContain('idm//');
  });
});

describe('unknown routes', () => {
  it('answer a JSON 404', async () => {
    const misses = [
      ['GET', '/nowhere', t.app.request('/nowhere')],
      ['DELETE', '/graphql', t.app.request('/graphql', { method: 'DELETE' })],
      // Below /api a key is asked for first: with one, an unknown route is a 404 like any other.
      ['POST', '/api/v1/nothing', t.request('/api/v1/nothing', { method: 'POST' })],
    ] as const;
    for (const [method, path, answer] of misses) {
      const response = await answer;
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({ error: 'not_found', message: `Nothing answers ${method} ${path} here; GET / lists what does.` });
    }
  });
});
