/** Workspaces: the tenants. Each is created with a first API key, since without one nobody could use it. */
import { generateApiKey, type NewApiKey } from './api-keys.js';
import type { Database } from '../db/client.js';

export interface NewWorkspace extends NewApiKey {
  workspaceId: string;
}

export async function createWorkspace(db: Database, name: string): Promise<NewWorkspace> {
  const { apiKey, stored } = generateApiKey();
  // One nested write: a workspace never exists without its first key.
  const workspace = await db.prisma.workspace.create({
    data: { name, apiKeys: { create: stored } },
    select: { id: true, apiKeys: { select: { id: true } } },
  });
  return { workspaceId: workspace.id, apiKeyId: workspace.apiKeys[0]!.id, apiKey };
}

/** A first workspace when the database has none yet (a fresh install); null otherwise. */
export async function createFirstWorkspace(db: Database): Promise<NewWorkspace | null> {
  if (await db.prisma.workspace.count()) return null;
  return createWorkspace(db, 'Default');
}
