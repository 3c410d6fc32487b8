import type { Database } from '../db/client.js';
import { NotFoundError } from './errors.js';
import { contactWhere } from './lookup.js';

/**
 * Deletes the contact and, with it, its assignments (the organisations stay).
 * Throws NotFoundError for an id that names no contact of the workspace.
 */
export async function deleteContact(db: Database, workspaceId: string, id: string): Promise<{ deletedId: string }> {
  const where = contactWhere.id(workspaceId, id);
  // deleteMany, because the id alone is not the filter: the workspace is part of it.
  const { count } = where ? await db.prisma.contact.deleteMany({ where }) : { count: 0 };
  if (!count) throw new NotFoundError('contact', id);
  return { deletedId: id };
}
