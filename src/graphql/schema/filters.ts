/**
 * The Prisma filters GraphQL reads use, always inside one workspace. An id or
 * key that does not exist, belongs to another workspace or is malformed simply
 * matches nothing (null: the database is not even asked).
 */
import { emailKey } from '../../contacts/fields.js';
import { canMatch } from '../../contacts/lookup.js';

/** Any record of the workspace (contact, client, investment entity) by its id. */
export const idInWorkspace = (workspaceId: string, id: string) => (canMatch(id) ? { workspaceId, id } : null);

export const contactWhere = {
  id: idInWorkspace,
  trackingId: (workspaceId: string, trackingId: string) => (canMatch(trackingId) ? { workspaceId, trackingId } : null),
  /** Case-insensitive, through the normalised key column. */
  email: (workspaceId: string, email: string) => (canMatch(email) ? { workspaceId, emailKey: emailKey(email.trim()) } : null),
  /**
   * Contacts whose name, email, company or trackingId contain every word of
   * `search`, ignoring case: the search text is stored lower-cased, so the words
   * are lower-cased the same way. A blank search matches every contact.
   */
  search: (workspaceId: string, search: string | null | undefined, containing: (text: string) => { contains: string }) => {
    const words = (search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    return words.every(canMatch) ? { workspaceId, AND: words.map((word) => ({ searchText: containing(word) })) } : null;
  },
};
