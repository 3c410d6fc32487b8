import type { Database } from '../db/client.js';

/**
 * The workspace that requests act in until API keys select one: the oldest
 * workspace, created on first use.
 */
export async function ensureDefaultWorkspace(db: Database): Promise<{ id: string; created: boolean }> {
  const existing = await db.prisma.workspace.findFirst({ orderBy: { createdAt: 'asc' }, select: { id: true } });
  if (existing) return { id: existing.id, created: false };
  const created = await db.prisma.workspace.create({ data: { name: 'Default' }, select: { id: true } });
  return { id: created.id, created: true };
}
