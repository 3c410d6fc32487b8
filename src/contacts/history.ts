/**
 * The history of contacts: one change record per committed create, update or
 * delete, written in the same transaction as the write it describes, so that a
 * rolled-back write leaves none and a committed one always has its record.
 */
import { newId } from '../ids.js';
import type { ContactRow } from './contact.js';
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
  /** In the order of the contact's fields. */
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

/** A new contact: every field it was given a value for. */
export function createdChange(contact: ContactRow, actor: Actor): ContactChangeRecord {
  const changes = contactFields.filter((field) => contact[field] !== null).map((field) => ({ field, from: null, to: contact[field] }));
  return record('CREATED', contact, contact.updatedAt, changes, actor);
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
