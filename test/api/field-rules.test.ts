/**
 * The spec's per-field rules on every write route: each of the 15 length limits
 * at the limit and one over, counted in code points, and each class of control
 * character refused, or kept where the spec allows it. The limits and the
 * allowed controls are the spec's table, written out here rather than read from
 * the code under test.
 */
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { describe, expect, it } from 'vitest';
import type { UpsertContactInput } from '../graphql/graphql.js';
import { expectType, useTestApp } from '../support/app.js';
import { UpdateContact, UpsertContact } from '../support/documents.js';

const t = useTestApp();

type Field = keyof UpsertContactInput & string;

/** spec/upsert-contact.md, "TOO_LONG": email 254, note 10,000, phone 50, zipCode 20, every other string 255. */
const limits: Record<Field, number> = {
  trackingId: 255,
  email: 254,
  firstName: 255,
  lastName: 255,
  phone: 50,
  company: 255,
  title: 255,
  country: 255,
  numberAndStreet: 255,
  city: 255,
  state: 255,
  zipCode: 20,
  prefix: 255,
  suffix: 255,
  note: 10_000,
};
const fields = Object.keys(limits) as Field[];

/** spec, "INVALID": C0, DEL and C1 nowhere, except CR and LF in note and numberAndStreet, and tabs in note. */
const controls = {
  NUL: '\u0000',
  'C0 (BEL)': '\u0007',
  'C0 (ESC)': '\u001b',
  'C0 (US)': '\u001f',
  DEL: '\u007f',
  'C1 (PAD)': '\u0080',
  'C1 (NEL)': '\u0085',
  'C1 (APC)': '\u009f',
  LF: '\n',
  CR: '\r',
  tab: '\t',
};
type Control = keyof typeof controls;
const allowed: Partial<Record<Field, readonly Control[]>> = {
  note: ['LF', 'CR', 'tab'],
  numberAndStreet: ['LF', 'CR'],
};

let serial = 0;
const tag = () => `k${++serial}${Math.random().toString(36).slice(2, 6)}-`;
/** U+1F600 is one code point but two UTF-16 units: a string of them is twice as long in units. */
const astral = '\u{1F600}';
/** `length` code points, distinct from every other value made here (trackingId and email are unique). */
const filled = (length: number) => {
  const start = tag();
  return start + astral.repeat(length - start.length);
};
/** A valid address of exactly 254 characters, unique. */
const longestEmail = () => `${tag().padEnd(64, 'a')}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
const base = (): UpsertContactInput => {
  const key = tag();
  return { trackingId: `crm-${key}`, email: `${key}@example.com`, firstName: 'Field', lastName: 'Rules' };
};

type Outcome = { accepted: true; id: string; stored: unknown } | { accepted: false; errors: { field: string; code: string }[] };
interface Route {
  /** Writes `field` with each value (each on a contact of its own), telling what came of each. */
  writeAll(field: Field, values: readonly string[]): Promise<Outcome[]>;
}

/** Each value in a request of its own, all at once (concurrent single upserts are written together). */
const eachAtOnce = (values: readonly string[], write: (value: string) => Promise<Outcome>) => Promise.all(values.map(write));
const fieldErrors = (errors: readonly { field: string; code: string }[]) => errors.map(({ field, code }) => ({ field, code }));

const upsertContact: Route = {
  writeAll: (field, values) =>
    eachAtOnce(values, async (value) => {
      const payload = (await t.run(UpsertContact, { input: { ...base(), [field]: value } })).upsertContact;
      if (payload.__typename === 'UpsertContactSuccess') return { accepted: true, id: payload.contact.id, stored: payload.contact[field] };
      return { accepted: false, errors: fieldErrors(expectType(payload, 'ValidationError').fieldErrors) };
    }),
};

/** The batch mutation, by hand: its typed document lives with the batch suite. */
const UpsertContacts = parse(`
  mutation UpsertContacts($inputs: [UpsertContactInput!]!) {
    upsertContacts(inputs: $inputs) {
      results {
        __typename
        ... on UpsertContactSuccess { contact { id trackingId email firstName lastName phone company title country numberAndStreet city state zipCode prefix suffix note } }
        ... on ValidationError { fieldErrors { field code } }
      }
    }
  }
`) as TypedDocumentNode<
  { upsertContacts: { results: ({ __typename: 'UpsertContactSuccess'; contact: Record<string, unknown> & { id: string } } | { __typename: 'ValidationError'; fieldErrors: { field: string; code: string }[] })[] } },
  { inputs: UpsertContactInput[] }
>;

const upsertContacts: Route = {
  // One batch: every item is judged on its own.
  async writeAll(field, values) {
    const { results } = (await t.run(UpsertContacts, { inputs: values.map((value) => ({ ...base(), [field]: value })) })).upsertContacts;
    return results.map((result) =>
      result.__typename === 'UpsertContactSuccess'
        ? { accepted: true, id: result.contact.id, stored: result.contact[field] }
        : { accepted: false, errors: fieldErrors(result.fieldErrors) },
    );
  },
};

const updateContact: Route = {
  writeAll: (field, values) =>
    eachAtOnce(values, async (value) => {
      const created = expectType((await t.run(UpsertContact, { input: base() })).upsertContact, 'UpsertContactSuccess');
      const payload = (await t.run(UpdateContact, { id: created.contact.id, input: { [field]: value } })).updateContact;
      if (payload.__typename === 'UpdateContactSuccess') return { accepted: true, id: payload.contact.id, stored: payload.contact[field] };
      return { accepted: false, errors: fieldErrors(expectType(payload, 'ValidationError').fieldErrors) };
    }),
};

const rest: Route = {
  writeAll: (field, values) =>
    eachAtOnce(values, async (value) => {
      const response = await t.request('/api/v1/idm/contacts/upsert', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...base(), [field]: value }),
      });
      const body = (await response.json()) as Record<string, unknown> & { id: string; fieldErrors: { field: string; code: string }[] };
      if (response.status === 200) return { accepted: true, id: body.id, stored: body[field] };
      expect(response.status, JSON.stringify(body)).toBe(400);
      return { accepted: false, errors: fieldErrors(body.fieldErrors) };
    }),
};

const routes = { upsertContact, upsertContacts, updateContact, 'REST upsert': rest };

/** What each value should come to: kept as sent, or refused with this code on the field alone. */
type Expected = 'kept' | 'TOO_LONG' | 'INVALID';

async function expectOutcomes(route: Route, field: Field, cases: [value: string, expected: Expected, label: string][]) {
  const outcomes = await route.writeAll(
    field,
    cases.map(([value]) => value),
  );
  for (const [i, [value, expected, label]] of cases.entries()) {
    const outcome = outcomes[i]!;
    if (expected === 'kept') {
      expect(outcome, label).toMatchObject({ accepted: true, stored: value });
      // As the database holds it, not only as the write answered.
      const row = await t.db.models.contact.findUniqueOrThrow({ where: { id: (outcome as { id: string }).id } });
      expect(row[field], label).toBe(value);
    } else {
      expect(outcome, label).toEqual({ accepted: false, errors: [{ field, code: expected }] });
    }
  }
}

describe.each(Object.entries(routes))('%s', (_, route) => {
  it.each(fields)('limits %s in code points: at the limit kept, one over TOO_LONG', async (field) => {
    const limit = limits[field];
    if (field === 'email') {
      // An address cannot be made of astral characters, so the longest valid one is ASCII; astral
      // strings still show the count is in code points: 254 of them are no address (INVALID), not TOO_LONG.
      await expectOutcomes(route, field, [
        [longestEmail(), 'kept', 'a valid address at the limit'],
        [`a${longestEmail()}`, 'TOO_LONG', 'a valid-looking address one over'],
        [astral.repeat(limit), 'INVALID', `${limit} astral code points`],
        [astral.repeat(limit + 1), 'TOO_LONG', `${limit + 1} astral code points`],
      ]);
      return;
    }
    await expectOutcomes(route, field, [
      [filled(limit), 'kept', `${limit} code points`],
      [filled(limit + 1), 'TOO_LONG', `${limit + 1} code points`],
    ]);
  });

  it.each(fields)('refuses control characters in %s, keeping only the line breaks and tabs the spec allows there', async (field) => {
    const value = (char: string) => (field === 'email' ? `a${char}b${tag()}@example.com` : `${tag()}a${char}b`);
    await expectOutcomes(
      route,
      field,
      (Object.entries(controls) as [Control, string][]).map(([name, char]) => [value(char), allowed[field]?.includes(name) ? 'kept' : 'INVALID', name]),
    );
  });
});
