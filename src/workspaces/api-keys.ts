/**
 * API keys: random secrets that act for one workspace. A key is shown once, when
 * it is made; the database keeps only its SHA-256 and a short visible prefix.
 */
import { createHash, randomBytes } from 'node:crypto';
import { NotFoundError } from '../contacts/errors.js';
import { canMatch } from '../contacts/lookup.js';
import type { ApiKeyRow, StoredApiKey, WorkspaceStore } from './store.js';

/** Marks our keys, so that secret scanners (and people) recognise a leaked one. */
const keyMarker = 'cak_';
/** 256 random bits: far beyond guessing, which is also why a fast unsalted hash suffices. */
const randomByteCount = 32;
const keyPattern = new RegExp(`^${keyMarker}[A-Za-z0-9_-]{43}$`);
/** Characters of the key kept in clear, enough to tell a workspace's keys apart in a listing. */
const visiblePrefixLength = keyMarker.length + 8;

export interface NewApiKey {
  apiKeyId: string;
  /** The secret itself: shown to its owner this once, stored nowhere. */
  apiKey: string;
}

/** What a listing tells about a key; never the key. */
export type ApiKeySummary = ApiKeyRow;

/** A key that may act, and the workspace it acts for. */
export interface ActiveApiKey {
  id: string;
  workspaceId: string;
}

export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex');
}

/** A new key, and the only things the database may keep of it. */
export function generateApiKey(): { apiKey: string; stored: StoredApiKey } {
  const apiKey = keyMarker + randomBytes(randomByteCount).toString('base64url');
  return { apiKey, stored: { prefix: apiKey.slice(0, visiblePrefixLength), hash: hashApiKey(apiKey) } };
}

export async function createApiKey(store: WorkspaceStore, workspaceId: string, name: string | null = null): Promise<NewApiKey> {
  if (!(await store.workspaceExists(workspaceId))) throw new NotFoundError('workspace', workspaceId);
  const { apiKey, stored } = generateApiKey();
  return { apiKeyId: await store.createApiKey(workspaceId, name, stored), apiKey };
}

export async function listApiKeys(store: WorkspaceStore, workspaceId: string): Promise<ApiKeySummary[]> {
  if (!(await store.workspaceExists(workspaceId))) throw new NotFoundError('workspace', workspaceId);
  return store.listApiKeys(workspaceId);
}

/** Revokes the key from now on; revoking a revoked key keeps its first revocation time. */
export async function revokeApiKey(store: WorkspaceStore, apiKeyId: string): Promise<{ revokedAt: Date }> {
  const revokedAt = canMatch(apiKeyId) ? await store.revokeApiKey(apiKeyId, new Date()) : null;
  if (!revokedAt) throw new NotFoundError('API key', apiKeyId);
  return { revokedAt };
}

/**
 * The key that `presented` is, if it exists and is not revoked. The database
 * compares SHA-256 digests, never the secret: how long a comparison takes can
 * tell an attacker about a digest, which does not help to find a key, so the
 * lookup is constant-time where it matters.
 */
export async function findActiveApiKey(store: WorkspaceStore, presented: string): Promise<ActiveApiKey | null> {
  // Anything not shaped like a key cannot be one: no need to ask the database.
  if (!keyPattern.test(presented)) return null;
  const key = await store.findApiKeyByHash(hashApiKey(presented));
  return key && key.revokedAt === null ? { id: key.id, workspaceId: key.workspaceId } : null;
}
