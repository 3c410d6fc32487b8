/** GraphQL Armor's limits refuse abusive documents cheaply, and leave legitimate ones alone. */
import { getIntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';
import { defaultHttpLimits } from '../../src/http/app.js';
import { defaultGraphQLLimits as limits } from '../../src/graphql/limits.js';
import { startTestApp, useTestApp } from '../support/app.js';

const t = useTestApp();

async function query(document: string) {
  const response = await t.request('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: document }),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { message: string }[] } };
}

/** `contact { clients { contacts { … id } } }`, `depth` fields from root to leaf. */
const nested = (depth: number, leaf = 'id') => {
  let inner = leaf;
  for (let level = depth - 2; level > 0; level--) inner = `${level % 2 ? 'clients' : 'contacts'} { ${inner} }`;
  return `contact(id: "x") { ${inner} }`;
};

describe('GraphQL limits', () => {
  it('let GraphiQL introspect the schema', async () => {
    const { body } = await query(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, inputValueDeprecation: true }));
    expect(body.errors).toBeUndefined();
    expect(body.data).toHaveProperty('__schema');
  });

  it(`allow ${limits.maxDepth} levels of selections and refuse more`, async () => {
    expect((await query(`{ ${nested(limits.maxDepth)} }`)).body.errors).toBeUndefined();
    const refused = await query(`{ ${nested(limits.maxDepth + 1)} }`);
    expect(refused.body.errors?.[0]?.message).toMatch(/depth/i);
  });

  it(`refuse more than ${limits.maxAliases} aliases`, async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: contact(id: "x") { id }`).join(' ')} }`;
    expect((await query(aliases(limits.maxAliases))).body.errors).toBeUndefined();
    expect((await query(aliases(limits.maxAliases + 1))).body.errors?.[0]?.message).toMatch(/alias/i);
  });

  it(`refuse more than ${limits.maxDirectives} directives`, async () => {
    const directives = (n: number) => `{ contact(id: "x") { id ${'@include(if: true) '.repeat(n)} } }`;
    expect((await query(directives(limits.maxDirectives + 1))).body.errors?.[0]?.message).toMatch(/directive/i);
  });

  it(`refuse a document of more than ${limits.maxTokens} tokens before parsing it`, async () => {
    const huge = `{ ${'__typename '.repeat(limits.maxTokens)} }`;
    const refused = await query(huge);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors?.[0]?.message).toMatch(/token/i);
  });

  it('refuse an over-expensive query', async () => {
    const fields = 'id email firstName lastName phone company title country city state zipCode note';
    const wide = `{ ${Array.from({ length: limits.maxAliases }, (_, i) => `a${i}: ${nested(limits.maxDepth - 1, fields)}`).join(' ')} }`;
    expect((await query(wide)).body.errors?.[0]?.message).toMatch(/cost/i);
  });

  it('do not suggest field names outside development', async () => {
    const { body } = await query('{ contac(id: "x") { id } }');
    expect(body.errors?.[0]?.message).not.toMatch(/did you mean/i);
  });
});

describe('request limits', () => {
  it(`refuse a body over ${defaultHttpLimits.bodyLimitBytes} bytes with 413, on every protected route`, async () => {
    const huge = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(defaultHttpLimits.bodyLimitBytes) } });
    for (const path of ['/graphql', '/api/v1/idm/contacts/upsert']) {
      const response = await t.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: huge });
      expect(response.status, path).toBe(413);
    }
  });

  it('judge a body by its Content-Length when it has one: over the limit is refused unread, within it is served', async () => {
    const body = '{"query":"{ __typename }"}';
    const declaring = (length: number) => ({ method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(length) }, body });
    for (const path of ['/graphql', '/api/v1/idm/contacts/upsert']) {
      expect((await t.request(path, declaring(defaultHttpLimits.bodyLimitBytes + 1))).status, path).toBe(413);
    }
    const served = await t.request('/graphql', declaring(body.length));
    expect(served.status).toBe(200);
    expect(await served.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('take a full batch of 1,000 typical inputs, with room to spare in the body limit', async () => {
    const input = (i: number) => ({
      trackingId: `full-batch-${i}`.padEnd(40, 'x'),
      email: `full-batch-${i}`.padEnd(40, 'e') + '@example.com',
      firstName: 'F'.repeat(30),
      lastName: 'L'.repeat(30),
      company: 'C'.repeat(60),
      note: 'N'.repeat(200),
    });
    const query = 'mutation($inputs: [UpsertContactInput!]!) { upsertContacts(inputs: $inputs) { createdCount failedCount } }';
    const body = JSON.stringify({ query, variables: { inputs: Array.from({ length: 1000 }, (_, i) => input(i)) } });
    // Sent to an app with half the default limit: a batch twice as wordy would still fit the default.
    const halved = await startTestApp({ limits: { bodyLimitBytes: Math.floor(defaultHttpLimits.bodyLimitBytes / 2) } });
    try {
      const response = await halved.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { upsertContacts: { createdCount: 1000, failedCount: 0 } } });
    } finally {
      await halved.drop();
    }
  });

  it('refuse batched operations (an array of requests in one body)', async () => {
    const response = await t.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(Array.isArray(await response.json())).toBe(false);
  });

  it('refuse browser-style requests that a cross-site form could send, unless they carry the CSRF header', async () => {
    const simple = { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' };
    expect((await t.request('/graphql', simple)).status).toBe(403);
    expect((await t.request('/graphql?query=%7B__typename%7D')).status).toBe(403);
    const marked = await t.request('/graphql?query=%7B__typename%7D', { headers: { 'x-graphql-yoga-csrf': '1' } });
    expect(marked.status).toBe(200);
    const json = await t.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(json.status).toBe(200);
  });

  it('suggest field names in development only', async () => {
    const development = await startTestApp({ limits: { graphql: { ...limits, fieldSuggestions: true } } });
    try {
      const response = await development.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ contac(id: \\"x\\") { id } }"}' });
      expect(((await response.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/did you mean/i);
    } finally {
      await development.drop();
    }
  });
});
