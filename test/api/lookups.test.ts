/**
 * Every lookup by key or id: a key that is malformed, carries a NUL, is no
 * well-formed Unicode or is far longer than any stored one simply finds nothing
 * (null), never an error — PostgreSQL cannot even receive a NUL. And the email
 * lookup ignores letter case whichever case the address was stored in.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectType, useTestApp } from '../support/app.js';
import { ContactByEmail, CreateClient, CreateInvestmentEntity, UpsertContact } from '../support/documents.js';

const t = useTestApp();

/** All five lookups at once, each given the same key. */
const Lookups = parse(`
  query Lookups($key: String!, $id: ID!) {
    contact(id: $id) { id }
    contactByTrackingId(trackingId: $key) { id }
    contactByEmail(email: $key) { id }
    client(id: $id) { id }
    investmentEntity(id: $id) { id }
  }
`) as TypedDocumentNode<Record<'contact' | 'contactByTrackingId' | 'contactByEmail' | 'client' | 'investmentEntity', { id: string } | null>, { key: string; id: string }>;

const nothingFound = { contact: null, contactByTrackingId: null, contactByEmail: null, client: null, investmentEntity: null };

const badKeys: [label: string, key: string][] = [
  ['empty', ''],
  ['blank', '   '],
  ['not an id', 'not-a-uuid'],
  ['SQL', `'; DROP TABLE "Contact"; --`],
  ['LIKE wildcards', '%'],
  ['NUL alone', '\u0000'],
  ['NUL inside', 'crm-1\u0000'],
  ['NUL in an address', 'nul\u0000@example.com'],
  ['a lone high surrogate', '\ud800'],
  ['a lone low surrogate inside', 'crm-\udfff-1'],
  ['one over the longest stored key', 'k'.repeat(256)],
  ['100,000 characters', 'x'.repeat(100_000)],
  ['100,000 astral characters', '\u{1F600}'.repeat(100_000)],
];

describe('every lookup', () => {
  // Something stored to find, so that a lookup which matched too loosely would show it.
  const stored = { contact: '', client: '', investmentEntity: '' };
  beforeAll(async () => {
    const input = { trackingId: 'crm-1', email: 'stored@example.com', firstName: 'Stored', lastName: 'Contact' };
    stored.contact = expectType((await t.run(UpsertContact, { input })).upsertContact, 'UpsertContactSuccess').contact.id;
    stored.client = expectType((await t.run(CreateClient, { input: { name: 'Stored client' } })).createClient, 'CreateClientSuccess').client.id;
    stored.investmentEntity = expectType(
      (await t.run(CreateInvestmentEntity, { input: { name: 'Stored fund' } })).createInvestmentEntity,
      'CreateInvestmentEntitySuccess',
    ).investmentEntity.id;
  });

  it('finds what is stored by its own key and id', async () => {
    expect(await t.run(Lookups, { key: 'crm-1', id: stored.contact })).toMatchObject({ contact: { id: stored.contact }, contactByTrackingId: { id: stored.contact } });
    expect(await t.run(Lookups, { key: 'stored@example.com', id: stored.client })).toMatchObject({ contactByEmail: { id: stored.contact }, client: { id: stored.client } });
    expect((await t.run(Lookups, { key: '', id: stored.investmentEntity })).investmentEntity).toEqual({ id: stored.investmentEntity });
  });

  it.each(badKeys)('answers null, with no error, for a key that is %s', async (_, key) => {
    const result = await t.execute(Lookups, { key, id: key });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual(nothingFound);
  });
});

describe('contactByEmail', () => {
  it('finds an address stored in mixed case by any other casing of it', async () => {
    const stored = 'Grace.Hopper-Lookup@Example.COM';
    const { contact } = expectType(
      (await t.run(UpsertContact, { input: { email: stored, firstName: 'Grace', lastName: 'Hopper' } })).upsertContact,
      'UpsertContactSuccess',
    );
    expect(contact.email).toBe(stored);
    for (const email of ['grace.hopper-lookup@example.com', 'GRACE.HOPPER-LOOKUP@EXAMPLE.COM', 'gRACE.hOPPER-lOOKUP@eXAMPLE.com']) {
      expect((await t.run(ContactByEmail, { email })).contactByEmail?.id, email).toBe(contact.id);
    }
  });

  it('ignores the case of letters beyond ASCII too', async () => {
    const { contact } = expectType(
      (await t.run(UpsertContact, { input: { email: 'ZOË.ÅBERG@example.com', firstName: 'Zoë', lastName: 'Åberg' } })).upsertContact,
      'UpsertContactSuccess',
    );
    expect((await t.run(ContactByEmail, { email: 'zoë.åberg@EXAMPLE.com' })).contactByEmail?.id).toBe(contact.id);
  });
});
