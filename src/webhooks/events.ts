/** A contact change as a webhook event: the body every endpoint of its workspace receives. */
import { v5 } from 'uuid';
import { contactJson } from '../contacts/contact.js';
import { contactAfter, decodeFieldChanges, type ChangeKind, type ReadChange } from '../contacts/history.js';

const eventTypes = { CREATED: 'contact.created', UPDATED: 'contact.updated', DELETED: 'contact.deleted' } as const;

export type EventType = (typeof eventTypes)[keyof typeof eventTypes];

export const eventTypeOf = (kind: ChangeKind): EventType => eventTypes[kind];

/** Delivery ids are UUIDv5 in this namespace (itself a random UUID, fixed for good). */
const deliveryNamespace = '5b0e4a7e-2f4d-4c8e-9a53-7f2c61d0b6a1';

/** The id of the delivery of change `eventId` to `endpointId`: known before the worker enqueues it. */
export const deliveryIdOf = (endpointId: string, eventId: string): string => v5(`${endpointId}/${eventId}`, deliveryNamespace);

/** The event's JSON body, built from the change's record as read, as it is enqueued, signed and sent. */
export function eventBody(change: ReadChange): string {
  const contact = contactAfter(change);
  return JSON.stringify({
    type: eventTypeOf(change.kind),
    timestamp: change.time.toISOString(),
    data: {
      changeId: change.id,
      contactId: change.contactId,
      changes: decodeFieldChanges(change.kind, change.changes),
      contact: contact ? contactJson(contact) : null,
    },
  });
}
