/**
 * Which clients and investment entities a contact is assigned to. Assigning is
 * idempotent both ways, and only these functions change assignments: upserts and
 * updates never touch them.
 */
import type { ContactRow } from './contact.js';
import { NotFoundError } from './errors.js';
import { canMatch } from './lookup.js';
import type { ContactStore, OrganisationKind } from './store.js';

export type { OrganisationKind } from './store.js';

const labels: Record<OrganisationKind, string> = { client: 'client', investmentEntity: 'investment entity' };

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
  store: ContactStore,
  workspaceId: string,
  { contactId, kind, organisationId }: Assignment,
  assigned: boolean,
): Promise<ContactRow> {
  return store.transaction(async (tx) => {
    const contact = canMatch(contactId) ? await tx.findById(workspaceId, contactId) : null;
    if (!contact) throw new NotFoundError('contact', contactId);
    if (!canMatch(organisationId) || !(await tx.organisationExists(kind, workspaceId, organisationId))) {
      throw new NotFoundError(labels[kind], organisationId);
    }
    await tx.setAssignment(kind, workspaceId, organisationId, contact.id, assigned);
    return contact;
  });
}
