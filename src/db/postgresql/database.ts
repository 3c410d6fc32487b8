/**
 * PostgreSQL through Prisma's pg adapter, on a pool of the project's own (so
 * that its state can be reported). Every statement goes through Prisma; the
 * many-row ones are raw SQL whose rows travel as one JSON parameter.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { contactColumns, type ContactColumn, type ContactRow } from '../../contacts/contact.js';
import type { ContactStore } from '../../contacts/store.js';
import { Prisma, PrismaClient } from '../../generated/prisma/postgresql/client.js';
import { keptForRecentKeys } from '../../recently-used.js';
import { requestLogColumns, type RequestLogStore } from '../../request-log/store.js';
import { fillCreatedValues, type NextChangePositions } from '../created-values.js';
import type { Database, DatabaseOptions } from '../database.js';
import {
  changeColumns,
  contactStatements,
  createOrganisation,
  pruneChanges,
  pruneRequestLog,
  workspaceStore,
  type ManyRowSql,
} from '../model-stores.js';
import type { ConnectedModelClient, ModelClient } from '../models.js';
import { workspaceScope } from '../scope.js';
import { claimableWhere, deliveryColumns, webhookStore, type ClaimedRow, type DeliverySql } from '../webhook-store.js';
import { defaultRetryBudgetMs, retried } from '../transaction.js';
import { postgresConnection } from './connection.js';

/** Each column's type, to read it out of a JSON row. */
const contactType = (column: ContactColumn) => (column === 'createdAt' || column === 'updatedAt' ? 'timestamp(3)' : 'text');
const requestLogTypes: Record<(typeof requestLogColumns)[number], string> = {
  id: 'text',
  workspaceId: 'text',
  time: 'timestamp(3)',
  method: 'text',
  path: 'text',
  operationName: 'text',
  status: 'integer',
  userAgent: 'text',
  durationMs: 'double precision',
};

const quoted = (columns: readonly string[]) => Prisma.raw(columns.map((column) => `"${column}"`).join(', '));
/** `(row ->> 0)::text, …`: the columns of a row sent as a JSON array, typed. */
const unpacked = <C extends string>(columns: readonly C[], typeOf: (column: C) => string, row: string) =>
  Prisma.raw(columns.map((column, i) => `(${row} ->> ${i})::${typeOf(column)}`).join(', '));
const asJsonRows = <Row>(rows: readonly Row[], columns: readonly (keyof Row)[]) =>
  JSON.stringify(rows.map((row) => columns.map((column) => row[column])));

const contactList = quoted(contactColumns);
const changeList = quoted(changeColumns);
const changeType = (column: (typeof changeColumns)[number]) => (column === 'time' ? 'timestamp(3)' : 'text');

const deliveryList = quoted(deliveryColumns);
const deliveryType = (column: (typeof deliveryColumns)[number]) =>
  column === 'nextAttemptAt' || column === 'createdAt' ? 'timestamp(3)' : column === 'changePosition' ? 'bigint' : 'text';

const lookedUpColumns = Prisma.raw(contactColumns.map((column) => `found."${column}"`).join(', '));
/** What an update writes: everything but the row's identity and creation time. */
const updatedColumns = contactColumns.filter((column) => column !== 'id' && column !== 'workspaceId' && column !== 'createdAt');
const contactAssignments = Prisma.raw(
  updatedColumns.map((column) => `"${column}" = (changed.row ->> ${contactColumns.indexOf(column)})::${contactType(column)}`).join(', '),
);

function contactSql(tx: ModelClient): ManyRowSql {
  /**
   * A point lookup per key, LATERAL: `IN (…)` or `= ANY(…)` is planned from table
   * statistics, and a workspace bulk-loaded since the last ANALYZE looks tiny to
   * the planner, which then scans the whole workspace through another index.
   */
  return {
    findBy: (column, workspaceId, keys) => tx.$queryRaw<ContactRow[]>`
      SELECT ${lookedUpColumns} FROM unnest(${keys}::text[]) AS wanted(value)
      CROSS JOIN LATERAL (
        SELECT * FROM "Contact" WHERE "workspaceId" = ${workspaceId} AND ${Prisma.raw(`"${column}"`)} = wanted.value LIMIT 1
      ) AS found`,
    insert: (rows) => tx.$executeRaw`
      INSERT INTO "Contact" (${contactList})
      SELECT ${unpacked(contactColumns, contactType, 'row')} FROM jsonb_array_elements(${asJsonRows(rows, contactColumns)}::jsonb) AS row`,
    update: (rows) => tx.$executeRaw`
      UPDATE "Contact" AS target SET ${contactAssignments}
      FROM jsonb_array_elements(${asJsonRows(rows, contactColumns)}::jsonb) AS changed(row)
      WHERE target."id" = changed.row ->> 0 AND target."workspaceId" = changed.row ->> 1`,
    // The sequence gives positions in the order of the rows (the plan's order), under the workspace lock.
    insertChanges: (rows) => tx.$executeRaw`
      INSERT INTO "ContactChange" (${changeList})
      SELECT ${unpacked(changeColumns, changeType, 'row')} FROM jsonb_array_elements(${asJsonRows(rows, changeColumns)}::jsonb) WITH ORDINALITY AS change(row, n) ORDER BY n`,
    // A transaction-level advisory lock per workspace: one key, so it cannot deadlock with
    // another, and it ends with the transaction, which also suits PgBouncer's transaction mode.
    lockWorkspace: (workspaceId) => tx.$executeRaw`
      SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(${`contacts:${workspaceId}`}, 0))`,
  };
}

/** A point lookup per contact, LATERAL (as findBy): its first change after its create, on the (contactId, position) index. */
const nextChangePositions: NextChangePositions = async (client, contactIds) => {
  const rows = await client.$queryRaw<{ position: bigint }[]>`
    SELECT next."position" FROM unnest(${contactIds}::text[]) AS created(id)
    CROSS JOIN LATERAL (
      SELECT "position" FROM "ContactChange" WHERE "contactId" = created.id AND "kind" <> 'CREATED' ORDER BY "position" LIMIT 1
    ) AS next`;
  return rows.map((row) => BigInt(row.position));
};

/**
 * Claims due deliveries for one attempt each. SKIP LOCKED lets replicas claim side by
 * side without waiting for each other or taking the same row; the lease then keeps
 * the row from every other claim until the attempt is recorded or the lease ends.
 */
function deliverySql(prisma: ModelClient): DeliverySql {
  // Times travel as text and are read as UTC, whatever the session's time zone.
  const at = (date: Date | null) => date?.toISOString() ?? null;
  return {
    claim: (now, limit, leaseId, leaseEnds) => prisma.$queryRaw<ClaimedRow[]>`
    UPDATE "WebhookDelivery" AS claimed SET "leaseId" = ${leaseId}, "nextAttemptAt" = ${at(leaseEnds)}::timestamp(3)
    FROM (
      SELECT d."id" FROM "WebhookDelivery" d
      WHERE d."nextAttemptAt" <= ${at(now)}::timestamp(3) AND ${Prisma.raw(claimableWhere)}
      ORDER BY d."nextAttemptAt" LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED
    ) AS due
    WHERE claimed."id" = due."id"
    RETURNING claimed."id", claimed."leaseId", claimed."endpointId", claimed."eventId", claimed."payload", claimed."attempts"`,
    record: (id, leaseId, r) => prisma.$executeRaw`
      UPDATE "WebhookDelivery" SET "status" = ${r.status}, "attempts" = ${r.attempts}, "lastAttemptAt" = ${at(r.lastAttemptAt)}::timestamp(3),
        "nextAttemptAt" = ${at(r.nextAttemptAt)}::timestamp(3), "responseStatus" = ${r.responseStatus}::integer, "lastError" = ${r.lastError}, "leaseId" = NULL
      WHERE "id" = ${id} AND "leaseId" = ${leaseId}`,
    // SKIP LOCKED: a replica enqueueing for this endpoint has it; this one passes it by.
    async takeEndpoint(id) {
      const [endpoint] = await prisma.$queryRaw<{ through: bigint }[]>`
        SELECT "enqueuedThrough" AS "through" FROM "WebhookEndpoint" WHERE "id" = ${id} AND "enabled" FOR UPDATE SKIP LOCKED`;
      return endpoint ? BigInt(endpoint.through) : null;
    },
    insertDeliveries: (rows) => prisma.$executeRaw`
      INSERT INTO "WebhookDelivery" (${deliveryList}, "status") SELECT *, 'PENDING' FROM unnest(${Prisma.join(
        deliveryColumns.map((column) => Prisma.sql`${rows.map((row) => (row[column] instanceof Date ? row[column].toISOString() : row[column]))}::${Prisma.raw(deliveryType(column))}[]`),
      )})`,
  };
}

function requestLogStore(prisma: ModelClient): RequestLogStore {
  return {
    async insert(rows) {
      if (!rows.length) return;
      await prisma.$executeRaw`
        INSERT INTO "RequestLog" (${quoted(requestLogColumns)})
        SELECT ${unpacked(requestLogColumns, (column) => requestLogTypes[column], 'row')}
        FROM jsonb_array_elements(${asJsonRows(rows, requestLogColumns)}::jsonb) AS row`;
    },
    prune: pruneRequestLog(prisma),
  };
}

const statementTimeoutMs = 10_000;
/** How long /ready waits for the database: a probe must answer within a few seconds. */
const pingTimeoutMs = 2_000;

/** `work`, or an error once `ms` have passed (the pool's wait for a connection is longer). */
async function withDeadline(work: Promise<unknown>, ms: number, message: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(message), { code: 'ETIMEDOUT' })), ms);
  });
  try {
    await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const { config, schema } = postgresConnection(url);
  const poolSize = options.poolSize ?? 10;
  const pool = new pg.Pool({
    ...config,
    max: poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    // A statement unanswered this long is taken for a connection lost without a word (a network
    // partition sends no RST): it fails as an outage (503) and its connection leaves the pool.
    // No statement of the service legitimately runs this long, well inside a transaction's 15 s.
    query_timeout: statementTimeoutMs,
  });
  const adapter = new PrismaPg(pool, { schema, disposeExternalPool: true });
  const prisma = new PrismaClient({ adapter, log: options.onQuery ? [{ emit: 'event', level: 'query' }] : [] });
  if (options.onQuery) prisma.$on('query', (event) => options.onQuery!(event.query));

  const contacts: ContactStore = {
    // Two: one group of single upserts is written while the next gathers; more only split the
    // same requests into smaller transactions. The rest of the pool serves batches and reads.
    concurrentWrites: Math.min(2, poolSize),
    transaction: (work) =>
      retried(
        (attempt) => {
          // A first attempt reads a snapshot without waiting for anyone, and takes the workspace's
          // lock only to write: a replay, which writes nothing, costs its reads alone. A rival that
          // wrote first fails it (serialization failure, unique violation); the next attempt then
          // waits for the lock before reading, at read committed, and reads what every rival
          // committed: no rival writes the workspace while it holds the lock, so it cannot lose
          // again. Either way writers take one lock, so they never deadlock each other.
          const lockFirst = attempt > 1;
          return prisma.$transaction((tx) => work(contactStatements(tx, contactSql(tx), { lockFirst })), {
            maxWait: 10_000,
            timeout: 15_000,
            isolationLevel: lockFirst ? 'ReadCommitted' : 'RepeatableRead',
          });
        },
        { conflictBudgetMs: options.retryBudgetMs ?? defaultRetryBudgetMs, lockWaitMs: 0 },
      ),
    createOrganisation: createOrganisation(prisma),
    pruneChanges: pruneChanges(prisma),
  };
  return {
    provider: 'postgresql',
    embedded: false,
    contacts,
    workspaces: workspaceStore(prisma),
    requestLog: requestLogStore(prisma),
    webhooks: webhookStore(prisma, {
      sqlOf: deliverySql,
      transaction: (work) => prisma.$transaction((tx) => work(tx), { maxWait: 10_000, timeout: 15_000 }),
      nextChangePositions,
    }),
    fillCreatedValues: (client, changes) => fillCreatedValues(client, nextChangePositions, changes),
    models: prisma,
    modelsOf: keptForRecentKeys(1000, (workspaceId: string): ConnectedModelClient => prisma.$extends(workspaceScope(workspaceId))),
    // PostgreSQL's LIKE escapes with a backslash: `%`, `_` and `\` then match only themselves.
    containing: (text) => ({ contains: text.replace(/[\\%_]/g, '\\$&') }),
    // Answered within a few seconds however the connection fares; the statement itself goes on
    // to its read timeout, and a dead connection then leaves the pool.
    ping: () => withDeadline(prisma.$queryRaw`SELECT 1`, pingTimeoutMs, 'The database did not answer a ping in time'),
    poolState: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => prisma.$disconnect(),
  };
}
