/**
 * Bad input, generated: whatever a client sends to /graphql or the REST route,
 * the answer is never a 500 and never a hang (the test's timeout catches one), and
 * the server stays healthy.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contactFields } from '../../src/contacts/fields.js';
import { useTestApp } from '../support/app.js';

const t = useTestApp();
const numRuns = Number(process.env.FUZZ_RUNS ?? 150);

/** Strings a careless or hostile client might send: odd Unicode, controls, lone surrogates, huge. */
const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('\u0000', '\ud800', 'a\u202eb', '\uFEFF', '\r\n', '𝕏'.repeat(300), ' '.repeat(20)),
  fc.integer({ min: 10_000, max: 200_000 }).map((n) => 'x'.repeat(n)),
);
const anyValue = fc.oneof(nastyString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.json().map((j) => JSON.parse(j) as unknown));
const contactLike = fc.dictionary(fc.oneof(fc.constantFrom(...contactFields), fc.string({ maxLength: 10 })), anyValue, { maxKeys: 20 });
const deepJson = fc.integer({ min: 100, max: 5000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`);
const rawBody = fc.oneof(
  fc.json(),
  fc.string({ unit: 'binary', maxLength: 200 }),
  deepJson,
  contactLike.map((input) => JSON.stringify(input)),
);

async function send(path: string, body: string, contentType = 'application/json') {
  const response = await t.request(path, { method: 'POST', headers: { 'content-type': contentType }, body });
  await response.arrayBuffer();
  return response.status;
}

describe('fuzzed input', () => {
  it('POST /graphql: arbitrary bodies, queries and upsert inputs never get a 500', async () => {
    const graphqlBody = fc.oneof(
      rawBody,
      fc.record({ query: fc.string({ maxLength: 200 }), variables: anyValue }).map((b) => JSON.stringify(b)),
      contactLike.map((input) =>
        JSON.stringify({ query: 'mutation($input: UpsertContactInput!) { upsertContact(input: $input) { __typename } }', variables: { input } }),
      ),
      fc.array(contactLike, { maxLength: 5 }).map((inputs) =>
        JSON.stringify({ query: 'mutation($inputs: [UpsertContactInput!]!) { upsertContacts(inputs: $inputs) { failedCount } }', variables: { inputs } }),
      ),
      fc.integer({ min: 50, max: 3000 }).map((depth) => JSON.stringify({ query: `{ ${'contact(id: "x") { clients { contacts { '.repeat(depth)} id ${'} } }'.repeat(depth)} }` })),
    );
    await fc.assert(
      fc.asyncProperty(graphqlBody, fc.constantFrom('application/json', 'text/plain', 'application/graphql'), async (body, contentType) => {
        expect(await send('/graphql', body, contentType)).toBeLessThan(500);
      }),
      { numRuns },
    );
  });

  it('POST /api/v1/idm/contacts/upsert: arbitrary bodies never get a 500', async () => {
    await fc.assert(
      fc.asyncProperty(rawBody, async (body) => {
        expect(await send('/api/v1/idm/contacts/upsert', body)).toBeLessThan(500);
      }),
      { numRuns },
    );
  });

  it('leaves the server healthy and the data sound', async () => {
    expect((await t.request('/health')).status).toBe(200);
    expect((await t.request('/ready')).status).toBe(200);
    const contacts = await t.db.models.contact.findMany();
    for (const contact of contacts) {
      expect(contact.firstName.trim()).toBe(contact.firstName);
      expect(contact.firstName).not.toBe('');
      expect(contact.emailKey).toBe(contact.email.toLowerCase());
    }
  });
});
