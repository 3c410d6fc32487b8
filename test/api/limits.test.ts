/** GraphQL Armor's limits refuse abusive documents cheaply, and leave legitimate ones alone. */
import { getIntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';
import { defaultGraphQLLimits as limits } from '../../src/graphql-limits.js';
import { useTestApp } from '../support/app.js';

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
