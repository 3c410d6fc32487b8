/** A contact change as a webhook event: the body every endpoint of its workspace receives. */
import { contactJson } from '../contacts/contact.js';
import type { ContactChangeRecord } from '../contacts/history.js';

const eventTypes = { CREATED: 'contact.created', UPDATED: 'contact.updated', DELETED: 'contact.deleted' } as const;

export type EventType = (typeof eventTypes)[keyof typeof eventTypes];

export const eventTypeOf = (change: ContactChangeRecord): EventType => eventTypes[change.kind];

/** The event's JSON body, as it is stored in the outbox, signed and sent. */
export function eventBody(change: ContactChangeRecord): string {
  return JSON.stringify({
    type: eventTypeOf(change),
    timestamp: change.time.toISOString(),
    data: {
      changeId: change.id,
      contactId: change.contactId,
      changes: change.changes,
      contact: change.contact ? contactJson(change.contact) : null,
    },
  });
}
