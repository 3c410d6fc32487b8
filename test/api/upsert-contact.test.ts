/** upsertContact, rule by rule, as spec/upsert-contact.md states it. */
import { describe, expect, it, vi } from 'vitest';
import type { UpsertContactInput } from '../graphql/graphql.js';
import { expectType, useTestApp } from '../support/app.js';
import { ContactByEmail, ContactById, ContactByTrackingId, UpsertContact } from '../support/documents.js';

const t = useTestApp();
let serial = 0;
/** Keys no other test uses, so that each test reads as if on an empty database. */
const unique = (prefix: string) => `${prefix}-${++serial}-${Math.random().toString(36).slice(2, 8)}`;
const newEmail = () => `${unique('person')}@example.com`;

async function upsert(input: UpsertContactInput) {
  return (await t.run(UpsertContact, { input })).upsertContact;
}
async function upsertOk(input: UpsertContactInput) {
  return expectType(await upsert(input), 'UpsertContactSuccess');
}
async function upsertRejected(input: UpsertContactInput) {
  return expectType(await upsert(input), 'ValidationError');
}
const contactCount = () => t.db.models.contact.count();
const codes = (error: { fieldErrors: { field: string; code: string }[] }) =>
  error.fieldErrors.map(({ field, code }) => `${field}:${code}`).sort();

describe('matching', () => {
  it('creates a contact carrying a new trackingId', async () => {
    const trackingId = unique('crm');
    const email = newEmail();
    const created = await upsertOk({ trackingId, email, firstName: 'Ada', lastName: 'Lovelace' });
    expect(created.result).toBe('CREATED');
    expect(created.matchedBy).toBeNull();
    expect(created.contact).toMatchObject({ trackingId, email, firstName: 'Ada', lastName: 'Lovelace' });
    expect(created.changedFields).toEqual(['trackingId', 'email', 'firstName', 'lastName']);
  });

  it('updates the contact with that trackingId', async () => {
    const trackingId = unique('crm');
    const first = await upsertOk({ trackingId, email: newEmail(), firstName: 'Ada', lastName: 'Lovelace' });
    const second = await upsertOk({ trackingId, firstName: 'Augusta' });
    expect(second).toMatchObject({ result: 'UPDATED', matchedBy: 'TRACKING_ID', changedFields: ['firstName'] });
    expect(second.contact.id).toBe(first.contact.id);
    expect(second.contact.firstName).toBe('Augusta');
  });

  it('matches trackingId exactly and case-sensitively', async () => {
    const trackingId = unique('Crm');
    const lower = await upsertOk({ trackingId: trackingId.toLowerCase(), email: newEmail(), firstName: 'A', lastName: 'B' });
    const upper = await upsertOk({ trackingId: trackingId.toUpperCase(), email: newEmail(), firstName: 'A', lastName: 'B' });
    expect(upper.result).toBe('CREATED');
    expect(upper.contact.id).not.toBe(lower.contact.id);
  });

  it('with only an email, updates the contact whose email equals it case-insensitively', async () => {
    const email = newEmail();
    const first = await upsertOk({ email: email.toUpperCase(), firstName: 'Grace', lastName: 'Hopper' });
    const second = await upsertOk({ email: `  ${email.toLowerCase()} `, company: 'Navy' });
    expect(second).toMatchObject({ result: 'UPDATED', matchedBy: 'EMAIL', changedFields: ['company'] });
    expect(second.contact.id).toBe(first.contact.id);
    // The stored address is not changed by an upsert, not even its case.
    expect(second.contact.email).toBe(email.toUpperCase());
  });

  it('with only an email that matches nothing, creates a contact', async () => {
    const email = newEmail();
    const created = await upsertOk({ email, firstName: 'Alan', lastName: 'Turing' });
    expect(created).toMatchObject({ result: 'CREATED', matchedBy: null });
    expect(created.contact.trackingId).toBeNull();
  });

  it('rejects input with neither trackingId nor email, on both fields, writing nothing', async () => {
    const before = await contactCount();
    for (const input of [{ firstName: 'No', lastName: 'Key' }, { trackingId: '  ', email: null, firstName: 'No', lastName: 'Key' }]) {
      const rejected = await upsertRejected(input);
      expect(codes(rejected)).toEqual(['email:REQUIRED', 'trackingId:REQUIRED']);
    }
    expect(await contactCount()).toBe(before);
  });

  it('with both, matches by trackingId only and neither compares nor changes the email', async () => {
    const trackingId = unique('crm');
    const email = newEmail();
    const created = await upsertOk({ trackingId, email, firstName: 'Katherine', lastName: 'Johnson' });
    const updated = await upsertOk({ trackingId, email: newEmail(), firstName: 'Katherine', lastName: 'Johnson', city: 'Hampton' });
    expect(updated).toMatchObject({ result: 'UPDATED', matchedBy: 'TRACKING_ID', changedFields: ['city'] });
    expect(updated.contact.id).toBe(created.contact.id);
    expect(updated.contact.email).toBe(email);
  });

  it('with both and no trackingId match, creates a contact with both', async () => {
    const trackingId = unique('crm');
    const email = newEmail();
    const created = await upsertOk({ trackingId, email, firstName: 'Mary', lastName: 'Jackson' });
    expect(created.result).toBe('CREATED');
    expect(created.contact).toMatchObject({ trackingId, email });
  });

  it('refuses to create a contact (by trackingId) whose email another contact has: TAKEN naming it', async () => {
    const email = newEmail();
    const holder = await upsertOk({ email, firstName: 'First', lastName: 'Holder' });
    const before = await contactCount();
    const rejected = await upsertRejected({ trackingId: unique('crm'), email: email.toUpperCase(), firstName: 'Second', lastName: 'Person' });
    expect(rejected.fieldErrors).toEqual([{ field: 'email', code: 'TAKEN', message: expect.stringContaining(holder.contact.id) }]);
    expect(await contactCount()).toBe(before);
  });

  it('allows any number of contacts without a trackingId', async () => {
    const results = await Promise.all([1, 2, 3].map(() => upsertOk({ email: newEmail(), firstName: 'No', lastName: 'Tracking' })));
    expect(results.map((r) => r.result)).toEqual(['CREATED', 'CREATED', 'CREATED']);
    expect(new Set(results.map((r) => r.contact.id)).size).toBe(3);
  });

  it('never changes the trackingId of a contact matched by email', async () => {
    const trackingId = unique('crm');
    const email = newEmail();
    await upsertOk({ trackingId, email, firstName: 'Has', lastName: 'Tracking' });
    const updated = await upsertOk({ email, firstName: 'Changed' });
    expect(updated.contact.trackingId).toBe(trackingId);
  });
});

describe('fields', () => {
  it('requires email, firstName and lastName to create, reporting all of them together', async () => {
    const before = await contactCount();
    const rejected = await upsertRejected({ trackingId: unique('crm') });
    expect(codes(rejected)).toEqual(['email:REQUIRED', 'firstName:REQUIRED', 'lastName:REQUIRED']);
    for (const error of rejected.fieldErrors) expect(error.message).toMatch(error.field);
    expect(await contactCount()).toBe(before);
  });

  it('on update, replaces present fields and leaves omitted ones unchanged', async () => {
    const trackingId = unique('crm');
    await upsertOk({ trackingId, email: newEmail(), firstName: 'Ada', lastName: 'Lovelace', phone: '+44 1', company: 'Analytical', note: 'first' });
    const updated = await upsertOk({ trackingId, lastName: 'King', phone: '+44 2' });
    expect(updated.changedFields).toEqual(['lastName', 'phone']);
    expect(updated.contact).toMatchObject({ firstName: 'Ada', lastName: 'King', phone: '+44 2', company: 'Analytical', note: 'first' });
  });

  it('clears an optional field sent as null', async () => {
    const trackingId = unique('crm');
    const optional = { phone: '1', company: 'c', title: 't', country: 'c', numberAndStreet: 'n', city: 'c', state: 's', zipCode: 'z', prefix: 'p', suffix: 's', note: 'n' };
    await upsertOk({ trackingId, email: newEmail(), firstName: 'A', lastName: 'B', ...optional });
    const nulls = Object.fromEntries(Object.keys(optional).map((field) => [field, null]));
    const cleared = await upsertOk({ trackingId, ...nulls });
    expect(cleared.changedFields).toEqual(Object.keys(optional));
    expect(cleared.contact).toMatchObject(nulls);
  });

  it('rejects null firstName or lastName with REQUIRED, also on update, and writes nothing', async () => {
    const trackingId = unique('crm');
    await upsertOk({ trackingId, email: newEmail(), firstName: 'Keep', lastName: 'Me' });
    const rejected = await upsertRejected({ trackingId, firstName: null, lastName: null, city: 'Somewhere' });
    expect(codes(rejected)).toEqual(['firstName:REQUIRED', 'lastName:REQUIRED']);
    const stored = (await t.run(ContactByTrackingId, { trackingId })).contactByTrackingId;
    expect(stored).toMatchObject({ firstName: 'Keep', lastName: 'Me', city: null });
  });

  it('trims strings, stores blank optional fields as null, and rejects blank required ones', async () => {
    const trackingId = unique('crm');
    const email = newEmail();
    const created = await upsertOk({ trackingId: ` ${trackingId} `, email: ` ${email} `, firstName: '  Ada ', lastName: '\tLovelace\n', company: '   ', note: ' \n ' });
    expect(created.contact).toMatchObject({ trackingId, email, firstName: 'Ada', lastName: 'Lovelace', company: null, note: null });
    const rejected = await upsertRejected({ trackingId, firstName: '   ', lastName: '' });
    expect(codes(rejected)).toEqual(['firstName:REQUIRED', 'lastName:REQUIRED']);
  });

  it('ignores the email on update (changing it is updateContact’s job)', async () => {
    const trackingId = unique('crm');
    const email = newEmail();
    await upsertOk({ trackingId, email, firstName: 'A', lastName: 'B' });
    const updated = await upsertOk({ trackingId, email: newEmail() });
    expect(updated.changedFields).toEqual([]);
    expect(updated.contact.email).toBe(email);
  });
});

describe('validation', () => {
  const base = () => ({ trackingId: unique('crm'), email: newEmail(), firstName: 'A', lastName: 'B' });

  it('rejects a malformed email as INVALID', async () => {
    for (const email of ['plainaddress', 'a@b', '@example.com', 'a b@example.com', 'a@@example.com']) {
      const rejected = await upsertRejected({ ...base(), email });
      expect(codes(rejected), email).toEqual(['email:INVALID']);
    }
  });

  it('rejects control characters in any field, but allows line breaks and tabs in note and line breaks in numberAndStreet', async () => {
    const rejected = await upsertRejected({ ...base(), firstName: 'A\u0000', city: 'Line\nbreak', company: 'Bell\u0007', trackingId: 'x\u001b' });
    expect(codes(rejected)).toEqual(['city:INVALID', 'company:INVALID', 'firstName:INVALID', 'trackingId:INVALID']);
    const ok = await upsertOk({ ...base(), note: 'line one\r\nline two\twith a tab' });
    expect(ok.contact.note).toBe('line one\r\nline two\twith a tab');
    const badNote = await upsertRejected({ ...base(), note: 'bell\u0007' });
    expect(codes(badNote)).toEqual(['note:INVALID']);
    const street = await upsertOk({ ...base(), numberAndStreet: '1 Main Street\nSuite 200\r\nBuilding B' });
    expect(street.contact.numberAndStreet).toBe('1 Main Street\nSuite 200\r\nBuilding B');
    const others = await upsertRejected({ ...base(), numberAndStreet: 'tab\there', title: 'del\u007f', country: 'c1\u0085', state: 'c1\u009f' });
    expect(codes(others)).toEqual(['country:INVALID', 'numberAndStreet:INVALID', 'state:INVALID', 'title:INVALID']);
  });

  it('rejects strings that are not well-formed Unicode', async () => {
    const rejected = await upsertRejected({ ...base(), lastName: 'broken \ud800 surrogate' });
    expect(codes(rejected)).toEqual(['lastName:INVALID']);
  });

  it('reports every field error together and writes nothing when any field is bad', async () => {
    const trackingId = unique('crm');
    await upsertOk({ trackingId, email: newEmail(), firstName: 'Stay', lastName: 'Same' });
    const rejected = await upsertRejected({ trackingId, firstName: 'Changed', phone: '9'.repeat(51), zipCode: 'z'.repeat(21), email: 'nope', title: 'a\u0001' });
    expect(codes(rejected)).toEqual(['email:INVALID', 'phone:TOO_LONG', 'title:INVALID', 'zipCode:TOO_LONG']);
    expect(rejected.message).toMatch(/4 fields/);
    const stored = (await t.run(ContactByTrackingId, { trackingId })).contactByTrackingId;
    expect(stored?.firstName).toBe('Stay');
  });

  it('reports static errors and create-path requirements together', async () => {
    const rejected = await upsertRejected({ trackingId: unique('crm'), phone: '9'.repeat(51) });
    expect(codes(rejected)).toEqual(['email:REQUIRED', 'firstName:REQUIRED', 'lastName:REQUIRED', 'phone:TOO_LONG']);
  });
});

describe('result', () => {
  it('is UPDATED with no changed fields and no updatedAt bump on a replay', async () => {
    const input = { trackingId: unique('crm'), email: newEmail(), firstName: 'Replay', lastName: 'Me', note: 'same' };
    // A later clock for the replay, so that a bump could not hide in the same millisecond.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime('2031-05-06T07:08:09.010Z');
      const created = await upsertOk(input);
      vi.setSystemTime('2031-05-06T07:08:10.010Z');
      const replay = await upsertOk(input);
      expect(replay).toMatchObject({ result: 'UPDATED', matchedBy: 'TRACKING_ID', changedFields: [] });
      expect(replay.contact).toEqual(created.contact);
      expect((await t.run(ContactByTrackingId, { trackingId: input.trackingId })).contactByTrackingId).toEqual(created.contact);
    } finally {
      vi.useRealTimers();
    }
  });

  it('bumps updatedAt to the time of the write when a field changes, keeping createdAt', async () => {
    // The clock is set, not waited on: only Date is faked, timers stay real for the database driver.
    const [createdAt, changedAt] = ['2031-05-06T07:08:09.010Z', '2031-05-06T07:08:09.011Z'];
    const input = { trackingId: unique('crm'), email: newEmail(), firstName: 'Time', lastName: 'Keeper' };
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(createdAt);
      const created = await upsertOk(input);
      expect(created.contact).toMatchObject({ createdAt, updatedAt: createdAt });
      vi.setSystemTime(changedAt);
      const changed = await upsertOk({ ...input, title: 'Dr' });
      expect(changed.contact).toMatchObject({ createdAt, updatedAt: changedAt });
      const stored = (await t.run(ContactByTrackingId, { trackingId: input.trackingId })).contactByTrackingId;
      expect(stored).toMatchObject({ createdAt, updatedAt: changedAt, title: 'Dr' });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('lookups', () => {
  it('find a contact by id, trackingId and case-insensitive email', async () => {
    const trackingId = unique('crm');
    const email = newEmail();
    const { contact } = await upsertOk({ trackingId, email, firstName: 'Look', lastName: 'Up' });
    expect((await t.run(ContactById, { id: contact.id })).contact?.id).toBe(contact.id);
    expect((await t.run(ContactByTrackingId, { trackingId })).contactByTrackingId?.id).toBe(contact.id);
    expect((await t.run(ContactByTrackingId, { trackingId: trackingId.toUpperCase() })).contactByTrackingId).toBeNull();
    expect((await t.run(ContactByEmail, { email: ` ${email.toUpperCase()} ` })).contactByEmail?.id).toBe(contact.id);
  });

  it('return null for unknown and malformed ids, never an error', async () => {
    for (const id of ['00000000-0000-7000-8000-000000000000', 'not-a-uuid', '', "'; DROP TABLE \"Contact\"; --", '\u0000']) {
      const result = await t.execute(ContactById, { id });
      expect(result.errors, id).toBeUndefined();
      expect(result.data?.contact).toBeNull();
    }
  });
});
