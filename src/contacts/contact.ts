/** A stored contact as the domain sees it: the project's own row type, whichever database holds it. */
import { contactFields, type ContactField } from './fields.js';

/** Every column of a contact, in one order that the stores read and write. */
export const contactColumns = ['id', 'workspaceId', ...contactFields, 'emailKey', 'searchText', 'createdAt', 'updatedAt'] as const;

export type ContactColumn = (typeof contactColumns)[number];

export type ContactRow = Record<Exclude<ContactField, 'email' | 'firstName' | 'lastName'>, string | null> & {
  id: string;
  workspaceId: string;
  email: string;
  firstName: string;
  lastName: string;
  /** Lower-cased email: the case-insensitive match and uniqueness key. */
  emailKey: string;
  /** What `contacts(search:)` looks in. */
  searchText: string;
  createdAt: Date;
  updatedAt: Date;
};

/** A client or an investment entity. */
export interface OrganisationRow {
  id: string;
  workspaceId: string;
  name: string;
  createdAt: Date;
}
