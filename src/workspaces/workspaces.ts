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

/** What a listing tells about a workspace. */
export interface WorkspaceSummary {
  id: string;
  name: string;
  createdAt: Date;
}

/** Every workspace, oldest first. */
export async function listWorkspaces(db: Database): Promise<WorkspaceSummary[]> {
  return db.prisma.workspace.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true, name: true, createdAt: true } });
}

/** Whether the database has any workspace yet. */
export async function hasWorkspace(db: Database): Promise<boolean> {
  return (await db.prisma.workspace.findMany({ select: { id: true }, take: 1 })).length > 0;
}
