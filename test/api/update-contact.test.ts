/** updateContact and deleteContact: by-id writes, scoped to the caller's workspace. */
import { describe, expect, it, vi } from 'vitest';
import type { UpdateContactInput } from '../graphql/graphql.js';
import { expectType, useTestApp } from '../support/app.js';
import { ContactById, ContactByEmail, ContactsPage, DeleteContact, UpdateContact, UpsertContact } from '../support/documents.js';
import { contactInAnotherWorkspace } from '../support/other-workspace.js';

const t = useTestApp();
let serial = 0;
const unique = (prefix: string) => `${prefix}-${++serial}-${Math.random().toString(36).slice(2, 8)}`;
const newEmail = () => `${unique('person')}@example.com`;

async function newContact(fields: { trackingId?: string; email?: string; company?: string } = {}) {
  const { upsertContact } = await t.run(UpsertContact, {
    input: { trackingId: unique('crm'), email: newEmail(), firstName: 'Ada', lastName: 'Lovelace', ...fields },
  });
  return expectType(upsertContact, 'UpsertContactSuccess').contact;
}
async function update(id: string, input: UpdateContactInput) {
  return (await t.run(UpdateContact, { id, input })).updateContact;
}
const updateOk = async (id: string, input: UpdateContactInput) => expectType(await update(id, input), 'UpdateContactSuccess');
const updateRejected = async (id: string, input: UpdateContactInput) => expectType(await update(id, input), 'ValidationError');
const stored = (id: string) => t.db.models.contact.findUniqueOrThrow({ where: { id } });
const codes = (error: { fieldErrors: { field: string; code: string }[] }) =>
  error.fieldErrors.map(({ field, code }) => `${field}:${code}`).sort();

describe('updateContact', () => {
  it('sets the given fields, leaves omitted ones, clears nulls and tells what changed', async () => {
    const contact = await newContact({ company: 'Analytical' });
    const updated = await updateOk(contact.id, { lastName: '  King ', phone: '+44 1', company: null, firstName: 'Ada' });
    expect(updated.changedFields).toEqual(['lastName', 'phone', 'company']);
    expect(updated.contact).toMatchObject({ id: contact.id, firstName: 'Ada', lastName: 'King', phone: '+44 1', company: null, email: contact.email });
  });

  it('writes nothing and keeps updatedAt when nothing changes, and sets it to the time of a write that does', async () => {
    // A set clock, so that the writes cannot fall in one millisecond: only Date is faked, timers stay real.
    const [createdAt, replayedAt, changedAt] = ['2031-05-06T07:08:09.010Z', '2031-05-06T07:08:09.011Z', '2031-05-06T07:08:09.012Z'];
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(createdAt);
      const contact = await newContact();
      const before = await stored(contact.id);
      vi.setSystemTime(replayedAt);
      const same = await updateOk(contact.id, { firstName: 'Ada', email: contact.email, trackingId: contact.trackingId });
      expect(same.changedFields).toEqual([]);
      expect(same.contact.updatedAt).toBe(createdAt);
      expect(await stored(contact.id)).toEqual(before);
      vi.setSystemTime(changedAt);
      const changed = await updateOk(contact.id, { firstName: 'Augusta' });
      expect(changed.contact).toMatchObject({ createdAt, updatedAt: changedAt });
      expect((await stored(contact.id)).updatedAt.toISOString()).toBe(changedAt);
    } finally {
      vi.useRealTimers();
    }
  });

  it('changes the email, after which the contact is found by the new one, case-insensitively', async () => {
    const contact = await newContact();
    const email = newEmail();
    const updated = await updateOk(contact.id, { email });
    expect(updated.changedFields).toEqual(['email']);
    expect((await t.run(ContactByEmail, { email: email.toUpperCase() })).contactByEmail?.id).toBe(contact.id);
    expect((await t.run(ContactByEmail, { email: contact.email })).contactByEmail).toBeNull();
  });

  it("changes only the email's case without calling it taken", async () => {
    const contact = await newContact();
    const updated = await updateOk(contact.id, { email: contact.email.toUpperCase() });
    expect(updated).toMatchObject({ changedFields: ['email'], contact: { email: contact.email.toUpperCase() } });
  });

  it('refuses an email another contact has (in any case): TAKEN naming it, nothing written', async () => {
    const holder = await newContact();
    const contact = await newContact();
    const rejected = await updateRejected(contact.id, { email: holder.email.toUpperCase(), firstName: 'Changed' });
    expect(rejected.fieldErrors).toEqual([{ field: 'email', code: 'TAKEN', message: expect.stringContaining(holder.id) }]);
    expect(await stored(contact.id)).toMatchObject({ email: contact.email, firstName: 'Ada' });
  });

  it('sets, changes and clears the trackingId, refusing one another contact has', async () => {
    const contact = await newContact({ trackingId: undefined });
    const trackingId = unique('crm');
    expect((await updateOk(contact.id, { trackingId })).contact.trackingId).toBe(trackingId);
    const holder = await newContact();
    const rejected = await updateRejected(contact.id, { trackingId: holder.trackingId });
    expect(rejected.fieldErrors).toEqual([{ field: 'trackingId', code: 'TAKEN', message: expect.stringContaining(holder.id) }]);
    expect((await updateOk(contact.id, { trackingId: null })).contact.trackingId).toBeNull();
  });

  it('validates as the upsert does, reporting every problem together and writing nothing', async () => {
    const contact = await newContact();
    const before = await stored(contact.id);
    const rejected = await updateRejected(contact.id, {
      firstName: null,
      lastName: '   ',
      email: 'not an address',
      zipCode: '1'.repeat(21),
      city: 'Line\nbreak',
      note: 'Line\nbreaks\tare fine here',
    });
    expect(codes(rejected)).toEqual(['city:INVALID', 'email:INVALID', 'firstName:REQUIRED', 'lastName:REQUIRED', 'zipCode:TOO_LONG']);
    expect(await stored(contact.id)).toEqual(before);
  });

  it('never clears the email: null or blank is REQUIRED', async () => {
    const contact = await newContact();
    for (const email of [null, '  ']) {
      expect(codes(await updateRejected(contact.id, { email }))).toEqual(['email:REQUIRED']);
    }
    expect((await stored(contact.id)).email).toBe(contact.email);
  });

  it('keeps the search text in step with the fields it covers', async () => {
    const contact = await newContact({ company: unique('Oldco') });
    const company = unique('Newco');
    await updateOk(contact.id, { company });
    const found = await t.run(ContactsPage, { search: company.toUpperCase() });
    expect(found.contacts.edges.map((edge) => edge.node.id)).toEqual([contact.id]);
    expect((await t.run(ContactsPage, { search: contact.company })).contacts.totalCount).toBe(0);
  });

  it('answers NotFoundError for an unknown, malformed or other-workspace id, changing nothing', async () => {
    const other = await contactInAnotherWorkspace(t.db);
    for (const id of ['0190a3c4-0000-7000-8000-000000000000', 'not-an-id', 'nul\u0000byte', '\ud800', 'x'.repeat(100_000), other.contact.id]) {
      const result = await update(id, { firstName: 'Intruder' });
      expect(expectType(result, 'NotFoundError').message).toContain('contact');
    }
    expect((await stored(other.contact.id)).firstName).toBe('Other');
  });

  it('lets concurrent updates race for one email: one wins, the other is told TAKEN', async () => {
    const [first, second] = await Promise.all([newContact(), newContact()]);
    const email = newEmail();
    const results = await Promise.all([update(first.id, { email }), update(second.id, { email })]);
    expect(results.map((result) => result.__typename).sort()).toEqual(['UpdateContactSuccess', 'ValidationError']);
    expect(await t.db.models.contact.count({ where: { email } })).toBe(1);
  });
});

describe('deleteContact', () => {
  it('deletes the contact and tells its id; a second delete finds nothing', async () => {
    const contact = await newContact();
    const deleted = expectType((await t.run(DeleteContact, { id: contact.id })).deleteContact, 'DeleteContactSuccess');
    expect(deleted.deletedId).toBe(contact.id);
    expect((await t.run(ContactById, { id: contact.id })).contact).toBeNull();
    expectType((await t.run(DeleteContact, { id: contact.id })).deleteContact, 'NotFoundError');
  });

  it('answers NotFoundError for a malformed or other-workspace id, deleting nothing', async () => {
    const other = await contactInAnotherWorkspace(t.db);
    for (const id of ['not-an-id', 'nul\u0000byte', '\ud800', 'x'.repeat(100_000), other.contact.id]) {
      expectType((await t.run(DeleteContact, { id })).deleteContact, 'NotFoundError');
    }
    expect(await t.db.models.contact.count({ where: { id: other.contact.id } })).toBe(1);
  });
});
