/** What the service says about itself: request logs and Prometheus metrics. */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { testProvider } from '../support/database.js';
import { UpsertContact } from '../support/documents.js';

const logs: Record<string, unknown>[] = [];
const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
const t = useTestApp({ logger });

const metricsText = async () => {
  const response = await t.app.request('/metrics');
  expect(response.headers.get('content-type')).toMatch(/text\/plain/);
  return response.text();
};
/** The value of one sample line of the exposition, or undefined. */
const sample = (text: string, name: string, labels: string) =>
  Number(text.split('\n').find((line) => line.startsWith(`${name}${labels} `))?.split(' ')[1] ?? NaN);

describe('observability', () => {
  it('counts upserts by what happened to each, across GraphQL, the batch and REST', async () => {
    const input = { trackingId: 'obs-1', email: 'obs-1@example.com', firstName: 'Ob', lastName: 'Served' };
    await t.run(UpsertContact, { input });
    await t.run(UpsertContact, { input });
    await t.run(UpsertContact, { input: { ...input, title: 'Dr' } });
    await t.run(UpsertContact, { input: { trackingId: 'obs-2' } });
    await t.request('/api/v1/idm/contacts/upsert', { method: 'POST', body: JSON.stringify({ email: 'rest@example.com', firstName: 'Re', lastName: 'St' }) });
    // A batch: two created, a replay of obs-1, two updates (one of them twice) and two failures.
    const batch = [
      { trackingId: 'obs-3', email: 'obs-3@example.com', firstName: 'Ob', lastName: 'Three' },
      { trackingId: 'obs-4', email: 'obs-4@example.com', firstName: 'Ob', lastName: 'Four' },
      { ...input, title: 'Dr' },
      { trackingId: 'obs-3', title: 'Prof' },
      { trackingId: 'obs-3', title: 'Dr' },
      { trackingId: 'obs-5' },
      { trackingId: 'obs-4', phone: '9'.repeat(51) },
    ];
    const response = await t.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($inputs: [UpsertContactInput!]!) { upsertContacts(inputs: $inputs) { failedCount } }', variables: { inputs: batch } }),
    });
    expect(await response.json()).toEqual({ data: { upsertContacts: { failedCount: 2 } } });
    const text = await metricsText();
    expect(sample(text, 'contacts_upserted_total', '{result="created"}')).toBe(4);
    expect(sample(text, 'contacts_upserted_total', '{result="unchanged"}')).toBe(2);
    expect(sample(text, 'contacts_upserted_total', '{result="updated"}')).toBe(3);
    expect(sample(text, 'contacts_upserted_total', '{result="failed"}')).toBe(3);
  });

  it('counts and times requests by route, GraphQL operation and outcome', async () => {
    await t.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"query Probe { __typename }"}' });
    await t.app.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    await t.app.request('/no/such/path/unmatched-zzq');
    const text = await metricsText();
    expect(sample(text, 'http_requests_total', '{method="POST",route="/graphql",operation="Probe",status="200",outcome="success"}')).toBe(1);
    expect(sample(text, 'http_requests_total', '{method="POST",route="/graphql",operation="",status="401",outcome="client_error"}')).toBe(1);
    expect(text).toMatch(/^http_request_duration_seconds_bucket\{.*operation="UpsertContact".*\} \d+$/m);
    expect(text).not.toMatch(/zzq/);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('reports the database pool where there is one', async () => {
    const text = await metricsText();
    if (testProvider === 'postgresql') expect(sample(text, 'db_pool_connections', '{state="total"}')).toBeGreaterThan(0);
    else expect(text).not.toMatch(/^db_pool_connections\{/m);
  });

  it('logs each request once with its id, workspace, operation, status and duration — no key, no personal data', async () => {
    logs.length = 0;
    const response = await t.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-abc.123' },
      body: JSON.stringify({ query: 'mutation Named($input: UpsertContactInput!) { upsertContact(input: $input) { __typename } }', variables: { input: { email: 'secret.person@example.com', firstName: 'Private', lastName: 'Name' } } }),
    });
    expect(response.headers.get('x-request-id')).toBe('trace-abc.123');
    const lines = logs.filter((line) => line.msg === 'request');
    expect(lines).toEqual([
      expect.objectContaining({ requestId: 'trace-abc.123', method: 'POST', path: '/graphql', operation: 'Named', workspaceId: t.workspaceId, status: 200, durationMs: expect.any(Number) }),
    ]);
    const everything = JSON.stringify(logs);
    expect(everything).not.toContain(t.apiKey);
    expect(everything).not.toMatch(/secret\.person|Private/);
  });

  it('gives every response a request id, its own when the caller sent none or an odd one', async () => {
    const own = (await t.app.request('/health')).headers.get('x-request-id');
    expect(own).toMatch(/^[0-9a-f-]{36}$/);
    const graphql = await t.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(graphql.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const odd = (await t.app.request('/health', { headers: { 'x-request-id': 'bad id\n' } })).headers.get('x-request-id');
    expect(odd).toMatch(/^[0-9a-f-]{36}$/);
    // Refusals too: by a middleware (no key for REST), by Yoga (no key for GraphQL), by the error handler
    // (a body over the limit), and unknown paths.
    const refused = await t.app.request('/api/v1/idm/contacts/upsert', { method: 'POST', headers: { 'x-request-id': 'refused-1' }, body: '{}' });
    expect([refused.status, refused.headers.get('x-request-id')]).toEqual([401, 'refused-1']);
    const refusedGraphQL = await t.app.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'refused-2' },
      body: '{}',
    });
    expect([refusedGraphQL.status, refusedGraphQL.headers.get('x-request-id')]).toEqual([401, 'refused-2']);
    const tooLarge = await t.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'large-1', 'content-length': String(3 * 1024 * 1024) },
      body: 'x'.repeat(3 * 1024 * 1024),
    });
    expect([tooLarge.status, tooLarge.headers.get('x-request-id')]).toEqual([413, 'large-1']);
    const unknown = await t.app.request('/nowhere', { headers: { 'x-request-id': 'lost-1' } });
    expect([unknown.status, unknown.headers.get('x-request-id')]).toEqual([404, 'lost-1']);
  });
});
