/**
 * The Prisma filters GraphQL reads use, always inside one workspace. An id or
 * key that does not exist, belongs to another workspace or is malformed simply
 * matches nothing (null: the database is not even asked).
 */
import { GraphQLError } from 'graphql';
import { emailKey } from '../../contacts/fields.js';
import { canMatch } from '../../contacts/lookup.js';
import { SearchTooLargeError, searchWords } from '../../contacts/search.js';

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
   * are lower-cased the same way. A blank search matches every contact. A search
   * beyond the limits (see search.ts) is refused as a bad argument.
   */
  search: (workspaceId: string, search: string | null | undefined, containing: (text: string) => { contains: string }) => {
    const words = searchArgument(search ?? '');
    return words.every(canMatch) ? { workspaceId, AND: words.map((word) => ({ searchText: containing(word) })) } : null;
  },
};

function searchArgument(search: string): string[] {
  try {
    return searchWords(search);
  } catch (error) {
    if (!(error instanceof SearchTooLargeError)) throw error;
    throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'search' } });
  }
}
