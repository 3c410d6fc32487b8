/**
 * The webhook store: endpoints and the outbox through Prisma's model API on both
 * databases, with each database's own SQL for the one statement that differs,
 * claiming due deliveries.
 */
import type { AttemptRecord, ClaimedDelivery, WebhookStore } from '../webhooks/store.js';
import type { ModelClient } from './models.js';

/** A claimed delivery before its endpoint's URL and secret are joined to it. */
export type ClaimedRow = Omit<ClaimedDelivery, 'url' | 'secret'>;

/** The two statements the worker runs for every delivery, in each database's own SQL (no query compiler on that path). */
export interface DeliverySql {
  /** Takes due deliveries for one attempt (see WebhookStore.claimDue). */
  claim(now: Date, limit: number, leaseId: string, leaseEnds: Date): Promise<ClaimedRow[]>;
  /** Writes an attempt's outcome if the lease is still `leaseId`; answers the rows written (0 or 1). */
  record(id: string, leaseId: string, record: AttemptRecord): Promise<number>;
}

/**
 * The condition a claimable delivery meets, in both databases' SQL: pending and
 * due, its endpoint enabled, and no earlier pending delivery of the same contact
 * to the same endpoint (which keeps a contact's events in commit order).
 */
export const claimableWhere = `
  d."status" = 'PENDING'
  AND EXISTS (SELECT 1 FROM "WebhookEndpoint" e WHERE e."id" = d."endpointId" AND e."enabled")
  AND NOT EXISTS (
    SELECT 1 FROM "WebhookDelivery" p
    WHERE p."endpointId" = d."endpointId" AND p."contactId" = d."contactId" AND p."status" = 'PENDING'
      AND p."changePosition" < d."changePosition")`;

export function webhookStore(prisma: ModelClient, sql: DeliverySql): WebhookStore {
  return {
    async createEndpoint(endpoint) {
      await prisma.webhookEndpoint.create({ data: endpoint });
    },
    countEndpoints: (workspaceId) => prisma.webhookEndpoint.count({ where: { workspaceId } }),
    deleteEndpoint: async (workspaceId, id) => (await prisma.webhookEndpoint.deleteMany({ where: { workspaceId, id } })).count > 0,
    async claimDue(now, limit, leaseId, leaseEnds) {
      const rows = await sql.claim(now, limit, leaseId, leaseEnds);
      if (!rows.length) return [];
      const endpoints = await prisma.webhookEndpoint.findMany({
        where: { id: { in: [...new Set(rows.map((row) => row.endpointId))] } },
        select: { id: true, url: true, secret: true },
      });
      const byId = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint]));
      // An endpoint deleted since the claim took its deliveries with it: nothing to send.
      return rows.flatMap((row) => {
        const endpoint = byId.get(row.endpointId);
        return endpoint ? [{ ...row, attempts: Number(row.attempts), url: endpoint.url, secret: endpoint.secret }] : [];
      });
    },
    recordAttempt: async (id, leaseId, record) => (await sql.record(id, leaseId, record)) > 0,
    async disableEndpoint(id, reason, at, answered) {
      await prisma.webhookEndpoint.updateMany({ where: { id }, data: { enabled: false } });
      await prisma.webhookDelivery.updateMany({
        where: { endpointId: id, status: 'PENDING', id: { not: answered } },
        data: { status: 'FAILED', nextAttemptAt: null, leaseId: null, lastError: reason, lastAttemptAt: at },
      });
    },
    async oldestPending() {
      const oldest = await prisma.webhookDelivery.findFirst({ where: { status: 'PENDING' }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } });
      return oldest?.createdAt ?? null;
    },
  };
}
