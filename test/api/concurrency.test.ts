/**
 * Concurrent upserts of the same key end with exactly one contact: one CREATED,
 * the rest UPDATED, and no caller ever sees an error (a lost race is retried).
 */
import { describe, expect, it } from 'vitest';
import type { UpsertContactInput } from '../graphql/graphql.js';
import { expectType, useTestApp } from '../support/app.js';
import { UpsertContact } from '../support/documents.js';

const t = useTestApp();

async function upsertAll(inputs: UpsertContactInput[]) {
  const results = await Promise.all(inputs.map((input) => t.execute(UpsertContact, { input })));
  for (const result of results) expect(result.errors).toBeUndefined();
  return results.map((result) => expectType(result.data!.upsertContact, 'UpsertContactSuccess'));
}

const tally = (results: { result: string }[]) => ({
  created: results.filter((r) => r.result === 'CREATED').length,
  updated: results.filter((r) => r.result === 'UPDATED').length,
});

describe('parallel identical upserts', () => {
  const parallel = 100;

  it(`${parallel} with one new trackingId make one contact`, async () => {
    const input = { trackingId: 'parallel-tracking', email: 'parallel.tracking@example.com', firstName: 'Par', lastName: 'Allel' };
    const results = await upsertAll(Array.from({ length: parallel }, () => input));
    expect(tally(results)).toEqual({ created: 1, updated: parallel - 1 });
    expect(new Set(results.map((r) => r.contact.id)).size).toBe(1);
    expect(await t.db.models.contact.count({ where: { trackingId: 'parallel-tracking' } })).toBe(1);
  });

  it(`${parallel} with one email in varied case (no trackingId) make one contact`, async () => {
    const casings = ['Case.Varied@Example.com', 'case.varied@example.com', 'CASE.VARIED@EXAMPLE.COM', ' case.VARIED@example.COM '];
    const inputs = Array.from({ length: parallel }, (_, i) => ({ email: casings[i % casings.length]!, firstName: 'Var', lastName: 'Ied' }));
    const results = await upsertAll(inputs);
    expect(tally(results)).toEqual({ created: 1, updated: parallel - 1 });
    expect(new Set(results.map((r) => r.contact.id)).size).toBe(1);
    expect(await t.db.models.contact.count({ where: { emailKey: 'case.varied@example.com' } })).toBe(1);
  });
});

describe('parallel upserts over several keys', () => {
  it('200 requests over 20 keys make 20 contacts, with results that some serial order explains', async () => {
    const keys = 20;
    const notes = ['A', 'B'];
    const inputs = Array.from({ length: 200 }, (_, i) => ({
      trackingId: `many-${i % keys}`,
      email: `many-${i % keys}@example.com`,
      firstName: 'Many',
      lastName: `Key${i % keys}`,
      note: notes[Math.floor(Math.random() * notes.length)]!,
    }));
    const results = await upsertAll(inputs);
    expect(await t.db.models.contact.count({ where: { trackingId: { startsWith: 'many-' } } })).toBe(keys);

    for (let key = 0; key < keys; key++) {
      const mine = results
        .map((result, i) => ({ ...result, note: inputs[i]!.note }))
        .filter((result) => result.contact.trackingId === `many-${key}`);
      expect(mine).toHaveLength(200 / keys);
      expect(tally(mine)).toEqual({ created: 1, updated: mine.length - 1 });
      const stored = await t.db.models.contact.findFirstOrThrow({ where: { trackingId: `many-${key}` } });
      expectSerializable(mine, stored.note!);
    }
  });
});

/**
 * With two possible values, a serial history is a run of requests with the
 * created value, then runs that each begin with a request that reported the
 * note as changed, alternating values. It exists only if the changed reports
 * alternate from the created value, unchanged reports name a value some run
 * has, and the stored value is the last run's.
 */
function expectSerializable(results: { result: string; note: string; changedFields: string[] }[], stored: string) {
  const created = results.find((r) => r.result === 'CREATED')!;
  const other = created.note === 'A' ? 'B' : 'A';
  const updates = results.filter((r) => r !== created);
  const changed = updates.filter((r) => r.changedFields.includes('note'));
  const unchanged = updates.filter((r) => !r.changedFields.includes('note'));
  for (const r of updates) expect(r.changedFields.filter((field) => field !== 'note')).toEqual([]);
  expect(changed.filter((r) => r.note === other)).toHaveLength(Math.ceil(changed.length / 2));
  expect(changed.filter((r) => r.note === created.note)).toHaveLength(Math.floor(changed.length / 2));
  if (changed.length === 0) expect(unchanged.every((r) => r.note === created.note)).toBe(true);
  expect(stored).toBe(changed.length % 2 === 0 ? created.note : other);
}
