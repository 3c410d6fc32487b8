/**
 * Malformed requests are the client's mistake, answered 400 and never logged as
 * errors: broken JSON in a GET's `variables`, bytes that are not UTF-8 (never
 * stored as U+FFFD); and an unexpected error is logged once, with its detail.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';

const logs: Record<string, unknown>[] = [];
const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
const t = useTestApp({ logger });

const errorLines = () => logs.filter((line) => (line.level as number) >= 50);

describe('GET /graphql with malformed JSON parameters', () => {
  for (const parameter of ['variables', 'extensions']) {
    for (const value of ['{', '{"a":', 'not json', '[1,']) {
      it(`answers 400 with a GraphQL error for ${parameter}=${value}`, async () => {
        logs.length = 0;
        const query = encodeURIComponent('query Q { __typename }');
        const response = await t.request(`/graphql?query=${query}&${parameter}=${encodeURIComponent(value)}`, {
          headers: { accept: 'application/graphql-response+json', 'x-graphql-yoga-csrf': '1' },
        });
        expect(response.status).toBe(400);
        const body = (await response.json()) as { errors?: { message: string }[] };
        expect(body.errors?.[0]?.message).toMatch(new RegExp(parameter));
        expect(errorLines()).toEqual([]);
      });
    }
  }

  it('answers a client error without a key too, never a 5xx', async () => {
    logs.length = 0;
    const response = await t.app.request(`/graphql?query=${encodeURIComponent('{ __typename }')}&variables=%7B`, {
      headers: { accept: 'application/graphql-response+json', 'x-graphql-yoga-csrf': '1' },
    });
    expect([400, 401]).toContain(response.status);
    expect(errorLines()).toEqual([]);
  });

  it('still runs a GET with well-formed variables', async () => {
    const query = encodeURIComponent('query Q($id: String!) { contactByTrackingId(trackingId: $id) { id } }');
    const response = await t.request(`/graphql?query=${query}&variables=${encodeURIComponent('{"id":"none"}')}`, {
      headers: { accept: 'application/graphql-response+json', 'x-graphql-yoga-csrf': '1' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { contactByTrackingId: null } });
  });
});

describe('an unexpected error', () => {
  it('is masked for the client and logged once, with its detail', async () => {
    const { createApp } = await import('../../src/http/app.js');
    const broken = { ...t.db, contacts: { ...t.db.contacts, transaction: () => Promise.reject(new Error('boom: a bug in a store')) } };
    const app = createApp({ db: broken, logger, requestLog: t.requestLog });
    logs.length = 0;
    const response = await app.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.apiKey}` },
      body: JSON.stringify({
        query: 'mutation($input: UpsertContactInput!) { upsertContact(input: $input) { __typename } }',
        variables: { input: { trackingId: 'masked-1', email: 'masked@example.com', firstName: 'Ma', lastName: 'Sked' } },
      }),
    });
    const body = (await response.json()) as { errors?: { message: string }[] };
    expect(body.errors?.map((error) => error.message)).toEqual(['Unexpected error.']);
    const lines = errorLines();

    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines[0])).toMatch(/boom: a bug in a store/);
    expect(Object.keys(lines[0]!)).not.toContain('0');
  });
});

/** `json` with the bytes of `marker` replaced by `bytes` (not valid UTF-8). */
function withBytes(json: string, marker: string, bytes: number[]): Uint8Array<ArrayBuffer> {
  const [before, after] = json.split(marker) as [string, string];
  const encoder = new TextEncoder();
  return new Uint8Array([...encoder.encode(before), ...bytes, ...encoder.encode(after)]);
}

describe('a body that is not valid UTF-8', () => {
  const brokenSequences = [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xe2, 0x28, 0xa1]];

  for (const bytes of brokenSequences) {
    const label = bytes.map((b) => b.toString(16)).join(' ');

    it(`is refused with 400 on /graphql (bytes ${label}), storing nothing`, async () => {
      const trackingId = `utf8-gql-${label.replaceAll(' ', '')}`;
      const json = JSON.stringify({
        query: 'mutation($input: UpsertContactInput!) { upsertContact(input: $input) { __typename } }',
        variables: { input: { trackingId, email: `${trackingId}@example.com`, firstName: 'Bro@@ken', lastName: 'Bytes' } },
      });
      const response = await t.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: withBytes(json, '@@', bytes) });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors?: { message: string }[] };
      expect(body.errors?.[0]?.message).toMatch(/UTF-8/);
      expect(await t.db.models.contact.count({ where: { trackingId } })).toBe(0);
    });

    it(`is refused with 400 on the REST route (bytes ${label}), storing nothing`, async () => {
      const trackingId = `utf8-rest-${label.replaceAll(' ', '')}`;
      const json = JSON.stringify({ trackingId, email: `${trackingId}@example.com`, firstName: 'Bro@@ken', lastName: 'Bytes' });
      const response = await t.request('/api/v1/idm/contacts/upsert', { method: 'POST', headers: { 'content-type': 'application/json' }, body: withBytes(json, '@@', bytes) });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: 'validation_error', message: expect.stringMatching(/UTF-8/), field: null, fieldErrors: [] });
      expect(await t.db.models.contact.count({ where: { trackingId } })).toBe(0);
    });
  }

  it('is refused in a GraphQL document body (application/graphql), storing nothing', async () => {
    const document = 'mutation { upsertContact(input: { trackingId: "utf8-doc", email: "utf8-doc@example.com", firstName: "Bro@@ken", lastName: "Bytes" }) { __typename } }';
    const response = await t.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/graphql', 'x-graphql-yoga-csrf': '1' },
      body: withBytes(document, '@@', [0xff]),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors?: { message: string }[] }).errors?.[0]?.message).toMatch(/UTF-8/);
    expect(await t.db.models.contact.count({ where: { trackingId: 'utf8-doc' } })).toBe(0);
  });

  it('is refused in a form body whose escapes are not UTF-8, storing nothing', async () => {
    const document = 'mutation { upsertContact(input: { trackingId: "utf8-form", email: "utf8-form@example.com", firstName: "Bro@@ken", lastName: "Bytes" }) { __typename } }';
    const response = await t.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-graphql-yoga-csrf': '1' },
      body: `query=${encodeURIComponent(document).replace('%40%40', '%FF')}`,
    });
    expect(response.status).toBe(400);
    expect(await t.db.models.contact.count({ where: { trackingId: 'utf8-form' } })).toBe(0);
  });

  it('is refused in a GET query string whose escapes are not UTF-8', async () => {
    const response = await t.request(`/graphql?query=${encodeURIComponent('{ contactByEmail(email: "a@@b.com") { id } }').replace('%40%40', '%C0%80')}`, {
      headers: { accept: 'application/graphql-response+json', 'x-graphql-yoga-csrf': '1' },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors?: { message: string }[] }).errors?.[0]?.message).toMatch(/UTF-8/);
  });

  it('is never read from a multipart body: the schema takes no uploads', async () => {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: 'mutation { upsertContact(input: { trackingId: "utf8-multi", email: "utf8-multi@example.com", firstName: "A", lastName: "B" }) { __typename } }' }));
    form.set('map', '{}');
    const response = await t.request('/graphql', { method: 'POST', headers: { 'x-graphql-yoga-csrf': '1' }, body: form });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await t.db.models.contact.count({ where: { trackingId: 'utf8-multi' } })).toBe(0);
  });

  it('leaves valid multi-byte UTF-8 alone', async () => {
    const response = await t.request('/api/v1/idm/contacts/upsert', {
      method: 'POST',
      body: new TextEncoder().encode(JSON.stringify({ trackingId: 'utf8-ok', email: 'utf8-ok@example.com', firstName: 'Zoë 𝔸', lastName: '日本' })),
    });
    expect(response.status).toBe(200);
    expect((await t.db.models.contact.findFirstOrThrow({ where: { trackingId: 'utf8-ok' } })).firstName).toBe('Zoë 𝔸');
  });
});
