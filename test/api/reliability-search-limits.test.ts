/**
 * `contacts(search:)` is bounded, so that no search can hold the server: a search longer or of more
 * words than the limits is a client error naming the argument, and one at the
 * limits still runs.
 */
import { describe, expect, it } from 'vitest';
import { maxSearchLength, maxSearchWords } from '../../src/contacts/search.js';
import { useTestApp } from '../support/app.js';

const t = useTestApp();

const Search = /* GraphQL */ `
  query Search($search: String) {
    contacts(search: $search) { totalCount edges { node { trackingId } } }
  }
`;

async function search(text: string) {
  const response = await t.request('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: Search, variables: { search: text } }),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: { contacts: { totalCount: number; edges: { node: { trackingId: string } }[] } } | null;
      errors?: { message: string; extensions?: { code?: string; argumentName?: string } }[];
    },
  };
}

function expectRefused(result: Awaited<ReturnType<typeof search>>) {
  expect(result.body.errors, JSON.stringify(result.body)).toHaveLength(1);
  const [error] = result.body.errors!;
  expect(error!.extensions?.code).toBe('BAD_USER_INPUT');
  expect(error!.extensions?.argumentName).toBe('search');
  expect(error!.message).toMatch(/^search /);
}

describe('contacts(search:) limits', () => {
  it('finds with as many words as allowed, and refuses one word more', async () => {
    const upsert = await t.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: UpsertContactInput!) { upsertContact(input: $input) { __typename } }',
        variables: { input: { trackingId: 'search-limit-1', email: 'ada.lovelace@example.com', firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical Engines' } },
      }),
    });
    expect(upsert.status).toBe(200);

    const words = ['ada', 'love', 'lace', 'ana', 'lyt', 'engines', 'example', 'search', 'limit', '1', 'ical', 'a', 'e', 'l', 'o', 'v', 'n', 'g', 'i', 's'];
    const allowed = words.slice(0, maxSearchWords);
    const found = await search(allowed.join(' '));
    expect(found.body.errors).toBeUndefined();
    expect(found.body.data!.contacts.edges.map((edge) => edge.node.trackingId)).toEqual(['search-limit-1']);

    expectRefused(await search([...allowed, 'zzz'].join(' ')));
  });

  it('counts repeated words once', async () => {
    const result = await search(Array.from({ length: maxSearchWords * 3 }, () => 'ADA').join(' '));
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!.contacts.totalCount).toBe(1);
  });

  it(`accepts ${maxSearchLength} characters (code points) and refuses one more`, async () => {
    const atLimit = `${'é'.repeat(maxSearchLength - 1)}𝔸`; // the last is two UTF-16 units, one character
    expect([...atLimit]).toHaveLength(maxSearchLength);
    const result = await search(atLimit);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!.contacts.totalCount).toBe(0);
    expectRefused(await search(`${atLimit}x`));
  });

  it('refuses the 20,000-word search of the report as a client error, not a masked one', async () => {
    const huge = Array.from({ length: 20_000 }, (_, i) => `w${i}`).join(' ');
    const result = await search(huge);
    expect(result.status).toBe(200);
    expectRefused(result);
    expect(result.body.data).toBeNull();
  });

  it('refuses 2,000 distinct short words (a masked error on SQLite before)', async () => {
    const result = await search(Array.from({ length: 2_000 }, (_, i) => `${i}`).join(' ').slice(0, maxSearchLength));
    expectRefused(result);
  });
});
