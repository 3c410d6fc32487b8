/** What workspaces and API keys need from persistence (implemented in src/db). */

/** What the database keeps of a key: never the key itself. */
export interface StoredApiKey {
  prefix: string;
  /** SHA-256 of the whole key, hex. */
  hash: string;
}

export interface WorkspaceRow {
  id: string;
  name: string;
  createdAt: Date;
}

/** What a listing tells about a key; never the key. */
export interface ApiKeyRow {
  id: string;
  prefix: string;
  name: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface WorkspaceStore {
  /** A workspace with its first key, in one write: a workspace never exists without one. */
  createWorkspace(name: string, key: StoredApiKey): Promise<{ workspaceId: string; apiKeyId: string }>;
  countWorkspaces(): Promise<number>;
  listWorkspaces(): Promise<WorkspaceRow[]>;
  workspaceExists(id: string): Promise<boolean>;
  createApiKey(workspaceId: string, name: string | null, key: StoredApiKey): Promise<string>;
  /** The workspace's keys, oldest first. */
  listApiKeys(workspaceId: string): Promise<ApiKeyRow[]>;
  /** Sets revokedAt to `at` unless it is set already; answers the key's revokedAt, or null when there is no such key. */
  revokeApiKey(id: string, at: Date): Promise<Date | null>;
  /** The key with this hash, whether revoked or not. */
  findApiKeyByHash(hash: string): Promise<{ id: string; workspaceId: string; revokedAt: Date | null } | null>;
  /** Records that the key was used at `at`. */
  markApiKeyUsed(id: string, at: Date): Promise<void>;
}
