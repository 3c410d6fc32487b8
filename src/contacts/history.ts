/**
 * The history of contacts: one change record per committed create, update or
 * delete, written in the same transaction as the write it describes, so that a
 * rolled-back write leaves none and a committed one always has its record.
 */
import { newId } from '../ids.js';
import type { ContactRow, ShownContact } from './contact.js';
import { contactFields, type ContactField } from './fields.js';

export type ChangeKind = 'CREATED' | 'UPDATED' | 'DELETED';

/** One field's value before and after: `from` null on create, `to` null on delete. */
export interface FieldChange {
  field: ContactField;
  from: string | null;
  to: string | null;
}

/** Who made a write: the API key and the request, when it came through one. */
export interface Actor {
  apiKeyId: string | null;
  requestId: string | null;
}

export const noActor: Actor = { apiKeyId: null, requestId: null };

/** A change as the domain records it; the store gives it its place in the workspace's feed. */
export interface ContactChangeRecord extends Actor {
  id: string;
  workspaceId: string;
  contactId: string;
  kind: ChangeKind;
  time: Date;
  /** In the order of the contact's fields; none on CREATED, whose values are its `contact` (its first state). */
  changes: FieldChange[];
  /** The contact as the change left it; null when it deleted it. */
  contact: ContactRow | null;
}

const record = (kind: ChangeKind, contact: ContactRow, time: Date, changes: FieldChange[], actor: Actor): ContactChangeRecord => ({
  id: newId(),
  workspaceId: contact.workspaceId,
  contactId: contact.id,
  kind,
  time,
  changes,
  apiKeyId: actor.apiKeyId,
  requestId: actor.requestId,
  contact: kind === 'DELETED' ? null : contact,
});

/**
 * A new contact. Its fields are not listed: they are the contact's first state, which readers
 * take from the contact or from its next change (withCreatedValues), so the store writes none.
 */
export function createdChange(contact: ContactRow, actor: Actor): ContactChangeRecord {
  return record('CREATED', contact, contact.updatedAt, [], actor);
}

/** A contact whose `fields` changed from `before` to `after` (`after.updatedAt` is the change's time). */
export function updatedChange(before: ContactRow, after: ContactRow, fields: readonly ContactField[], actor: Actor): ContactChangeRecord {
  const changed = new Set(fields);
  const changes = contactFields.filter((field) => changed.has(field)).map((field) => ({ field, from: before[field], to: after[field] }));
  return record('UPDATED', after, after.updatedAt, changes, actor);
}

/** A deleted contact, with the last values it had. */
export function deletedChange(contact: ContactRow, time: Date, actor: Actor): ContactChangeRecord {
  const changes = contactFields.filter((field) => contact[field] !== null).map((field) => ({ field, from: contact[field], to: null }));
  return record('DELETED', contact, time, changes, actor);
}

type EncodedValue = string | null | [string | null, string | null];

/**
 * A change's fields as its record stores them: one key per field, with what the kind leaves
 * open (`from` of a create, `to` of a delete) left out. Read back by decodeFieldChanges. A
 * create is stored without them, and given them when read (withCreatedValues).
 */
export function encodeFieldChanges(kind: ChangeKind, changes: readonly FieldChange[]): string {
  const encoded: Record<string, EncodedValue> = {};
  for (const { field, from, to } of changes) encoded[field] = kind === 'CREATED' ? to : kind === 'DELETED' ? from : [from, to];
  return JSON.stringify(encoded);
}

/** The field changes a record stores (encodeFieldChanges), in the order of the contact's fields. */
export function decodeFieldChanges(kind: ChangeKind, text: string): FieldChange[] {
  const encoded = JSON.parse(text) as Record<string, EncodedValue>;
  return contactFields
    .filter((field) => Object.hasOwn(encoded, field))
    .map((field) => {
      const value = encoded[field]!;
      if (kind === 'CREATED') return { field, from: null, to: value as string };
      if (kind === 'DELETED') return { field, from: value as string, to: null };
      const [from, to] = value as [string | null, string | null];
      return { field, from, to };
    });
}

/** What an UPDATED record keeps of the contact besides its changes: the other non-null values and createdAt. */
export function encodeUnchangedValues(contact: ContactRow, changes: readonly FieldChange[]): string {
  const changed = new Set(changes.map((change) => change.field));
  const kept: Record<string, string> = { createdAt: contact.createdAt.toISOString() };
  for (const field of contactFields) if (!changed.has(field) && contact[field] !== null) kept[field] = contact[field];
  return JSON.stringify(kept);
}

/** A change as its record stores it. */
export interface StoredChange {
  id: string;
  contactId: string;
  kind: ChangeKind;
  time: Date;
  /** encodeFieldChanges; null on a CREATED, whose values the contact's next change keeps (valuesBefore). */
  changes: string | null;
  /** encodeUnchangedValues, on UPDATED. */
  contact: string | null;
}

/** A stored change whose field changes are all at hand: a create's filled in by withCreatedValues. */
export type ReadChange<C extends StoredChange = StoredChange> = C & { changes: string };

/** A contact's values, field by field. */
export type ContactValues = Record<ContactField, string | null>;

/** What an update kept besides its changes (encodeUnchangedValues), and those values field by field; nothing for the other kinds. */
function keptValues(change: StoredChange): { kept: Record<string, string>; values: ContactValues } {
  const kept = change.kind === 'UPDATED' ? (JSON.parse(change.contact ?? '{}') as Record<string, string>) : {};
  return { kept, values: Object.fromEntries(contactFields.map((field) => [field, kept[field] ?? null])) as ContactValues };
}

/**
 * The contact's values just before `later`, its first change after its creation: the state its
 * create left. An update keeps the fields it changed (their `from`) and every other value; a
 * delete keeps the last values. This is why a create is stored without values of its own.
 */
export function valuesBefore(later: StoredChange): ContactValues {
  if (later.kind === 'CREATED' || later.changes === null) throw new Error(`change ${later.id} does not follow a create`);
  const { values } = keptValues(later);
  for (const { field, from } of decodeFieldChanges(later.kind, later.changes)) values[field] = from;
  return values;
}

/** A CREATED change, as stored, with the values its create gave: the contact's first state. */
export function withCreatedValues<C extends StoredChange>(created: C, values: ContactValues): ReadChange<C> {
  const changes = contactFields.filter((field) => values[field] !== null).map((field) => ({ field, from: null, to: values[field] }));
  return { ...created, changes: encodeFieldChanges('CREATED', changes) };
}

/**
 * The contact as a change left it, from its record as read: a create's values are its
 * changes; an update's are its changes and the values it kept. Its updatedAt is the change's
 * time (a write's time is its contact's updatedAt); a delete left none.
 */
export function contactAfter(change: ReadChange): ShownContact | null {
  if (change.kind === 'DELETED') return null;
  const { kept, values } = keptValues(change);
  for (const { field, to } of decodeFieldChanges(change.kind, change.changes)) values[field] = to;
  const createdAt = change.kind === 'CREATED' ? change.time : new Date(kept.createdAt!);
  return { ...values, id: change.contactId, createdAt, updatedAt: change.time } as ShownContact;
}
