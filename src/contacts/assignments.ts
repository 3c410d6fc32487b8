/**
 * Which clients and investment entities a contact is assigned to. Assigning is
 * idempotent both ways, and only these functions change assignments: upserts and
 * updates never touch them.
 */
import type { Database, TransactionClient } from '../db/client.js';
import { inTransaction } from '../db/transaction.js';
import type { Contact } from '../generated/prisma/sqlite/client.js';
import { NotFoundError } from './errors.js';
import { contactWhere, idInWorkspace } from './lookup.js';

export type OrganisationKind = 'client' | 'investmentEntity';

type ContactLink = { connect: { id: string } } | { disconnect: { id: string } };

/**
 * Per kind: whether one exists, and how to link it. The link is written from the
 * organisation's side, so that the contact's own row (and its updatedAt) stays as it is.
 */
const organisations = {
  client: {
    label: 'client',
    exists: async (tx: TransactionClient, where: { workspaceId: string; id: string }) => (await tx.client.count({ where })) > 0,
    link: (tx: TransactionClient, id: string, contacts: ContactLink) =>
      tx.client.update({ where: { id }, data: { contacts }, select: { id: true } }),
  },
  investmentEntity: {
    label: 'investment entity',
    exists: async (tx: TransactionClient, where: { workspaceId: string; id: string }) =>
      (await tx.investmentEntity.count({ where })) > 0,
    link: (tx: TransactionClient, id: string, contacts: ContactLink) =>
      tx.investmentEntity.update({ where: { id }, data: { contacts }, select: { id: true } }),
  },
} satisfies Record<OrganisationKind, unknown>;

export interface Assignment {
  contactId: string;
  kind: OrganisationKind;
  organisationId: string;
}

/**
 * Assigns (`assigned: true`) or unassigns the contact; doing what is already so is
 * fine. Throws NotFoundError when either id names nothing in the workspace.
 */
export function setAssignment(
  db: Database,
  workspaceId: string,
  { contactId, kind, organisationId }: Assignment,
  assigned: boolean,
): Promise<Contact> {
  const organisation = organisations[kind];
  return inTransaction(db, async (tx) => {
    const where = contactWhere.id(workspaceId, contactId);
    const contact = where && (await tx.contact.findFirst({ where }));
    if (!contact) throw new NotFoundError('contact', contactId);
    const organisationWhere = idInWorkspace(workspaceId, organisationId);
    if (!organisationWhere || !(await organisation.exists(tx, organisationWhere))) {
      throw new NotFoundError(organisation.label, organisationId);
    }
    await organisation.link(tx, organisationId, assigned ? { connect: { id: contact.id } } : { disconnect: { id: contact.id } });
    return contact;
  });
}
