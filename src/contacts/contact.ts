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

/** A contact as JSON shows it (the REST route, webhook events): its id, every field, and ISO-8601 times. */
/** What a contact shows as JSON: its id, its fields and its times. */
export type ShownContact = Pick<ContactRow, 'id' | ContactField | 'createdAt' | 'updatedAt'>;

export function contactJson(contact: ShownContact): Record<string, string | null> {
  return {
    id: contact.id,
    ...Object.fromEntries(contactFields.map((field) => [field, contact[field]])),
    createdAt: contact.createdAt.toISOString(),
    updatedAt: contact.updatedAt.toISOString(),
  };
}

/** A client or an investment entity. */
export interface OrganisationRow {
  id: string;
  workspaceId: string;
  name: string;
  createdAt: Date;
}
