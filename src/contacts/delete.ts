import { NotFoundError } from './errors.js';
import { canMatch } from './lookup.js';
import type { ContactStore } from './store.js';

/**
 * Deletes the contact and, with it, its assignments (the organisations stay).
 * Throws NotFoundError for an id that names no contact of the workspace.
 */
export async function deleteContact(store: ContactStore, workspaceId: string, id: string): Promise<{ deletedId: string }> {
  const deleted = canMatch(id) && (await store.transaction((tx) => tx.delete(workspaceId, id)));
  if (!deleted) throw new NotFoundError('contact', id);
  return { deletedId: id };
}
