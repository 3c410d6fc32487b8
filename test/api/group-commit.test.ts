/**
 * Single upserts that arrive together share a transaction (group commit),
 * and each still gets the answer it would have got alone.
 */
import { expect, it } from 'vitest';
import { expectType, useTestApp } from '../support/app.js';
import { UpsertContact } from '../support/documents.js';

let trackingIdLookups = 0;
const t = useTestApp({
  database: {
    onQuery: (sql) => {
      if (/"workspaceId" = \S+ AND "trackingId"/.test(sql)) trackingIdLookups++;
    },
  },
});

it('parallel single upserts are looked up and written in far fewer transactions than requests', async () => {
  const inputs = Array.from({ length: 40 }, (_, i) => ({
    trackingId: `group-${i}`,
    email: `group-${i}@example.com`,
    firstName: 'Group',
    lastName: `Member ${i}`,
  }));
  // One invalid member must not spoil the group.
  const invalid = { trackingId: 'group-invalid', email: 'not an address', firstName: 'Bad', lastName: 'Email' };
  trackingIdLookups = 0;
  const [rejected, ...results] = await Promise.all([invalid, ...inputs].map((input) => t.execute(UpsertContact, { input })));

  expect(expectType(rejected!.data!.upsertContact, 'ValidationError').fieldErrors).toEqual([
    { field: 'email', code: 'INVALID', message: 'email is not a valid email address' },
  ]);
  results.forEach((result, i) => {
    const success = expectType(result.data!.upsertContact, 'UpsertContactSuccess');
    expect(success.result).toBe('CREATED');
    expect(success.contact).toMatchObject(inputs[i]!);
  });
  expect(await t.db.models.contact.count({ where: { trackingId: { startsWith: 'group-' } } })).toBe(inputs.length);
  expect(trackingIdLookups).toBeGreaterThan(0);
  // One per transaction: without grouping, one per request.
  expect(trackingIdLookups).toBeLessThan(inputs.length / 2);
});
