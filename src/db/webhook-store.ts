/**
 * The webhook store: endpoints and the outbox through Prisma's model API on both
 * databases, with each database's own SQL for the statements that differ.
 *
 * The outbox is the contact feed itself: a change commits in its write's
 * transaction, and each enabled endpoint keeps the position up to which it has
 * made the feed's changes into deliveries (`enqueuedThrough`). The worker
 * enqueues the next changes and moves that position in one transaction, so a
 * change is enqueued once per endpoint, and a crash between a commit and its
 * enqueueing loses nothing: the change is still in the feed, past the position.
 */
import type { ChangeKind, StoredChange } from '../contacts/history.js';
import { deliveryIdOf, eventBody, eventTypeOf } from '../webhooks/events.js';
import type { AttemptRecord, ClaimedDelivery, OwedDelivery, WebhookStore } from '../webhooks/store.js';
import { fillCreatedValues, type NextChangePositions } from './created-values.js';
import type { ModelClient } from './models.js';

/** A claimed delivery before its endpoint's URL and secret are joined to it. */
export type ClaimedRow = Omit<ClaimedDelivery, 'url' | 'secret'>;

/** A new outbox row: one change owed to one endpoint. */
export interface DeliveryRow {
  id: string;
  endpointId: string;
  workspaceId: string;
  eventId: string;
  eventType: string;
  changePosition: string;
  contactId: string;
  payload: string;
  nextAttemptAt: Date;
  createdAt: Date;
}

/** The columns a new delivery is written with, in order; it starts PENDING with no attempt. */
export const deliveryColumns = ['id', 'endpointId', 'workspaceId', 'eventId', 'eventType', 'changePosition', 'contactId', 'payload', 'nextAttemptAt', 'createdAt'] as const;

/** The statements the worker runs on every round, in each database's own SQL (no query compiler on that path). */
export interface DeliverySql {
  /** Takes due deliveries for one attempt (see WebhookStore.claimDue). */
  claim(now: Date, limit: number, leaseId: string, leaseEnds: Date): Promise<ClaimedRow[]>;
  /** Writes an attempt's outcome if the lease is still `leaseId`; answers the rows written (0 or 1). */
  record(id: string, leaseId: string, record: AttemptRecord): Promise<number>;
  /**
   * In a transaction: the enabled endpoint's enqueued position, holding the endpoint
   * until the transaction ends; null when it is gone, disabled, or held by another
   * replica (which is enqueueing for it: nothing to wait for).
   */
  takeEndpoint(id: string): Promise<bigint | null>;
  insertDeliveries(rows: readonly DeliveryRow[]): Promise<unknown>;
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

/** The fields of a change that its event is built from. */
const changeSelect = { position: true, id: true, contactId: true, kind: true, time: true, changes: true, contact: true } as const;

type ChangeFields = Omit<StoredChange, 'kind'> & { position: bigint; kind: string };

const owedDelivery = (endpointId: string, change: ChangeFields): OwedDelivery => ({
  id: deliveryIdOf(endpointId, change.id),
  eventId: change.id,
  eventType: eventTypeOf(change.kind as ChangeKind),
  status: 'PENDING',
  attempts: 0,
  lastAttemptAt: null,
  nextAttemptAt: change.time,
  responseStatus: null,
});

export interface EnqueueLimits {
  /** Deliveries made in one transaction, at most. */
  batch: number;
  /** Never-attempted deliveries an endpoint may have waiting: the rest stays in the feed until the worker catches up. */
  ahead: number;
}

/** What each database gives the webhook store: its SQL on a client, and its transactions. */
export interface WebhookDatabase {
  sqlOf(client: ModelClient): DeliverySql;
  transaction<T>(work: (tx: ModelClient) => Promise<T>): Promise<T>;
  /** For the values of the creates an event carries (created-values.ts). */
  nextChangePositions: NextChangePositions;
}

export function webhookStore(prisma: ModelClient, { sqlOf, transaction, nextChangePositions }: WebhookDatabase, limits: EnqueueLimits = { batch: 500, ahead: 1000 }): WebhookStore {
  const sql = sqlOf(prisma);

  /** One endpoint's next changes made into deliveries, and its position moved past them, in one transaction. */
  const enqueueFor = (endpointId: string, workspaceId: string) =>
    transaction(async (tx) => {
      const statements = sqlOf(tx);
      const through = await statements.takeEndpoint(endpointId);
      if (through === null) return 0;
      const waiting = await tx.webhookDelivery.count({ where: { endpointId, status: 'PENDING', attempts: 0 } });
      const room = Math.min(limits.batch, limits.ahead - waiting);
      if (room <= 0) return 0;
      const stored = await tx.contactChange.findMany({ where: { workspaceId, position: { gt: through } }, orderBy: { position: 'asc' }, take: room, select: changeSelect });
      if (!stored.length) return 0;
      const changes = await fillCreatedValues(tx, nextChangePositions, stored.map((change) => ({ ...change, kind: change.kind as ChangeKind })));
      await statements.insertDeliveries(
        changes.map((change) => ({
          id: deliveryIdOf(endpointId, change.id),
          endpointId,
          workspaceId,
          eventId: change.id,
          eventType: eventTypeOf(change.kind),
          changePosition: String(change.position),
          contactId: change.contactId,
          payload: eventBody(change),
          nextAttemptAt: change.time,
          createdAt: change.time,
        })),
      );
      await tx.webhookEndpoint.update({ where: { id: endpointId }, data: { enqueuedThrough: changes.at(-1)!.position } });
      return changes.length;
    });

  return {
    async createEndpoint(endpoint) {
      // From the feed's end: what committed before the endpoint is not sent to it. A change
      // that commits meanwhile lands past this position, and is.
      const last = await prisma.contactChange.findFirst({ where: { workspaceId: endpoint.workspaceId }, orderBy: { position: 'desc' }, select: { position: true } });
      await prisma.webhookEndpoint.create({ data: { ...endpoint, enqueuedThrough: last?.position ?? 0n } });
    },
    countEndpoints: (workspaceId) => prisma.webhookEndpoint.count({ where: { workspaceId } }),
    deleteEndpoint: async (workspaceId, id) => (await prisma.webhookEndpoint.deleteMany({ where: { workspaceId, id } })).count > 0,
    async enqueueOwed() {
      const owed = await prisma.$queryRaw<{ id: string; workspaceId: string }[]>`
        SELECT e."id", e."workspaceId" FROM "WebhookEndpoint" e
        WHERE e."enabled" AND EXISTS (
          SELECT 1 FROM "ContactChange" c WHERE c."workspaceId" = e."workspaceId" AND c."position" > e."enqueuedThrough")`;
      let enqueued = 0;
      for (const endpoint of owed) enqueued += await enqueueFor(endpoint.id, endpoint.workspaceId);
      return enqueued;
    },
    async owedDeliveries(endpointId, limit) {
      const endpoint = await prisma.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { workspaceId: true, enabled: true, enqueuedThrough: true } });
      if (!endpoint?.enabled || limit <= 0) return [];
      const changes = await prisma.contactChange.findMany({
        where: { workspaceId: endpoint.workspaceId, position: { gt: endpoint.enqueuedThrough } },
        orderBy: { position: 'desc' },
        take: limit,
        select: changeSelect,
      });
      return changes.map((change) => owedDelivery(endpointId, change));
    },
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
      // Changes an endpoint is owed but has not enqueued wait too. They are read before the
      // deliveries: one enqueued between the two reads is then seen as a delivery, where in the
      // other order it would be seen as neither.
      const times: Date[] = [];
      for (const endpoint of await prisma.webhookEndpoint.findMany({ where: { enabled: true }, select: { workspaceId: true, enqueuedThrough: true } })) {
        const first = await prisma.contactChange.findFirst({
          where: { workspaceId: endpoint.workspaceId, position: { gt: endpoint.enqueuedThrough } },
          orderBy: { position: 'asc' },
          select: { time: true },
        });
        if (first) times.push(first.time);
      }
      const oldest = await prisma.webhookDelivery.findFirst({ where: { status: 'PENDING' }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } });
      if (oldest) times.push(oldest.createdAt);
      return times.length ? new Date(Math.min(...times.map((time) => time.getTime()))) : null;
    },
  };
}
