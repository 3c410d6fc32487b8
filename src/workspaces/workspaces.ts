/** Workspaces: the tenants. Each is created with a first API key, since without one nobody could use it. */
import { generateApiKey, type NewApiKey } from './api-keys.js';
import type { WorkspaceRow, WorkspaceStore } from './store.js';

export interface NewWorkspace extends NewApiKey {
  workspaceId: string;
}

export async function createWorkspace(store: WorkspaceStore, name: string): Promise<NewWorkspace> {
  const { apiKey, stored } = generateApiKey();
  return { ...(await store.createWorkspace(name, stored)), apiKey };
}

/** A first workspace when the database has none yet (a fresh install); null otherwise. */
export async function createFirstWorkspace(store: WorkspaceStore): Promise<NewWorkspace | null> {
  if (await store.countWorkspaces()) return null;
  return createWorkspace(store, 'Default');
}

/** Every workspace, oldest first. */
export function listWorkspaces(store: WorkspaceStore): Promise<WorkspaceRow[]> {
  return store.listWorkspaces();
}

