/**
 * A create's values, read back. A CREATED change is stored without them: they
 * are the contact's first state, which the contact's next change keeps (an
 * update its `from` values and the rest, a delete the last values) and which,
 * until there is one, the contact itself holds. Every reader of stored changes
 * fills them in here before it decodes them.
 */
import { valuesBefore, withCreatedValues, type ContactValues, type ReadChange, type StoredChange } from '../contacts/history.js';
import type { ModelClient } from './models.js';

/** Each database's query: the position of each listed contact's first change after its create, where it has one. */
export type NextChangePositions = (client: ModelClient, contactIds: readonly string[]) => Promise<bigint[]>;

/** `changes`, in their order, each CREATED stored without values given them; three statements when there is one. */
export async function fillCreatedValues<C extends StoredChange>(
  client: ModelClient,
  nextChangePositions: NextChangePositions,
  changes: readonly C[],
): Promise<ReadChange<C>[]> {
  const contactIds = [...new Set(changes.filter((change) => change.changes === null).map((change) => change.contactId))];
  if (!contactIds.length) return changes as ReadChange<C>[];
  // The contacts first, their next changes after: a change that commits between the two reads is
  // then found by the second, so a contact updated meanwhile is never taken for its first state.
  const contacts = await client.contact.findMany({ where: { id: { in: contactIds } } });
  const positions = await nextChangePositions(client, contactIds);
  const next = positions.length ? await client.contactChange.findMany({ where: { position: { in: positions } } }) : [];
  const firstStates = new Map<string, ContactValues>(contacts.map((contact) => [contact.id, contact]));
  for (const change of next) firstStates.set(change.contactId, valuesBefore({ ...change, kind: change.kind as StoredChange['kind'] }));
  return changes.map((change) => {
    if (change.changes !== null) return change as ReadChange<C>;
    const values = firstStates.get(change.contactId);
    // History keeps a create's later changes at least as long as the create (it prunes the oldest first).
    if (!values) throw new Error(`Contact ${change.contactId} has a create on record but neither the contact nor a later change`);
    return withCreatedValues(change, values);
  });
}
