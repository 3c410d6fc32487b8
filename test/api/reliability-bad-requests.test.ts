/**
 * Malformed requests are the client's mistake, answered 400 and never logged as
 * errors (issue: a GET with broken JSON in `variables` answered 500; invalid
 * UTF-8 in a body was stored as U+FFFD; a masked error was logged twice).
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
