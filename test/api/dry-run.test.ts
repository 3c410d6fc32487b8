/**
 * Dry runs on every upsert route: the same outcomes as the real call that
 * follows — created, updated, unchanged, invalid, TAKEN, in-batch order — and
 * not one row written.
 */
import { describe, expect, it } from 'vitest';
import { graphql } from '../graphql/index.js';
import type { UpsertContactInput } from '../graphql/graphql.js';
import { expectType, useTestApp } from '../support/app.js';

const DryRunUpsertContact = graphql(`
  mutation DryRunUpsertContact($input: UpsertContactInput!, $dryRun: Boolean) {
    upsertContact(input: $input, dryRun: $dryRun) {
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
        message
        fieldErrors {
          field
          code
          message
        }
      }
    }
  }
`);

const DryRunUpsertContacts = graphql(`
  mutation DryRunUpsertContacts($inputs: [UpsertContactInput!]!, $dryRun: Boolean) {
    upsertContacts(inputs: $inputs, dryRun: $dryRun) {
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
          message
          fieldErrors {
            field
            code
            message
          }
        }
      }
    }
  }
`);

const t = useTestApp();
const restPath = '/api/v1/idm/contacts/upsert';

/** Every contact of the workspace, every column: what "nothing was written" is checked against. */
const stored = () => t.db.models.contact.findMany({ where: { workspaceId: t.workspaceId }, orderBy: { id: 'asc' } });

/**
 * An outcome without what a dry run cannot share with the real call: the ids of
 * created contacts (not reserved), wherever they appear, and the timestamps.
 */
function comparable(outcome: unknown): unknown {
  let text = JSON.stringify(outcome, (key, value: unknown) => (key === 'createdAt' || key === 'updatedAt' ? undefined : value));
  for (const id of createdIds(outcome)) text = text.replaceAll(id, '<created>');
  return JSON.parse(text);
}

function createdIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(createdIds);
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  const own = record.result === 'CREATED' ? [(record.contact as { id: string }).id] : record.result === 'created' ? [record.id as string] : [];
  return [...own, ...Object.values(record).flatMap(createdIds)];
}

/** The scenarios each route is put through, on keys of its own; the first two seed the workspace. */
function scenarios(prefix: string) {
  const key = (name: string) => `${prefix}-${name}`;
  const seeded = { trackingId: key('seeded'), email: `${key('seeded')}@example.com`, firstName: 'Ada', lastName: 'Lovelace' };
  const byEmail = { email: `${key('by-email')}@example.com`, firstName: 'Grace', lastName: 'Hopper' };
  return {
    seeds: [seeded, byEmail],
    cases: {
      create: { trackingId: key('new'), email: `${key('new')}@example.com`, firstName: 'New', lastName: 'Person', city: 'Paris' },
      update: { trackingId: seeded.trackingId, city: 'London', phone: null },
      unchanged: { trackingId: seeded.trackingId, firstName: 'Ada', city: 'London' },
      updateByEmail: { email: byEmail.email.toUpperCase(), company: 'Navy' },
      invalid: { trackingId: key('invalid'), email: 'not an address', lastName: null },
      taken: { trackingId: key('taken'), email: byEmail.email, firstName: 'Other', lastName: 'Holder' },
    } satisfies Record<string, UpsertContactInput>,
  };
}

/** Sends one case dry, checks nothing changed, sends it for real; the two answers must agree. */
async function dryThenReal<T>(send: (dryRun: boolean) => Promise<T>): Promise<{ dry: T; real: T }> {
  const before = await stored();
  const dry = await send(true);
  expect(await stored()).toEqual(before);
  const real = await send(false);
  expect(comparable(dry)).toEqual(comparable(real));
  return { dry, real };
}

describe('upsertContact(dryRun: true)', () => {
  const upsert = async (input: UpsertContactInput, dryRun?: boolean) => (await t.run(DryRunUpsertContact, { input, dryRun })).upsertContact;

  it('answers created, updated, unchanged, invalid and TAKEN as the real call then does, writing nothing', async () => {
    const { seeds, cases } = scenarios('single');
    for (const seed of seeds) await upsert(seed);
    const created = await dryThenReal((dryRun) => upsert(cases.create, dryRun));
    expect(expectType(created.dry, 'UpsertContactSuccess')).toMatchObject({ result: 'CREATED', contact: { city: 'Paris' } });
    // The id is not reserved: the real call made its own contact.
    expect(expectType(created.dry, 'UpsertContactSuccess').contact.id).not.toBe(expectType(created.real, 'UpsertContactSuccess').contact.id);

    const updated = await dryThenReal((dryRun) => upsert(cases.update, dryRun));
    expect(expectType(updated.dry, 'UpsertContactSuccess')).toMatchObject({ result: 'UPDATED', matchedBy: 'TRACKING_ID', changedFields: ['city'] });
    const unchanged = await dryThenReal((dryRun) => upsert(cases.unchanged, dryRun));
    expect(expectType(unchanged.dry, 'UpsertContactSuccess')).toMatchObject({ result: 'UPDATED', changedFields: [] });
    const byEmail = await dryThenReal((dryRun) => upsert(cases.updateByEmail, dryRun));
    expect(expectType(byEmail.dry, 'UpsertContactSuccess')).toMatchObject({ matchedBy: 'EMAIL', changedFields: ['company'] });
    const invalid = await dryThenReal((dryRun) => upsert(cases.invalid, dryRun));
    expect(expectType(invalid.dry, 'ValidationError').fieldErrors.map((error) => error.code)).toEqual(['INVALID', 'REQUIRED', 'REQUIRED']);
    const taken = await dryThenReal((dryRun) => upsert(cases.taken, dryRun));
    expect(expectType(taken.dry, 'ValidationError').fieldErrors).toEqual([{ field: 'email', code: 'TAKEN', message: expect.stringMatching(/contact \S+/) }]);
  });

  it('writes when dryRun is false or not given', async () => {
    const input = { trackingId: 'single-explicit', email: 'single-explicit@example.com', firstName: 'A', lastName: 'B' };
    await upsert(input, false);
    await upsert({ ...input, trackingId: 'single-default', email: 'single-default@example.com' });
    expect(await t.db.models.contact.count({ where: { trackingId: { in: ['single-explicit', 'single-default'] } } })).toBe(2);
  });
});

describe('upsertContacts(dryRun: true)', () => {
  const upsertMany = async (inputs: UpsertContactInput[], dryRun?: boolean) => (await t.run(DryRunUpsertContacts, { inputs, dryRun })).upsertContacts;

  it('answers every item and the counts as the real batch then does, writing nothing', async () => {
    const { seeds, cases } = scenarios('batch');
    await upsertMany(seeds);
    const { dry } = await dryThenReal((dryRun) => upsertMany(Object.values(cases), dryRun));
    expect(dry).toMatchObject({ createdCount: 1, updatedCount: 3, unchangedCount: 1, failedCount: 2 });
  });

  it('lets a later item match what an earlier item of the same batch would create', async () => {
    const chain: UpsertContactInput[] = [
      { trackingId: 'chain-1', email: 'chain@example.com', firstName: 'First', lastName: 'Version' },
      { email: 'CHAIN@example.com', firstName: 'Second' },
      { trackingId: 'chain-1', lastName: 'Third' },
      { trackingId: 'chain-2', email: 'Chain@Example.com', firstName: 'Taken', lastName: 'Email' },
      { trackingId: 'chain-1', lastName: 'Third' },
    ];
    const { dry } = await dryThenReal((dryRun) => upsertMany(chain, dryRun));
    expect(dry.results.map((result) => (result.__typename === 'UpsertContactSuccess' ? [result.result, result.matchedBy, result.changedFields] : result.fieldErrors.map((e) => e.code)))).toEqual([
      ['CREATED', null, ['trackingId', 'email', 'firstName', 'lastName']],
      ['UPDATED', 'EMAIL', ['firstName']],
      ['UPDATED', 'TRACKING_ID', ['lastName']],
      ['TAKEN'],
      ['UPDATED', 'TRACKING_ID', []],
    ]);
    // The TAKEN item names the contact the first item would create, as the real call names the one it created.
    const taken = expectType(dry.results[3]!, 'ValidationError').fieldErrors[0]!.message;
    expect(taken).toContain(expectType(dry.results[0]!, 'UpsertContactSuccess').contact.id);
  });

  it('runs dry batches alongside real ones without writing, on both databases', async () => {
    const inputs = (n: number) => Array.from({ length: 50 }, (_, i) => ({ trackingId: `parallel-${n}-${i}`, email: `parallel-${n}-${i}@example.com`, firstName: 'P', lastName: `${i}` }));
    const answers = await Promise.all([0, 1, 2, 3, 4, 5].map((n) => upsertMany(inputs(n), n % 2 === 0)));
    expect(answers.map((answer) => answer.createdCount)).toEqual([50, 50, 50, 50, 50, 50]);
    const written = await t.db.models.contact.findMany({ where: { trackingId: { startsWith: 'parallel-' } }, select: { trackingId: true } });
    expect(new Set(written.map((row) => row.trackingId!.split('-')[1]))).toEqual(new Set(['1', '3', '5']));
  });
});

describe('REST ?dryRun=true', () => {
  const post = async (input: UpsertContactInput, query = '') => {
    const response = await t.request(`${restPath}${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('answers 200, 400 and 409 as the real call then does, writing nothing', async () => {
    const { seeds, cases } = scenarios('rest');
    for (const seed of seeds) await post(seed);
    const send = (input: UpsertContactInput) => (dryRun: boolean) => post(input, dryRun ? '?dryRun=true' : '');
    expect((await dryThenReal(send(cases.create))).dry).toMatchObject({ status: 200, body: { result: 'created', city: 'Paris' } });
    expect((await dryThenReal(send(cases.update))).dry).toMatchObject({ status: 200, body: { result: 'updated', city: 'London' } });
    expect((await dryThenReal(send(cases.unchanged))).dry).toMatchObject({ status: 200, body: { result: 'updated' } });
    expect((await dryThenReal(send(cases.invalid))).dry).toMatchObject({ status: 400, body: { error: 'validation_error', field: 'email' } });
    expect((await dryThenReal(send(cases.taken))).dry).toMatchObject({ status: 409, body: { error: 'conflict', field: 'email' } });
  });

  it('writes with dryRun=false, and refuses a value that is neither true nor false', async () => {
    const input = { trackingId: 'rest-flag', email: 'rest-flag@example.com', firstName: 'F', lastName: 'L' };
    expect(await post(input, '?dryRun=maybe')).toMatchObject({ status: 400, body: { error: 'validation_error' } });
    expect(await t.db.models.contact.count({ where: { trackingId: 'rest-flag' } })).toBe(0);
    expect((await post(input, '?dryRun=false')).body).toMatchObject({ result: 'created' });
    expect(await t.db.models.contact.count({ where: { trackingId: 'rest-flag' } })).toBe(1);
  });

  it('still records the request in the request log', async () => {
    await t.requestLog.flush();
    const before = await t.db.models.requestLog.count({ where: { workspaceId: t.workspaceId, path: restPath } });
    await post({ trackingId: 'rest-logged', email: 'rest-logged@example.com', firstName: 'L', lastName: 'Og' }, '?dryRun=true');
    await t.requestLog.flush();
    expect(await t.db.models.requestLog.count({ where: { workspaceId: t.workspaceId, path: restPath } })).toBe(before + 1);
  });
});
