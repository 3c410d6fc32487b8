/**
 * upsertContact against a model of spec/upsert-contact.md: random sequences of
 * upserts with few keys (so that they collide), each sent through GraphQL to the
 * real service and applied to a small in-memory model written from the spec.
 * Every response and the final state of the database must agree with the model.
 *
 * The model imports nothing from the domain but the contract's field list; where
 * the spec is silent it follows the decisions documented in src/contacts:
 * - validation runs per field in this order, and a field reports only its first
 *   failing check: trim → well-formed and no control characters (INVALID) →
 *   length in code points (TOO_LONG) → email syntax (INVALID);
 * - when a key field is itself invalid (trackingId; or email with no trackingId)
 *   there is no telling create from update, so only the static errors are
 *   reported (no create-path REQUIRED, no missing-key REQUIRED, no TAKEN);
 * - an invalid email is an error even when the contact is matched by trackingId
 *   (the email is ignored on update, but it still has to be well-formed);
 * - on create, changedFields are the input fields given a non-null value, in
 *   contract order (trackingId and email included).
 * The history must hold exactly the changes the model predicts: one per create
 * and per update that changed a field, with each field's value before and after,
 * and none for a replay or a rejected upsert.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contactFields, type ContactField } from '../../src/contacts/fields.js';
import type { UpsertContactInput } from '../graphql/graphql.js';
import { expectType, useTestApp } from '../support/app.js';
import type { ChangeFieldsFragment } from '../graphql/graphql.js';
import { ContactChanges, UpsertContact } from '../support/documents.js';

const t = useTestApp();

const numRuns = Number(process.env.UPSERT_MODEL_RUNS ?? 60);

// ---------------------------------------------------------------------------
// The model, from the spec.

type Value = string | null;
type Input = Partial<Record<ContactField, Value>>;
type Fields = Record<ContactField, Value>;

interface ModelContact {
  fields: Fields;
  /** Learnt from the service when the model creates the contact. */
  id?: string;
  createdAt?: string;
  updatedAt?: string;
}

type Expected =
  | { kind: 'error'; errors: string[]; holder?: ModelContact }
  | {
      kind: 'ok';
      result: 'CREATED' | 'UPDATED';
      matchedBy: 'TRACKING_ID' | 'EMAIL' | null;
      changedFields: ContactField[];
      contact: ModelContact;
    };

const keyFields: readonly ContactField[] = ['trackingId', 'email'];
const namesRequired: readonly ContactField[] = ['firstName', 'lastName'];
const neededToCreate: readonly ContactField[] = ['email', 'firstName', 'lastName'];

/** Spec limits, in characters. */
const limits: Partial<Record<ContactField, number>> = { email: 254, note: 10_000, phone: 50, zipCode: 20 };
const limitOf = (field: ContactField) => limits[field] ?? 255;

/** Unicode Cc: C0 controls, DEL and C1 controls. The note may keep \n, \r and \t, a street \n and \r. */
const hasForbiddenControl = (field: ContactField, value: string) =>
  [...value].some((char) => {
    const code = char.codePointAt(0)!;
    const control = code <= 0x1f || (code >= 0x7f && code <= 0x9f);
    const lineBreak = char === '\n' || char === '\r';
    return control && !((field === 'note' && (lineBreak || char === '\t')) || (field === 'numberAndStreet' && lineBreak));
  });

/** Good enough for the addresses this test sends. */
const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i.test(value);

/** The case-insensitive identity of an email. */
const emailIdentity = (email: string) => email.toLowerCase();

type Checked = { ok: true; value: Value } | { ok: false; code: 'INVALID' | 'TOO_LONG' };

function checkField(field: ContactField, raw: Value): Checked {
  if (raw === null) return { ok: true, value: null };
  const value = raw.trim();
  if (!value.isWellFormed() || hasForbiddenControl(field, value)) return { ok: false, code: 'INVALID' };
  if ([...value].length > limitOf(field)) return { ok: false, code: 'TOO_LONG' };
  if (field === 'email' && value !== '' && !looksLikeEmail(value)) return { ok: false, code: 'INVALID' };
  return { ok: true, value: value === '' ? null : value };
}

interface ModelChange {
  kind: 'CREATED' | 'UPDATED';
  contact: ModelContact;
  changes: { field: ContactField; from: Value; to: Value }[];
}

class Model {
  contacts: ModelContact[] = [];
  changes: ModelChange[] = [];

  upsert(input: Input): Expected {
    const errors: { field: ContactField; code: string }[] = [];
    const given: Input = {};
    for (const field of contactFields) {
      const raw = input[field];
      if (raw === undefined) continue;
      const checked = checkField(field, raw);
      if (checked.ok) given[field] = checked.value;
      else errors.push({ field, code: checked.code });
    }
    const hasError = (field: ContactField) => errors.some((error) => error.field === field);
    const fail = (holder?: ModelContact): Expected => ({
      kind: 'error',
      errors: errors.map(({ field, code }) => `${field}:${code}`).sort(),
      ...(holder ? { holder } : {}),
    });

    // null (or blank) names can never be stored.
    for (const field of namesRequired) if (given[field] === null) errors.push({ field, code: 'REQUIRED' });

    const trackingId = given.trackingId ?? null;
    const email = given.email ?? null;
    if (hasError('trackingId') || (!trackingId && !email)) {
      // No usable match key: report both as missing, unless one of them was sent but is invalid.
      if (!hasError('trackingId') && !hasError('email')) {
        for (const field of keyFields) errors.push({ field, code: 'REQUIRED' });
      }
      return fail();
    }

    const existing = trackingId
      ? this.contacts.find((contact) => contact.fields.trackingId === trackingId)
      : this.contacts.find((contact) => emailIdentity(contact.fields.email!) === emailIdentity(email!));

    if (existing) {
      if (errors.length) return fail();
      const changedFields: ContactField[] = [];
      const changes: ModelChange['changes'] = [];
      for (const field of contactFields) {
        if (keyFields.includes(field)) continue; // never changed by upsert
        const value = given[field];
        if (value !== undefined && value !== existing.fields[field]) {
          changes.push({ field, from: existing.fields[field], to: value });
          existing.fields[field] = value;
          changedFields.push(field);
        }
      }
      if (changes.length) this.changes.push({ kind: 'UPDATED', contact: existing, changes });
      return {
        kind: 'ok',
        result: 'UPDATED',
        matchedBy: trackingId ? 'TRACKING_ID' : 'EMAIL',
        changedFields,
        contact: existing,
      };
    }

    for (const field of neededToCreate) {
      if (!given[field] && !hasError(field)) errors.push({ field, code: 'REQUIRED' });
    }
    let holder: ModelContact | undefined;
    if (trackingId && email) {
      holder = this.contacts.find((contact) => emailIdentity(contact.fields.email!) === emailIdentity(email));
      if (holder) errors.push({ field: 'email', code: 'TAKEN' });
    }
    if (errors.length) return fail(holder);

    const fields = Object.fromEntries(contactFields.map((field) => [field, given[field] ?? null])) as Fields;
    const contact: ModelContact = { fields };
    this.contacts.push(contact);
    const changedFields = contactFields.filter((field) => given[field] != null);
    this.changes.push({ kind: 'CREATED', contact, changes: changedFields.map((field) => ({ field, from: null, to: fields[field] })) });
    return { kind: 'ok', result: 'CREATED', matchedBy: null, changedFields, contact };
  }
}

// ---------------------------------------------------------------------------
// Inputs: few keys, so that upserts collide; sometimes a bad value.

const OMIT = undefined;
/** One of the values, by weight; shrinks towards the first (omitted, where that is the first). */
const weighted = <T>(...choices: [number, T][]) =>
  fc.oneof({ withCrossShrink: true }, ...choices.map(([weight, value]) => ({ weight, arbitrary: fc.constant(value) })));

const trackingIdArb = weighted<Value | undefined>(
  [4, OMIT], [1, null], [1, '  '], [4, 'T1'], [3, 'T2'], [2, 't1'], [2, ' T1 '],
);
const emailArb = weighted<Value | undefined>(
  [4, OMIT], [1, null], [1, ''], [1, '  '],
  [4, 'a@x.com'], [2, 'A@X.COM'], [2, ' a@x.com '], [3, 'b@x.com'], [2, 'B@x.Com\t'], [2, 'c@x.com'],
);
const nameArb = (...values: string[]) =>
  weighted<Value | undefined>([4, OMIT], [1, null], [1, '  '], ...values.map((value): [number, Value] => [6, value]));
const optionalArb = weighted<Value | undefined>(
  [10, OMIT], [1, null], [1, '   '], [2, 'v1'], [2, 'v2'], [1, ' v1 '],
);

const optionalFields = contactFields.filter(
  (field) => !keyFields.includes(field) && !namesRequired.includes(field),
);

/** Values that must be rejected (or, for a couple, just barely accepted), per field. */
const oddValues: [ContactField, string][] = [
  ['phone', '9'.repeat(51)], // TOO_LONG
  ['phone', `\u0007${'9'.repeat(60)}`], // INVALID wins over TOO_LONG
  ['zipCode', 'z'.repeat(21)], // TOO_LONG
  ['company', '\u{1F600}'.repeat(255)], // at the limit: characters, not UTF-16 units
  ['company', '\u{1F600}'.repeat(256)], // TOO_LONG
  ['firstName', 'A\u0000'], // INVALID
  ['lastName', 'broken \ud800'], // INVALID: not well-formed
  ['city', 'line\nbreak'], // INVALID outside the note
  ['note', ' line one\r\nline two\twith a tab '], // fine in the note
  ['note', 'bell\u0007'], // INVALID
  ['numberAndStreet', '1 Main St\r\nSuite 2'], // fine: a street may span lines
  ['numberAndStreet', '1 Main St\tSuite 2'], // INVALID: no tabs in a street
  ['title', 'DEL\u007f'], // INVALID
  ['state', 'C1\u0085'], // INVALID
  ['trackingId', 'T\u001b'], // INVALID key
  ['email', 'nope'], // INVALID
  ['email', 'a@b'], // INVALID
  ['email', `${'a'.repeat(250)}@x.com`], // TOO_LONG wins over syntax
];
const oddArb = fc.constantFrom(...oddValues);

const inputArb: fc.Arbitrary<Input> = fc
  .record({
    trackingId: trackingIdArb,
    email: emailArb,
    firstName: nameArb('Ada', ' Ada ', 'Grace'),
    lastName: nameArb('Lovelace', 'Hopper ', 'King'),
    optional: fc.tuple(...optionalFields.map(() => optionalArb)),
    odd: fc.oneof(
      { withCrossShrink: true },
      { weight: 6, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.array(oddArb, { minLength: 1, maxLength: 2 }) },
    ),
  })
  .map(({ optional, odd, ...rest }) => {
    const input: Input = { ...rest };
    optionalFields.forEach((field, i) => (input[field] = optional[i]));
    for (const [field, value] of odd) input[field] = value;
    // Omitted means absent, not undefined: keep the counterexamples readable.
    for (const field of contactFields) if (input[field] === undefined) delete input[field];
    return input;
  });

/** 1 to 12 upserts; some replay an earlier one verbatim (a client retrying, a sync run again). */
const sequenceArb: fc.Arbitrary<Input[]> = fc
  .array(fc.record({ input: inputArb, replayOf: fc.option(fc.nat(), { freq: 3 }) }), { minLength: 1, maxLength: 12 })
  .map((steps) => {
    const inputs: Input[] = [];
    for (const { input, replayOf } of steps) {
      inputs.push(replayOf !== null && inputs.length ? inputs[replayOf % inputs.length]! : input);
    }
    return inputs;
  });

// ---------------------------------------------------------------------------

const pickFields = (contact: Record<ContactField, Value>): Fields =>
  Object.fromEntries(contactFields.map((field) => [field, contact[field]])) as Fields;

/** The workspace's whole change feed, oldest first. */
async function feed(): Promise<ChangeFieldsFragment[]> {
  const changes: ChangeFieldsFragment[] = [];
  let after: string | null | undefined;
  for (;;) {
    const page = (await t.run(ContactChanges, { first: 500, after })).contactChanges;
    changes.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return changes;
    after = page.pageInfo.endCursor;
  }
}

describe('upsertContact against a model of the spec', () => {
  it('agrees with the model on every response and on the final state', async () => {
    await fc.assert(
      fc.asyncProperty(sequenceArb, async (inputs) => {
        await t.db.models.contact.deleteMany({});
        await t.db.models.contactChange.deleteMany({});
        const model = new Model();

        for (const [step, input] of inputs.entries()) {
          const where = `step ${step}: ${JSON.stringify(input)}`;
          const expected = model.upsert(input);
          const { upsertContact: actual } = await t.run(UpsertContact, { input: input as UpsertContactInput });

          if (expected.kind === 'error') {
            const rejected = expectType(actual, 'ValidationError');
            const codes = rejected.fieldErrors.map(({ field, code }) => `${field}:${code}`).sort();
            expect(codes, where).toEqual(expected.errors);
            if (expected.holder) {
              const taken = rejected.fieldErrors.find((error) => error.code === 'TAKEN');
              expect(taken?.message, where).toContain(expected.holder.id);
            }
            continue;
          }

          const success = expectType(actual, 'UpsertContactSuccess');
          expect(
            { result: success.result, matchedBy: success.matchedBy, changedFields: success.changedFields, fields: pickFields(success.contact) },
            where,
          ).toEqual({
            result: expected.result,
            matchedBy: expected.matchedBy,
            changedFields: expected.changedFields,
            fields: expected.contact.fields,
          });

          const known = expected.contact;
          if (expected.result === 'CREATED') {
            expect(known.id, where).toBeUndefined();
            known.id = success.contact.id;
            known.createdAt = success.contact.createdAt;
          } else {
            // The very contact the model matched, never re-created.
            expect(success.contact.id, where).toBe(known.id);
            expect(success.contact.createdAt, where).toBe(known.createdAt);
            // A replay that changes nothing does not bump updatedAt.
            if (expected.changedFields.length === 0) expect(success.contact.updatedAt, where).toBe(known.updatedAt);
          }
          known.updatedAt = success.contact.updatedAt;
        }

        const stored = await t.db.models.contact.findMany({ where: { workspaceId: t.workspaceId } });
        expect(await t.db.models.contact.count()).toBe(stored.length);
        const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
        expect(
          stored
            .map((contact) => ({
              id: contact.id,
              fields: pickFields(contact),
              createdAt: contact.createdAt.toISOString(),
              updatedAt: contact.updatedAt.toISOString(),
            }))
            .sort(byId),
        ).toEqual(
          model.contacts
            .map((contact) => ({ id: contact.id!, fields: contact.fields, createdAt: contact.createdAt, updatedAt: contact.updatedAt }))
            .sort(byId),
        );

        const history = (await feed()).map(({ kind, contactId, changes }) => ({ kind, contactId, changes }));
        expect(history).toEqual(model.changes.map(({ kind, contact, changes }) => ({ kind, contactId: contact.id, changes })));
      }),
      { numRuns },
    );
  });
});
