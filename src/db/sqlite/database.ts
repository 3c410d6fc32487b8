/**
 * The embedded database: SQLite through Prisma's better-sqlite3 adapter. Every
 * statement goes through Prisma; the many-row ones are raw SQL whose rows travel
 * as one JSON parameter, unpacked by json_each.
 */
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { contactColumns, type ContactRow } from '../../contacts/contact.js';
import type { ContactStore } from '../../contacts/store.js';
import { Prisma, PrismaClient } from '../../generated/prisma/sqlite/client.js';
import { keptForRecentKeys } from '../../recently-used.js';
import { requestLogColumns, type RequestLogRow, type RequestLogStore } from '../../request-log/store.js';
import { startCheckpointer } from '../checkpointer.js';
import { fillCreatedValues, type NextChangePositions } from '../created-values.js';
import type { Database, DatabaseOptions } from '../database.js';
import {
  changeColumns,
  contactStatements,
  createOrganisation,
  pruneChanges,
  pruneRequestLog,
  workspaceStore,
  type ContactChangeRow,
  type ManyRowSql,
} from '../model-stores.js';
import type { ConnectedModelClient, ModelClient } from '../models.js';
import { sqlitePath } from '../provider.js';
import { workspaceScope } from '../scope.js';
import { defaultRetryBudgetMs, retried } from '../transaction.js';
import { claimableWhere, deliveryColumns, webhookStore, type ClaimedRow, type DeliverySql } from '../webhook-store.js';

const quoted = (columns: readonly string[]) => Prisma.raw(columns.map((column) => `"${column}"`).join(', '));
/** `value ->> 0, value ->> 1, …`: the columns of a row sent as a JSON array. */
const unpacked = (columns: readonly string[], row: string) => Prisma.raw(columns.map((_, i) => `${row}.value ->> ${i}`).join(', '));

const contactList = quoted(contactColumns);
const changeList = quoted(changeColumns);
const deliveryList = quoted(deliveryColumns);
/** What an update writes: everything but the row's identity and creation time. */
const updatedColumns = contactColumns.filter((column) => column !== 'id' && column !== 'workspaceId' && column !== 'createdAt');
const contactAssignments = Prisma.raw(
  updatedColumns.map((column) => `"${column}" = changed.value ->> ${contactColumns.indexOf(column)}`).join(', '),
);

/** A date as the adapter stores one (its default iso8601 format), so raw rows sort and read like Prisma's. */
const storedDate = (date: Date) => `${date.toISOString().slice(0, -1)}+00:00`;
/** The rows as one JSON array of arrays, each row's values in the order of `columns` (loops: every write pays for this). */
function asJsonRows<Row>(rows: readonly Row[], columns: readonly (keyof Row)[]): string {
  const values = new Array<unknown[]>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const rowValues = new Array<unknown>(columns.length);
    for (let c = 0; c < columns.length; c++) {
      const value = row[columns[c]!];
      rowValues[c] = value instanceof Date ? storedDate(value) : value;
    }
    values[r] = rowValues;
  }
  return JSON.stringify(values);
}


function contactSql(tx: ModelClient): ManyRowSql {
  return {
    findBy: (column, workspaceId, keys) => tx.$queryRaw<ContactRow[]>`
      SELECT ${contactList} FROM "Contact"
      WHERE "workspaceId" = ${workspaceId} AND ${Prisma.raw(`"${column}"`)} IN (SELECT value FROM json_each(${JSON.stringify(keys)}))`,
    insert: (rows) => tx.$executeRaw`
      INSERT INTO "Contact" (${contactList})
      SELECT ${unpacked(contactColumns, 'row')} FROM json_each(${asJsonRows(rows, contactColumns)}) AS row`,
    update: (rows) => tx.$executeRaw`
      UPDATE "Contact" SET ${contactAssignments}
      FROM json_each(${asJsonRows(rows, contactColumns)}) AS changed
      WHERE "Contact"."id" = changed.value ->> 0 AND "Contact"."workspaceId" = changed.value ->> 1`,
    // Positions follow the last one: SQLite has one writer at a time, which holds its lock until it
    // commits. jsonb_each hands each row over parsed once, where json_each would parse it per column.
    insertChanges: (rows: readonly ContactChangeRow[]) => tx.$executeRaw`
      INSERT INTO "ContactChange" ("position", ${changeList})
      SELECT (SELECT coalesce(max("position"), 0) FROM "ContactChange") + change.key + 1, ${unpacked(changeColumns, 'change')}
      FROM jsonb_each(${asJsonRows(rows, changeColumns)}) AS change ORDER BY change.key`,
  };
}

/** Per contact, its first change after its create, on the (contactId, position) index. */
const nextChangePositions: NextChangePositions = async (client, contactIds) => {
  const rows = await client.$queryRaw<{ position: bigint | number | null }[]>`
    SELECT (
      SELECT "position" FROM "ContactChange" WHERE "contactId" = created.value AND "kind" <> 'CREATED' ORDER BY "position" LIMIT 1
    ) AS "position" FROM json_each(${JSON.stringify(contactIds)}) AS created`;
  return rows.flatMap((row) => (row.position === null ? [] : [BigInt(row.position)]));
};

/** Claims due deliveries for one attempt each, in one statement: SQLite's single writer takes them alone. */
function deliverySql(prisma: ModelClient): DeliverySql {
  const at = (date: Date | null) => (date ? storedDate(date) : null);
  return {
    claim: (now, limit, leaseId, leaseEnds) => prisma.$queryRaw<ClaimedRow[]>`
    UPDATE "WebhookDelivery" SET "leaseId" = ${leaseId}, "nextAttemptAt" = ${storedDate(leaseEnds)}
    WHERE "id" IN (
      SELECT d."id" FROM "WebhookDelivery" d
      WHERE d."nextAttemptAt" <= ${storedDate(now)} AND ${Prisma.raw(claimableWhere)}
      ORDER BY d."nextAttemptAt" LIMIT ${limit})
    RETURNING "id", "leaseId", "endpointId", "eventId", "payload", "attempts"`,
    record: (id, leaseId, r) => prisma.$executeRaw`
      UPDATE "WebhookDelivery" SET "status" = ${r.status}, "attempts" = ${r.attempts}, "lastAttemptAt" = ${at(r.lastAttemptAt)},
        "nextAttemptAt" = ${at(r.nextAttemptAt)}, "responseStatus" = ${r.responseStatus}, "lastError" = ${r.lastError}, "leaseId" = NULL
      WHERE "id" = ${id} AND "leaseId" = ${leaseId}`,
    // The process runs its transactions one at a time; a second process taking the same changes
    // would fail on the deliveries' ids (one per endpoint and change) and enqueue nothing twice.
    async takeEndpoint(id) {
      const [endpoint] = await prisma.$queryRaw<{ through: bigint | number }[]>`
        SELECT "enqueuedThrough" AS "through" FROM "WebhookEndpoint" WHERE "id" = ${id} AND "enabled"`;
      return endpoint ? BigInt(endpoint.through) : null;
    },
    insertDeliveries: (rows) => prisma.$executeRaw`
      INSERT INTO "WebhookDelivery" (${deliveryList}, "status")
      SELECT ${unpacked(deliveryColumns, 'delivery')}, 'PENDING' FROM jsonb_each(${asJsonRows(rows, deliveryColumns)}) AS delivery`,
  };
}

function requestLogStore(prisma: ModelClient): RequestLogStore {
  return {
    async insert(rows: readonly RequestLogRow[]) {
      if (!rows.length) return;
      await prisma.$executeRaw`
        INSERT INTO "RequestLog" (${quoted(requestLogColumns)})
        SELECT ${unpacked(requestLogColumns, 'row')} FROM json_each(${asJsonRows(rows, requestLogColumns)}) AS row`;
    },
    prune: pruneRequestLog(prisma),
  };
}

export async function openSqlite(url: string, options: DatabaseOptions): Promise<Database> {
  const lockWaitMs = options.busyTimeoutMs ?? 5000;
  const path = sqlitePath(url);
  const adapter = new PrismaBetterSqlite3({ url: path, timeout: lockWaitMs });
  const prisma = new PrismaClient({ adapter, log: options.onQuery ? [{ emit: 'event', level: 'query' }] : [] });
  if (options.onQuery) prisma.$on('query', (event) => options.onQuery!(event.query));
  // WAL lets readers run beside the writer and makes commits several times cheaper;
  // the setting is stored in the database file.
  await prisma.$queryRaw`PRAGMA journal_mode = WAL`;
  const checkpointer = options.backgroundCheckpoints ? startCheckpointer(path, { busyTimeoutMs: lockWaitMs }) : undefined;

  const contacts: ContactStore = {
    // The adapter runs one interactive transaction at a time per process and queues the rest.
    concurrentWrites: 1,
    transaction: (work) =>
      retried(() => prisma.$transaction((tx) => work(contactStatements(tx, contactSql(tx))), { maxWait: 30_000, timeout: 30_000 }), {
        conflictBudgetMs: options.retryBudgetMs ?? defaultRetryBudgetMs,
        lockWaitMs,
      }),
    createOrganisation: createOrganisation(prisma),
    pruneChanges: pruneChanges(prisma),
  };
  return {
    provider: 'sqlite',
    embedded: true,
    contacts,
    workspaces: workspaceStore(prisma),
    requestLog: requestLogStore(prisma),
    webhooks: webhookStore(prisma, {
      sqlOf: deliverySql,
      // Queued behind the writers on the adapter's one transaction at a time.
      transaction: (work) => prisma.$transaction((tx) => work(tx), { maxWait: 30_000, timeout: 15_000 }),
      nextChangePositions,
    }),
    fillCreatedValues: (client, changes) => fillCreatedValues(client, nextChangePositions, changes),
    models: prisma,
    modelsOf: keptForRecentKeys(1000, (workspaceId: string): ConnectedModelClient => prisma.$extends(workspaceScope(workspaceId))),
    // SQLite's LIKE has no escape character unless the statement names one, and Prisma's does not:
    // `%` and `_` keep matching any characters, so a search finds more, never less.
    containing: (text) => ({ contains: text }),
    ping: async () => {
      await prisma.$queryRaw`SELECT 1`;
    },
    poolState: () => undefined,
    async close() {
      await checkpointer?.stop();
      await prisma.$disconnect();
    },
  };
}
