/**
 * GraphQL without a valid key: the schema may be read (introspection, as GraphiQL does on
 * opening), anything else gets a GraphQL-shaped 401 that GraphiQL can show.
 */
import { getIntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';
import { headersPlaceholder } from '../../src/graphql/graphiql.js';
import { useTestApp } from '../support/app.js';

const t = useTestApp();

const placeholder = (JSON.parse(headersPlaceholder) as { Authorization: string }).Authorization;

function post(body: string, headers: Record<string, string> = {}) {
  return t.app.request('/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}
const query = (text: string, operationName?: string) => JSON.stringify({ query: text, operationName });

async function expectUnauthenticated(response: Response) {
  expect(response.status).toBe(401);
  expect(response.headers.get('www-authenticate')).toBe('Bearer');
  expect(await response.json()).toEqual({
    errors: [{ message: expect.stringContaining('Headers tab') as string, extensions: { code: 'UNAUTHENTICATED' } }],
  });
}

describe('introspection without a key', () => {
  it("answers GraphiQL's introspection query, with no key or with the Headers tab's placeholder", async () => {
    for (const headers of [{}, { authorization: placeholder }, { authorization: 'Bearer cak_unknown' }] as Record<string, string>[]) {
      const response = await post(query(getIntrospectionQuery(), 'IntrospectionQuery'), headers);
      expect(response.status, JSON.stringify(headers)).toBe(200);
      const { data, errors } = (await response.json()) as { data?: { __schema: { types: { name: string }[] } }; errors?: unknown };
      expect(errors).toBeUndefined();
      expect(data!.__schema.types.map(({ name }) => name)).toContain('UpsertContactSuccess');
    }
  });

  it('answers __type', async () => {
    const response = await post(query('{ __type(name: "Contact") { name } }'));
    expect(await response.json()).toEqual({ data: { __type: { name: 'Contact' } } });
  });

  it('still hides field suggestions', async () => {
    const response = await post(query('{ __schema { queryTyp { name } } }'));
    const text = await response.text();
    expect(text).toContain('Cannot query field');
    expect(text).not.toMatch(/Did you mean/);
  });
});

describe('everything else without a key', () => {
  it('gets a GraphQL-shaped 401', async () => {
    const refused = [
      query('{ recentRequests { id } }'),
      // A key check must fail without a key, though __typename is a meta-field.
      query('{ __typename }'),
      query('{ __schema { queryType { name } } recentRequests { id } }'),
      query('{ ... on Query { __schema { queryType { name } } } }'),
      query('mutation { __typename }'),
      query('query A { __schema { queryType { name } } } mutation B { __typename }', 'B'),
      query('query A { __schema { queryType { name } } } query B { __schema { queryType { name } } }'),
      query('{ __schema { queryType { name } '),
      '{',
      '{}',
      JSON.stringify([{ query: '{ __schema { queryType { name } } }' }]),
    ];
    for (const body of refused) await expectUnauthenticated(await post(body));
    await expectUnauthenticated(await post(query('{ recentRequests { id } }'), { authorization: placeholder }));
  });

  it('gets it even for a body Yoga would not parse', async () => {
    await expectUnauthenticated(await post('<query/>', { 'content-type': 'application/xml' }));
  });

  it('is answered over GET too', async () => {
    const response = await t.app.request(`/graphql?query=${encodeURIComponent('{ recentRequests { id } }')}`, {
      headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' },
    });
    await expectUnauthenticated(response);
  });
});

it('with a key, introspection and everything else run as the workspace', async () => {
  const response = await t.request('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: query('{ __typename recentRequests(first: 1) { id } }'),
  });
  expect(await response.json()).toEqual({ data: { __typename: 'Query', recentRequests: expect.any(Array) } });
});
