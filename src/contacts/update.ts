/**
 * The regular update of one contact by id. Unlike the upsert it may change the
 * match keys, email and trackingId, as long as no other contact of the workspace
 * holds them.
 */
import type { ContactRow } from './contact.js';
import { NotFoundError, ValidationError, type FieldError } from './errors.js';
import { contactFields, emailKey, type ContactField, type NormalizedContactInput } from './fields.js';
import { noActor, updatedChange, type Actor } from './history.js';
import { canMatch } from './lookup.js';
import type { ContactStore, ContactTransaction } from './store.js';
import { changedValues, emailTaken, withSearchText } from './upsert.js';
import { required, validateContactInput } from './validate.js';

export interface UpdateOutcome {
  contact: ContactRow;
  /** Input fields whose stored value changed; empty when nothing did (and nothing was written). */
  changedFields: ContactField[];
}

/**
 * Validates `raw` and sets its fields on the contact; omitted fields stay as they
 * are. Throws NotFoundError for an id that names no contact of the workspace and
 * ValidationError (writing nothing) for bad input or a key another contact holds.
 */
export async function updateContact(
  store: ContactStore,
  workspaceId: string,
  id: string,
  raw: Readonly<Record<string, unknown>>,
  actor: Actor = noActor,
): Promise<UpdateOutcome> {
  const validated = validateContactInput(raw, { requireKey: false });
  const { input } = validated;
  const errors: FieldError[] = [...validated.errors];
  // Email is the contact's identity where it has no trackingId: it can change, never go.
  if (input.email === null) errors.push(required('email'));
  return store.transaction(async (tx) => {
    const existing = canMatch(id) ? await tx.findById(workspaceId, id) : null;
    if (!existing) throw new NotFoundError('contact', id);
    const changes = changedValues(existing, input, contactFields);
    const conflicts = await keysHeldByOthers(tx, existing, changes);
    if (errors.length || conflicts.length) throw new ValidationError([...errors, ...conflicts]);
    const changedFields = Object.keys(changes) as ContactField[];
    if (!changedFields.length) return { contact: existing, changedFields };
    const contact = { ...existing, ...withSearchText(existing, changes), updatedAt: new Date() };
    await tx.update([contact]);
    await tx.recordChanges([updatedChange(existing, contact, changedFields, actor)]);
    return { contact, changedFields };
  });
}

/** TAKEN errors for the new email or trackingId when another contact of the workspace has it. */
async function keysHeldByOthers(tx: ContactTransaction, contact: ContactRow, changes: NormalizedContactInput): Promise<FieldError[]> {
  const { workspaceId } = contact;
  const errors: FieldError[] = [];
  if (changes.email) {
    const [holder] = await tx.findByEmailKeys(workspaceId, [emailKey(changes.email)]);
    // A change of case only finds the contact itself.
    if (holder && holder.id !== contact.id) errors.push(emailTaken(holder.id));
  }
  if (changes.trackingId) {
    const [holder] = await tx.findByTrackingIds(workspaceId, [changes.trackingId]);
    if (holder) errors.push(trackingIdTaken(holder.id));
  }
  return errors;
}

function trackingIdTaken(holderId: string): FieldError {
  return { field: 'trackingId', code: 'TAKEN', message: `trackingId already belongs to contact ${holderId}` };
}
