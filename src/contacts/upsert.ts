/**
 * The upsert of one contact: match by trackingId, else by email
 * (case-insensitively), then create or update — in one interactive transaction,
 * run again from the start if a concurrent transaction won a race for the same key.
 */
import type { Database, TransactionClient } from '../db/client.js';
import { inTransaction } from '../db/transaction.js';
import type { Contact, Prisma } from '../generated/prisma/sqlite/client.js';
import { ValidationError, type FieldError } from './errors.js';
import {
  contactFields,
  emailKey,
  requiredOnCreate,
  upsertUpdatableFields,
  type ContactField,
  type NormalizedContactInput,
} from './fields.js';
import { searchFields, searchTextOf, type Searchable } from './search.js';
import { required, validateContactInput } from './validate.js';

export type MatchKey = 'TRACKING_ID' | 'EMAIL';

export interface UpsertOutcome {
  result: 'CREATED' | 'UPDATED';
  contact: Contact;
  /** How the contact was found; null when it was created. */
  matchedBy: MatchKey | null;
  /** Input fields whose stored value changed (on create: those given a value). */
  changedFields: ContactField[];
}

/** Validates `raw` and upserts it in the workspace; throws ValidationError, writing nothing. */
export async function upsertContact(
  db: Database,
  workspaceId: string,
  raw: Readonly<Record<string, unknown>>,
): Promise<UpsertOutcome> {
  const { input, errors } = validateContactInput(raw);
  // Without a usable match key there is nothing to look up: report what we have.
  const rejected = new Set(errors.map((error) => error.field));
  if (rejected.has('trackingId') || (!input.trackingId && (rejected.has('email') || !input.email))) {
    throw new ValidationError(errors);
  }
  return inTransaction(db, (tx) => upsertValidated(tx, workspaceId, input, errors));
}

/**
 * The match-and-write, inside a transaction. `staticErrors` are the problems
 * found without the database; they are reported together with those that depend
 * on the match (a new contact's required fields, a taken email).
 */
export async function upsertValidated(
  tx: TransactionClient,
  workspaceId: string,
  input: NormalizedContactInput,
  staticErrors: FieldError[],
): Promise<UpsertOutcome> {
  const { trackingId, email } = input;
  const matchedBy: MatchKey = trackingId ? 'TRACKING_ID' : 'EMAIL';
  const existing = trackingId
    ? await tx.contact.findUnique({ where: { workspaceId_trackingId: { workspaceId, trackingId } } })
    : await tx.contact.findUnique({ where: { workspaceId_emailKey: { workspaceId, emailKey: emailKey(email!) } } });

  if (existing) {
    if (staticErrors.length) throw new ValidationError(staticErrors);
    const changes = changedValues(existing, input, upsertUpdatableFields);
    const changedFields = Object.keys(changes) as ContactField[];
    const contact = changedFields.length
      ? await tx.contact.update({ where: { id: existing.id }, data: withSearchText(existing, changes) })
      : existing;
    return { result: 'UPDATED', contact, matchedBy, changedFields };
  }

  const errors = [...staticErrors];
  const rejected = new Set(errors.map((error) => error.field));
  for (const field of requiredOnCreate) {
    if (!input[field] && !rejected.has(field)) errors.push(required(field));
  }
  if (email && trackingId) {
    const holder = await tx.contact.findUnique({
      where: { workspaceId_emailKey: { workspaceId, emailKey: emailKey(email) } },
      select: { id: true },
    });
    if (holder) errors.push(emailTaken(holder.id));
  }
  if (errors.length) throw new ValidationError(errors);

  const values = Object.fromEntries(contactFields.filter((field) => input[field] != null).map((field) => [field, input[field]]));
  const fields = { ...values, email: email!, firstName: input.firstName!, lastName: input.lastName! };
  const contact = await tx.contact.create({
    data: { ...fields, emailKey: emailKey(email!), searchText: searchTextOf({ company: null, trackingId: null, ...fields }), workspaceId },
  });
  return { result: 'CREATED', contact, matchedBy: null, changedFields: contactFields.filter((field) => input[field] != null) };
}

/** The fields of `input` (among `fields`) whose value differs from the stored one. */
export function changedValues(
  stored: Readonly<Record<ContactField, string | null>>,
  input: NormalizedContactInput,
  fields: readonly ContactField[],
): Partial<Record<ContactField, string | null>> {
  const changes: Partial<Record<ContactField, string | null>> = {};
  for (const field of fields) {
    const value = input[field];
    if (value !== undefined && value !== stored[field]) changes[field] = value;
  }
  return changes;
}

/** The update for `changes`, with the search text kept in step when a searched field changes. */
export function withSearchText(stored: Contact, changes: Partial<Record<ContactField, string | null>>): Prisma.ContactUpdateInput {
  const data = changes as Prisma.ContactUpdateInput;
  if (!searchFields.some((field) => field in changes)) return data;
  const email = changes.email ?? stored.email;
  return { ...data, ...(changes.email ? { emailKey: emailKey(email) } : {}), searchText: searchTextOf({ ...stored, ...changes, email } as Searchable) };
}

export function emailTaken(holderId: string): FieldError {
  return { field: 'email', code: 'TAKEN', message: `email already belongs to contact ${holderId}` };
}
