/**
 * /metrics stays small and private: the operation label takes a bounded set of
 * values, whatever names clients choose, and a configured token guards the route.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { maxOperationLabels } from '../../src/http/metrics.js';
import { useTestApp } from '../support/app.js';

const t = useTestApp();

const operationLabels = (text: string) =>
  new Set([...text.matchAll(/^http_requests_total\{[^}]*operation="([^"]*)"/gm)].map((match) => match[1]!));

describe('/metrics', () => {
  it(`labels at most ${maxOperationLabels} client-chosen operation names, the rest as "other", the project's own always`, async () => {
    const app = createApp({ db: t.db, logger: pino({ level: 'silent' }), requestLog: t.requestLog });
    const ask = (query: string) =>
      app.request('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t.apiKey}` },
        body: JSON.stringify({ query }),
      });
    for (let i = 0; i < maxOperationLabels * 3; i++) expect((await ask(`query Secret_${i}_AcmeMergerTarget { __typename }`)).status).toBe(200);
    // The sync command's own operation, sent once the others have taken every free label.
    await ask('mutation SyncUpsertContacts { __typename }');

    const labels = operationLabels(await (await app.request('/metrics')).text());
    const chosen = [...labels].filter((label) => label.startsWith('Secret_'));
    // The first names seen keep their label; every later one is `other`.
    expect(chosen.sort()).toEqual(Array.from({ length: maxOperationLabels }, (_, i) => `Secret_${i}_AcmeMergerTarget`).sort());
    expect(labels).toContain('other');
    expect(labels).toContain('SyncUpsertContacts');
    expect(labels).not.toContain(`Secret_${maxOperationLabels * 3 - 1}_AcmeMergerTarget`);
  });

  it('answers without a key when no token is configured', async () => {
    const app = createApp({ db: t.db, logger: pino({ level: 'silent' }), requestLog: t.requestLog });
    const response = await app.request('/metrics');
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^http_requests_total|^# HELP/m);
  });

  it('requires the bearer token when one is configured, and tells nothing without it', async () => {
    const app = createApp({ db: t.db, logger: pino({ level: 'silent' }), requestLog: t.requestLog, metricsToken: 'scrape-secret-1' });
    const without = await app.request('/metrics');
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await without.text()).not.toMatch(/http_requests_total/);
    const wrong = await app.request('/metrics', { headers: { authorization: 'Bearer scrape-secret-2' } });
    expect(wrong.status).toBe(401);
    // An API key is not the metrics token.
    expect((await app.request('/metrics', { headers: { authorization: `Bearer ${t.apiKey}` } })).status).toBe(401);
    const right = await app.request('/metrics', { headers: { authorization: 'Bearer scrape-secret-1' } });
    expect(right.status).toBe(200);
    expect(await right.text()).toMatch(/^# HELP http_requests_total/m);
  });
});
