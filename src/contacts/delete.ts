import { NotFoundError } from './errors.js';
import { deletedChange, noActor, type Actor } from './history.js';
import { canMatch } from './lookup.js';
import type { ContactStore } from './store.js';

/**
 * Deletes the contact and, with it, its assignments (the organisations stay); its
 * history stays, ending with a DELETED change that keeps its last values.
 * Throws NotFoundError for an id that names no contact of the workspace.
 */
export async function deleteContact(
  store: ContactStore,
  workspaceId: string,
  id: string,
  actor: Actor = noActor,
): Promise<{ deletedId: string }> {
  const deleted = canMatch(id) && (await store.transaction(async (tx) => {
    const contact = await tx.findById(workspaceId, id);
    // A rival that changed the contact since it was read fails this transaction, which then reads again.
    if (!contact || !(await tx.delete(workspaceId, id))) return false;
    await tx.recordChanges([deletedChange(contact, new Date(), actor)]);
    return true;
  }));
  if (!deleted) throw new NotFoundError('contact', id);
  return { deletedId: id };
}
