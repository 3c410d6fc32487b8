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
