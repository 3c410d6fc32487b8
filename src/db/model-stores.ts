/**
 * The parts of the stores that Prisma's model API serves alike on both
 * databases: workspaces and API keys, organisations, and the contact
 * statements that touch one row. Each database's store adds its own SQL.
 */
import type { ContactRow } from '../contacts/contact.js';
import { encodeFieldChanges, encodeUnchangedValues, type ContactChangeRecord } from '../contacts/history.js';
import type { ContactStore, ContactTransaction, OrganisationKind } from '../contacts/store.js';
import { newId } from '../ids.js';
import type { WorkspaceStore } from '../workspaces/store.js';
import type { ModelClient } from './models.js';

export function workspaceStore(prisma: ModelClient): WorkspaceStore {
  return {
    async createWorkspace(name, key) {
      const workspaceId = newId();
      const apiKeyId = newId();
      // One nested write: a workspace never exists without its first key.
      await prisma.workspace.create({ data: { id: workspaceId, name, apiKeys: { create: { id: apiKeyId, ...key } } } });
      return { workspaceId, apiKeyId };
    },
    countWorkspaces: () => Promise.resolve(prisma.workspace.count()),
    listWorkspaces: () =>
      Promise.resolve(prisma.workspace.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })).then((rows) =>
        rows.map(({ id, name, createdAt }) => ({ id, name, createdAt })),
      ),
    workspaceExists: async (id) => (await prisma.workspace.count({ where: { id } })) > 0,
    async createApiKey(workspaceId, name, key) {
      const id = newId();
      await prisma.apiKey.create({ data: { id, workspaceId, name, ...key } });
      return id;
    },
    async listApiKeys(workspaceId) {
      const keys = await prisma.apiKey.findMany({ where: { workspaceId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
      return keys.map(({ id, prefix, name, createdAt, lastUsedAt, revokedAt }) => ({ id, prefix, name, createdAt, lastUsedAt, revokedAt }));
    },
    async revokeApiKey(id, at) {
      await prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
      return (await prisma.apiKey.findUnique({ where: { id } }))?.revokedAt ?? null;
    },
    async findApiKeyByHash(hash) {
      // Every request asks this: one raw statement skips the query compiler, most of the lookup's cost.
      const [key] = await prisma.$queryRaw<{ id: string; workspaceId: string; revokedAt: Date | null }[]>`
        SELECT "id", "workspaceId", "revokedAt" FROM "ApiKey" WHERE "hash" = ${hash}`;
      return key ?? null;
    },
    async markApiKeyUsed(id, at) {
      await prisma.apiKey.updateMany({ where: { id }, data: { lastUsedAt: at } });
    },
  };
}

export function createOrganisation(prisma: ModelClient): ContactStore['createOrganisation'] {
  return async (kind, workspaceId, name) => {
    const data = { id: newId(), workspaceId, name };
    const { id, createdAt } = kind === 'client' ? await prisma.client.create({ data }) : await prisma.investmentEntity.create({ data });
    return { id, workspaceId, name, createdAt };
  };
}

/** A change as its table stores it: the field changes (none on a create), and what an update kept, as JSON text. */
export type ContactChangeRow = Omit<ContactChangeRecord, 'changes' | 'contact'> & { changes: string | null; contact: string | null };

/** The columns a new change is written with, in order; its position is the database's to give. */
export const changeColumns = ['id', 'workspaceId', 'contactId', 'kind', 'time', 'changes', 'contact', 'apiKeyId', 'requestId'] as const;

export const changeRows = (changes: readonly ContactChangeRecord[]): ContactChangeRow[] =>
  changes.map((change) => ({
    id: change.id,
    workspaceId: change.workspaceId,
    contactId: change.contactId,
    kind: change.kind,
    time: change.time,
    // A create's values are its contact's first state, which the contact's next change (or the
    // contact) keeps: written once, not twice. Readers fill them in (created-values.ts).
    changes: change.kind === 'CREATED' ? null : encodeFieldChanges(change.kind, change.changes),
    contact: change.kind === 'UPDATED' ? encodeUnchangedValues(change.contact!, change.changes) : null,
    apiKeyId: change.apiKeyId,
    requestId: change.requestId,
  }));

/** The many-row statements each database writes in its own SQL; never called with no keys or rows. */
export interface ManyRowSql {
  findBy(column: 'trackingId' | 'emailKey', workspaceId: string, keys: readonly string[]): Promise<ContactRow[]>;
  insert(rows: readonly ContactRow[]): Promise<unknown>;
  update(rows: readonly ContactRow[]): Promise<unknown>;
  /** Appends the changes to the feed, their positions increasing in the order given. */
  insertChanges(rows: readonly ContactChangeRow[]): Promise<unknown>;
  /**
   * Where writers run side by side (PostgreSQL): waits until no other transaction
   * writes the workspace's contacts, and holds that until this one ends.
   */
  lockWorkspace?(workspaceId: string): Promise<unknown>;
}

/** Orders rows by id, the one order in which every transaction writes them. */
const byId = (a: ContactRow, b: ContactRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A transaction's contact statements: the database's own SQL for many rows, the
 * model API for one. Where the database has a workspace lock, every write takes
 * it first, so writers of a workspace never interleave; with `lockFirst`, every
 * statement does, so that the transaction reads only after its rivals ended.
 */
export function contactStatements(tx: ModelClient, sql: ManyRowSql, { lockFirst = false } = {}): ContactTransaction {
  const locked = new Map<string, Promise<unknown>>();
  const lock = async (workspaceId: string) => {
    if (!sql.lockWorkspace) return;
    let taken = locked.get(workspaceId);
    if (!taken) locked.set(workspaceId, (taken = sql.lockWorkspace(workspaceId)));
    await taken;
  };
  const beforeRead = (workspaceId: string) => (lockFirst ? lock(workspaceId) : undefined);
  const beforeWrite = async (rows: readonly { workspaceId: string }[]) => {
    for (const workspaceId of new Set(rows.map((row) => row.workspaceId))) await lock(workspaceId);
  };
  const one = oneRowStatements(tx);
  return {
    findById: async (workspaceId, id) => (await beforeRead(workspaceId), one.findById(workspaceId, id)),
    delete: async (workspaceId, id) => (await lock(workspaceId), one.delete(workspaceId, id)),
    organisationExists: async (kind, workspaceId, id) => (await beforeRead(workspaceId), one.organisationExists(kind, workspaceId, id)),
    setAssignment: async (kind, workspaceId, organisationId, contactId, assigned) => (
      await lock(workspaceId), one.setAssignment(kind, workspaceId, organisationId, contactId, assigned)
    ),
    async findByTrackingIds(workspaceId, trackingIds) {
      await beforeRead(workspaceId);
      return trackingIds.length ? sql.findBy('trackingId', workspaceId, trackingIds) : [];
    },
    async findByEmailKeys(workspaceId, emailKeys) {
      await beforeRead(workspaceId);
      return emailKeys.length ? sql.findBy('emailKey', workspaceId, emailKeys) : [];
    },
    async insert(rows) {
      if (!rows.length) return;
      await beforeWrite(rows);
      await sql.insert([...rows].sort(byId));
    },
    async update(rows) {
      if (!rows.length) return;
      await beforeWrite(rows);
      await sql.update([...rows].sort(byId));
    },
    async recordChanges(changes) {
      if (!changes.length) return;
      // Under the lock: positions are then taken, and committed, one workspace writer at a time.
      // The feed is also the webhook outbox: the delivery worker enqueues from it (webhook-store.ts).
      await beforeWrite(changes);
      await sql.insertChanges(changeRows(changes));
    },
  };
}

type OneRowStatements = Pick<ContactTransaction, 'findById' | 'delete' | 'organisationExists' | 'setAssignment'>;

/** The contact statements on one row, through the model API of a transaction's client. */
function oneRowStatements(tx: ModelClient): OneRowStatements {
  const exists = (kind: OrganisationKind, where: { workspaceId: string; id: string }) =>
    Promise.resolve(kind === 'client' ? tx.client.count({ where }) : tx.investmentEntity.count({ where }));
  return {
    findById: (workspaceId, id) => tx.contact.findFirst({ where: { workspaceId, id } }),
    delete: async (workspaceId, id) => (await tx.contact.deleteMany({ where: { workspaceId, id } })).count > 0,
    organisationExists: async (kind, workspaceId, id) => (await exists(kind, { workspaceId, id })) > 0,
    async setAssignment(kind, _workspaceId, organisationId, contactId, assigned) {
      // Written from the organisation's side, so that the contact's row (and its updatedAt) stays as it is.
      const data = { contacts: assigned ? { connect: { id: contactId } } : { disconnect: { id: contactId } } };
      const where = { id: organisationId };
      if (kind === 'client') await tx.client.update({ where, data });
      else await tx.investmentEntity.update({ where, data });
    },
  };
}

/**
 * Deletes up to `limit` of the oldest changes, below the first one recorded at
 * or after `before`: walking the feed from its start finds them without an
 * index on time. Times follow positions closely but not exactly (a change's
 * time is taken before its transaction waits for the lock), so a straggler just
 * older than a later position waits for a later round. A change that an enabled
 * webhook endpoint has yet to enqueue is kept, with every later one: the feed is
 * its outbox.
 */
export function pruneChanges(prisma: ModelClient): ContactStore['pruneChanges'] {
  return async (before, limit) => {
    const recent = await prisma.contactChange.findFirst({ where: { time: { gte: before } }, orderBy: { position: 'asc' }, select: { position: true } });
    const owed = await prisma.webhookEndpoint.findFirst({ where: { enabled: true }, orderBy: { enqueuedThrough: 'asc' }, select: { enqueuedThrough: true } });
    const bounds = [recent && { position: { lt: recent.position } }, owed && { position: { lte: owed.enqueuedThrough } }];
    const old = await prisma.contactChange.findMany({
      where: { AND: bounds.filter((bound) => !!bound) },
      orderBy: { position: 'asc' },
      select: { position: true },
      take: limit,
    });
    if (!old.length) return 0;
    return (await prisma.contactChange.deleteMany({ where: { position: { lte: old.at(-1)!.position } } })).count;
  };
}

/** Deletes a workspace's request-log entries beyond its newest `kept`. */
export function pruneRequestLog(prisma: ModelClient): (workspaceId: string, kept: number) => Promise<void> {
  return async (workspaceId, kept) => {
    // OFFSET lets the (workspaceId, time) index skip the kept entries; the model API would read them all.
    await prisma.$executeRaw`
      DELETE FROM "RequestLog" WHERE "workspaceId" = ${workspaceId} AND ("time", "id") <= (
        SELECT "time", "id" FROM "RequestLog" WHERE "workspaceId" = ${workspaceId}
        ORDER BY "time" DESC, "id" DESC LIMIT 1 OFFSET ${kept})`;
  };
}
