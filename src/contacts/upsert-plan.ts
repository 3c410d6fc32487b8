/**
 * The upsert rules applied to a list of inputs, in order, against the contacts
 * their keys can reach — as pure computation. The caller loads those contacts,
 * and writes the plan's creates and updates in the same transaction.
 *
 * Planning in memory lets a batch of any size cost one read and a few writes,
 * while each item still sees the effect of the items before it, exactly as if
 * the inputs had been sent one after another.
 */
import { newId } from '../ids.js';
import { contactColumns, type ContactRow as Contact } from './contact.js';
import { ValidationError, type FieldError } from './errors.js';
import { createdChange, updatedChange, type Actor, type ContactChangeRecord } from './history.js';
import {
  contactFields,
  emailKey,
  requiredOnCreate,
  upsertUpdatableFields,
  type ContactField,
  type NormalizedContactInput,
} from './fields.js';
import { searchFields, searchTextOf } from './search.js';
import { required, type Validated } from './validate.js';

export type MatchKey = 'TRACKING_ID' | 'EMAIL';

export interface UpsertOutcome {
  result: 'CREATED' | 'UPDATED';
  /** The contact as this item left it. */
  contact: Contact;
  /** How the contact was found; null when it was created. */
  matchedBy: MatchKey | null;
  /** Input fields whose stored value changed (on create: those given a value). */
  changedFields: ContactField[];
}

export interface UpsertPlan {
  /** One per input, in input order. */
  outcomes: (UpsertOutcome | ValidationError)[];
  /** New contacts, in their final state. */
  creates: Contact[];
  /** Contacts that existed before and changed, in their final state, ordered by id. */
  updates: Contact[];
  /** One record per input that created or changed a contact, in input order. */
  changes: ContactChangeRecord[];
}

/** An input to plan, and who sent it (the inputs of one group commit come from several callers). */
export type PlanItem = Validated & { actor: Actor };

/** The trackingIds to look contacts up by before planning. */
export function trackingIdsToLookUp(items: readonly Validated[]): string[] {
  const trackingIds = new Set<string>();
  for (const { input } of items) if (input.trackingId) trackingIds.add(input.trackingId);
  return [...trackingIds];
}

/**
 * The email keys to look contacts up by, once the trackingIds have been: those
 * of the inputs whose trackingId found no contact (they may match by email, or
 * collide with a holder when created). An input matched by trackingId never
 * needs its email looked up: an upsert does not change a match key.
 */
export function emailKeysToLookUp(items: readonly Validated[], foundTrackingIds: ReadonlySet<string>): string[] {
  const emailKeys = new Set<string>();
  for (const { input } of items) {
    if (input.email && !(input.trackingId && foundTrackingIds.has(input.trackingId))) emailKeys.add(emailKey(input.email));
  }
  return [...emailKeys];
}

export function planUpserts(workspaceId: string, items: readonly PlanItem[], found: Contact[], now: Date): UpsertPlan {
  const byTrackingId = new Map<string, Contact>();
  const byEmailKey = new Map<string, Contact>();
  const remember = (contact: Contact) => {
    if (contact.trackingId) byTrackingId.set(contact.trackingId, contact);
    byEmailKey.set(contact.emailKey, contact);
  };
  found.forEach(remember);

  const created = new Map<string, Contact>();
  const latest = new Map<string, Contact>();
  const records: ContactChangeRecord[] = [];

  const outcomes = items.map(({ input, errors, actor }): UpsertOutcome | ValidationError => {
    // Without a usable match key there is nothing to look up: report what we have.
    const rejected = new Set(errors.map((error) => error.field));
    if (rejected.has('trackingId') || (!input.trackingId && (rejected.has('email') || !input.email))) {
      return new ValidationError(errors);
    }
    const matchedBy: MatchKey = input.trackingId ? 'TRACKING_ID' : 'EMAIL';
    const existing = input.trackingId ? byTrackingId.get(input.trackingId) : byEmailKey.get(emailKey(input.email!));

    if (existing) {
      if (errors.length) return new ValidationError(errors);
      const changes = changedValues(existing, input, upsertUpdatableFields);
      const changedFields = Object.keys(changes) as ContactField[];
      if (!changedFields.length) return { result: 'UPDATED', contact: existing, matchedBy, changedFields };
      const contact = { ...existing, ...withSearchText(existing, changes), updatedAt: now } as Contact;
      remember(contact);
      (created.has(contact.id) ? created : latest).set(contact.id, contact);
      records.push(updatedChange(existing, contact, changedFields, actor));
      return { result: 'UPDATED', contact, matchedBy, changedFields };
    }

    const createErrors = [...errors];
    for (const field of requiredOnCreate) {
      if (!input[field] && !rejected.has(field)) createErrors.push(required(field));
    }
    const holder = input.email && input.trackingId ? byEmailKey.get(emailKey(input.email)) : undefined;
    if (holder) createErrors.push(emailTaken(holder.id));
    if (createErrors.length) return new ValidationError(createErrors);

    const contact = newContact(workspaceId, input, now);
    remember(contact);
    created.set(contact.id, contact);
    records.push(createdChange(contact, actor));
    const changedFields = contactFields.filter((field) => input[field] != null);
    return { result: 'CREATED', contact, matchedBy: null, changedFields };
  });

  // In one order, so that rival transactions lock the rows they share in the same order.
  const updates = [...latest.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { outcomes, creates: [...created.values()], updates, changes: records };
}

/** Every column of a contact, in order: new rows are copies of it, so they all share one shape. */
const blankContact: Readonly<Record<string, null>> = Object.fromEntries(contactColumns.map((column) => [column, null]));

/**
 * The row a create writes (every column). Built in place: a batch makes hundreds,
 * and copying each through entries and spreads was a fifth of a first load's garbage.
 */
function newContact(workspaceId: string, input: NormalizedContactInput, now: Date): Contact {
  const contact: Record<string, unknown> = { ...blankContact, id: newId(), workspaceId };
  for (const field of contactFields) contact[field] = input[field] ?? null;
  // email, firstName and lastName are present: the plan has checked them.
  contact.emailKey = emailKey(input.email!);
  contact.createdAt = now;
  contact.updatedAt = now;
  contact.searchText = searchTextOf(contact as unknown as Contact);
  return contact as unknown as Contact;
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

/** `changes`, plus the derived columns (email key, search text) they affect. */
export function withSearchText(stored: Contact, changes: Partial<Record<ContactField, string | null>>): Partial<Contact> {
  const data = changes as Partial<Contact>;
  if (!searchFields.some((field) => field in changes)) return data;
  const next = { ...stored, ...data };
  return { ...data, ...(changes.email ? { emailKey: emailKey(next.email) } : {}), searchText: searchTextOf(next) };
}

export function emailTaken(holderId: string): FieldError {
  return { field: 'email', code: 'TAKEN', message: `email already belongs to contact ${holderId}` };
}
