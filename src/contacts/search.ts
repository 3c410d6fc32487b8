/**
 * What `contacts(search:)` looks in: name, email, company and trackingId,
 * lower-cased once on write so that a search is case-insensitive on every
 * database without relying on its collation.
 */
export interface Searchable {
  firstName: string;
  lastName: string;
  email: string;
  company: string | null;
  trackingId: string | null;
}

export function searchTextOf(contact: Searchable): string {
  return [contact.firstName, contact.lastName, contact.email, contact.company, contact.trackingId]
    .filter((part): part is string => Boolean(part))
    .join('\n')
    .toLowerCase();
}

export const searchFields: readonly (keyof Searchable)[] = ['firstName', 'lastName', 'email', 'company', 'trackingId'];

/** Longest `search`, in characters (code points): far beyond any name, email or company one searches for. */
export const maxSearchLength = 200;
/** Most distinct words in a `search`: each is one more condition on every contact the search reads. */
export const maxSearchWords = 10;

/** A `search` beyond the limits: the caller's mistake, told as such. */
export class SearchTooLargeError extends Error {
  override readonly name = 'SearchTooLargeError';
  constructor() {
    super(`search must be at most ${maxSearchLength} characters and ${maxSearchWords} distinct words`);
  }
}

/**
 * The distinct words of a search, lower-cased as the search text is. The length
 * is checked before anything splits the string, so a huge search costs a glance;
 * throws SearchTooLargeError beyond the limits.
 */
export function searchWords(search: string): string[] {
  // UTF-16 units are at least the code points: only a long string needs counting.
  if (search.length > maxSearchLength && [...search].length > maxSearchLength) throw new SearchTooLargeError();
  const words = [...new Set(search.toLowerCase().split(/\s+/).filter(Boolean))];
  if (words.length > maxSearchWords) throw new SearchTooLargeError();
  return words;
}
