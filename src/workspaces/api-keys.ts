/**
 * API keys: random secrets that act for one workspace. A key is shown once, when
 * it is made; the database keeps only its SHA-256 and a short visible prefix.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/client.js';
import { NotFoundError } from '../contacts/errors.js';

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
export interface ApiKeySummary {
  id: string;
  prefix: string;
  name: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A key that may act, and the workspace it acts for. */
export interface ActiveApiKey {
  id: string;
  workspaceId: string;
}

export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex');
}

/** A new key, and the only things the database may keep of it. */
export function generateApiKey(): { apiKey: string; stored: { prefix: string; hash: string } } {
  const apiKey = keyMarker + randomBytes(randomByteCount).toString('base64url');
  return { apiKey, stored: { prefix: apiKey.slice(0, visiblePrefixLength), hash: hashApiKey(apiKey) } };
}

export async function createApiKey(db: Database, workspaceId: string, name: string | null = null): Promise<NewApiKey> {
  if (!(await db.prisma.workspace.count({ where: { id: workspaceId } }))) throw new NotFoundError('workspace', workspaceId);
  const { apiKey, stored } = generateApiKey();
  const { id } = await db.prisma.apiKey.create({ data: { workspaceId, name, ...stored }, select: { id: true } });
  return { apiKeyId: id, apiKey };
}

export async function listApiKeys(db: Database, workspaceId: string): Promise<ApiKeySummary[]> {
  if (!(await db.prisma.workspace.count({ where: { id: workspaceId } }))) throw new NotFoundError('workspace', workspaceId);
  return db.prisma.apiKey.findMany({
    where: { workspaceId },
    orderBy: { createdAt: 'asc' },
    select: { id: true, prefix: true, name: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

/** Revokes the key from now on; revoking a revoked key keeps its first revocation time. */
export async function revokeApiKey(db: Database, apiKeyId: string): Promise<{ revokedAt: Date }> {
  await db.prisma.apiKey.updateMany({ where: { id: apiKeyId, revokedAt: null }, data: { revokedAt: new Date() } });
  const key = await db.prisma.apiKey.findUnique({ where: { id: apiKeyId }, select: { revokedAt: true } });
  if (!key) throw new NotFoundError('API key', apiKeyId);
  return { revokedAt: key.revokedAt! };
}

/**
 * The key that `presented` is, if it exists and is not revoked. The database
 * compares SHA-256 digests, never the secret: how long a comparison takes can
 * tell an attacker about a digest, which does not help to find a key, so the
 * lookup is constant-time where it matters.
 */
export async function findActiveApiKey(db: Database, presented: string): Promise<ActiveApiKey | null> {
  // Anything not shaped like a key cannot be one: no need to ask the database.
  if (!keyPattern.test(presented)) return null;
  // Every request asks this: raw SQL skips the query compiler, a third of the lookup's cost,
  // and on SQLite a direct read skips Prisma altogether, most of the rest.
  const hash = hashApiKey(presented);
  const sql = `SELECT "id", "workspaceId", "revokedAt" FROM "ApiKey" WHERE "hash" = ${db.provider === 'postgresql' ? '$1' : '?'}`;
  const [key] = db.direct
    ? db.direct.read(sql, [hash]).map(([id, workspaceId, revokedAt]) => ({ id, workspaceId, revokedAt }))
    : await db.prisma.$queryRawUnsafe<{ id: unknown; workspaceId: unknown; revokedAt: unknown }[]>(sql, hash);
  return key && key.revokedAt == null ? { id: String(key.id), workspaceId: String(key.workspaceId) } : null;
}
