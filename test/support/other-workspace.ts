/** A second workspace with one contact in it: what the caller's workspace must never see or change. */
import { upsertContact } from '../../src/contacts/upsert.js';
import type { Database } from '../../src/db/client.js';

export async function contactInAnotherWorkspace(db: Database) {
  const workspace = await db.models.workspace.create({ data: { name: 'Other' } });
  const suffix = Math.random().toString(36).slice(2, 10);
  const { contact } = await upsertContact(db.contacts, workspace.id, {
    trackingId: `other-${suffix}`,
    email: `other-${suffix}@example.com`,
    firstName: 'Other',
    lastName: 'Workspace',
  });
  return { workspaceId: workspace.id, contact };
}
