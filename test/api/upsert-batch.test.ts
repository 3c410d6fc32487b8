/** upsertContacts: a batch behaves like the same upserts sent one after another. */
import { describe, expect, it } from 'vitest';
import { graphql } from '../graphql/index.js';
import type { UpsertContactInput } from '../graphql/graphql.js';
import { expectType, useTestApp } from '../support/app.js';
import { UpsertContact } from '../support/documents.js';

const UpsertContacts = graphql(`
  mutation UpsertContacts($inputs: [UpsertContactInput!]!) {
    upsertContacts(inputs: $inputs) {
      createdCount
      updatedCount
      unchangedCount
      failedCount
      results {
        __typename
        ... on UpsertContactSuccess {
          result
          matchedBy
          changedFields
          contact {
            ...ContactFields
          }
        }
        ... on ValidationError {
          fieldErrors {
            field
            code
          }
        }
      }
    }
  }
`);

const t = useTestApp();
let serial = 0;
const key = (prefix: string) => `${prefix}-${++serial}-${Math.random().toString(36).slice(2, 8)}`;
const person = (overrides: UpsertContactInput = {}): UpsertContactInput => ({
  trackingId: key('batch'),
  email: `${key('b')}@example.com`,
  firstName: 'Bat',
  lastName: 'Ch',
  ...overrides,
});

/** What the single mutation answers, with the fields a comparison can rely on. */
function comparable(payload: { __typename?: string } & Record<string, unknown>) {
  if (payload.__typename === 'ValidationError') {
    return { __typename: payload.__typename, fieldErrors: (payload.fieldErrors as { field: string; code: string }[]).map(({ field, code }) => ({ field, code })) };
  }
  const { contact, ...rest } = payload as { contact: Record<string, unknown> };
  const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = contact;
  return { ...rest, contact: fields };
}

describe('upsertContacts', () => {
  it('answers results in input order, each item on its own, with counts', async () => {
    const existing = person();
    await t.run(UpsertContact, { input: existing });
    const inputs = [person(), { ...existing, title: 'Dr' }, { trackingId: key('bad'), phone: '1'.repeat(51) }, person({ email: 'not-an-email' })];
    const { upsertContacts } = await t.run(UpsertContacts, { inputs });
    expect(upsertContacts.results.map((r) => r.__typename)).toEqual(['UpsertContactSuccess', 'UpsertContactSuccess', 'ValidationError', 'ValidationError']);
    expect(expectType(upsertContacts.results[0]!, 'UpsertContactSuccess').result).toBe('CREATED');
    expect(expectType(upsertContacts.results[1]!, 'UpsertContactSuccess')).toMatchObject({ result: 'UPDATED', changedFields: ['title'] });
    expect(upsertContacts).toMatchObject({ createdCount: 1, updatedCount: 1, unchangedCount: 0, failedCount: 2 });
    expect(await t.db.models.contact.count({ where: { trackingId: inputs[2]!.trackingId! } })).toBe(0);
  });

  it('gives every item the same answer as the same upserts sent one after another', async () => {
    const a = key('same');
    const email = `${key('shared')}@example.com`;
    const sequence: UpsertContactInput[] = [
      { trackingId: a, email, firstName: 'First', lastName: 'Version' },
      { trackingId: a, firstName: 'Second' },
      { email: email.toUpperCase(), company: 'Acme' },
      { trackingId: key('other'), email, firstName: 'Taken', lastName: 'Email' },
      { trackingId: a, firstName: 'Second' },
      { trackingId: a, note: null, company: '  ' },
    ];
    const batchResults = (await t.run(UpsertContacts, { inputs: sequence })).upsertContacts.results;
    const batchState = await t.db.models.contact.findFirstOrThrow({ where: { trackingId: a } });

    await t.db.models.contact.deleteMany({ where: { OR: [{ trackingId: a }, { emailKey: email }] } });
    const singleResults = [];
    for (const input of sequence) singleResults.push((await t.run(UpsertContact, { input })).upsertContact);
    const singleState = await t.db.models.contact.findFirstOrThrow({ where: { trackingId: a } });

    expect(batchResults.map(comparable)).toEqual(singleResults.map(comparable));
    const { id: _a, createdAt: _b, updatedAt: _c, ...batchFields } = batchState;
    const { id: _d, createdAt: _e, updatedAt: _f, ...singleFields } = singleState;
    expect(batchFields).toEqual(singleFields);
  });

  it('writes nothing for a replay and keeps updatedAt', async () => {
    const inputs = [person(), person(), person()];
    const first = await t.run(UpsertContacts, { inputs });
    const replay = await t.run(UpsertContacts, { inputs });
    expect(replay.upsertContacts).toMatchObject({ createdCount: 0, updatedCount: 3, unchangedCount: 3, failedCount: 0 });
    for (const [i, result] of replay.upsertContacts.results.entries()) {
      const success = expectType(result, 'UpsertContactSuccess');
      expect(success.changedFields).toEqual([]);
      expect(success.contact).toEqual(expectType(first.upsertContacts.results[i]!, 'UpsertContactSuccess').contact);
    }
  });

  it('returns contacts exactly as they are then stored', async () => {
    const { upsertContacts } = await t.run(UpsertContacts, { inputs: [person({ city: 'Oslo' })] });
    const returned = expectType(upsertContacts.results[0]!, 'UpsertContactSuccess').contact;
    const { workspaceId: _w, emailKey: _e, searchText: _s, ...stored } = await t.db.models.contact.findUniqueOrThrow({ where: { id: returned.id } });
    expect(returned).toEqual({ ...stored, createdAt: stored.createdAt.toISOString(), updatedAt: stored.updatedAt.toISOString() });
    expect(returned.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('stores every update of a batch, whatever fields each changes, as it returns it', async () => {
    const [a, b, c] = [person(), person(), person()];
    await t.run(UpsertContacts, { inputs: [a, b, c] });
    const changes = [{ ...a, title: 'CEO' }, { ...b, city: 'Bergen', phone: '+47 123' }, { ...c, title: 'CTO' }, { ...a, note: 'Met in Oslo' }];
    const { upsertContacts } = await t.run(UpsertContacts, { inputs: changes });
    const results = upsertContacts.results.map((result) => expectType(result, 'UpsertContactSuccess'));
    expect(results.map((result) => result.changedFields)).toEqual([['title'], ['phone', 'city'], ['title'], ['note']]);
    for (const returned of [results[3]!.contact, results[1]!.contact, results[2]!.contact]) {
      const { workspaceId: _w, emailKey: _e, searchText: _s, ...stored } = await t.db.models.contact.findUniqueOrThrow({ where: { id: returned.id } });
      expect(returned).toEqual({ ...stored, createdAt: stored.createdAt.toISOString(), updatedAt: stored.updatedAt.toISOString() });
    }
    expect(results[3]!.contact).toMatchObject({ title: 'CEO', note: 'Met in Oslo' });
  });

  it('accepts 1,000 inputs and refuses 1,001 as a request error, writing nothing', async () => {
    const prefix = key('limit');
    const inputs = Array.from({ length: 1001 }, (_, i) => person({ trackingId: `${prefix}-${i}`, email: `${prefix}-${i}@example.com` }));
    const refused = await t.execute(UpsertContacts, { inputs });
    expect(refused.data).toBeFalsy();
    expect(refused.errors?.[0]?.message).toMatch(/at most 1000 inputs/);
    expect(await t.db.models.contact.count({ where: { trackingId: { startsWith: prefix } } })).toBe(0);
    const accepted = await t.run(UpsertContacts, { inputs: inputs.slice(0, 1000) });
    expect(accepted.upsertContacts.createdCount).toBe(1000);
    expect(await t.db.models.contact.count({ where: { trackingId: { startsWith: prefix } } })).toBe(1000);
  });

  it('never duplicates a contact when concurrent batches overlap in keys', async () => {
    const prefix = key('overlap');
    const keys = Array.from({ length: 30 }, (_, i) => `${prefix}-${i}`);
    const batches = Array.from({ length: 8 }, (_, b) =>
      keys
        .filter((_, i) => (i + b) % 3 !== 0)
        .map((trackingId) => ({ trackingId, email: `${trackingId}@example.com`, firstName: 'Over', lastName: `Lap${b}` })),
    );
    const answers = await Promise.all(batches.map((inputs) => t.execute(UpsertContacts, { inputs })));
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.upsertContacts.failedCount).toBe(0);
    }
    const created = answers.reduce((sum, answer) => sum + answer.data!.upsertContacts.createdCount, 0);
    expect(created).toBe(keys.length);
    expect(await t.db.models.contact.count({ where: { trackingId: { startsWith: prefix } } })).toBe(keys.length);
  });
});
