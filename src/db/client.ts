/**
 * The one PrismaClient of a process, on the database DATABASE_URL names.
 *
 * Each provider has its own generated client (a client only runs on the provider
 * it was generated for), but both come from the same models, so the rest of the
 * code is typed against one of them and never needs to know which it has.
 */
import type { PrismaClient as GeneratedClient } from '../generated/prisma/sqlite/client.js';
import type { PoolConfig } from 'pg';
import { providerOf, sqlitePath, type Provider } from './provider.js';
import type { DirectStatements } from './sqlite-statements.js';
import { startCheckpointer } from './checkpointer.js';

export type PrismaClient = GeneratedClient;
/** The client handed to an interactive transaction's callback. */
export type TransactionClient = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export interface DatabaseOptions {
  /** PostgreSQL: connections in the pool. */
  poolSize?: number;
  /** PostgreSQL: how long to wait for a new connection. */
  connectTimeoutMs?: number;
  /** SQLite: how long to wait for another process's lock. */
  busyTimeoutMs?: number;
  /** SQLite: checkpoint the write-ahead log on a thread of its own (see checkpointer.ts). The server does. */
  backgroundCheckpoints?: boolean;
  /** Told each SQL statement the client sends: lets tests count the queries an operation costs. */
  onQuery?: (sql: string) => void;
}

export interface Database {
  readonly provider: Provider;
  readonly prisma: PrismaClient;
  /** Options for every interactive transaction on this database. */
  readonly transactionOptions: { maxWait: number; timeout: number; isolationLevel?: 'RepeatableRead' | 'Serializable' };
  /** Write transactions worth running at once: more only wait for a lock or a connection. */
  readonly concurrentWrites: number;
  /** How long a transaction keeps trying while another process holds the database's write lock (SQLite). */
  readonly lockWaitMs: number;
  /**
   * SQLite: statements run straight on the connection Prisma's adapter holds,
   * reads answering rows as arrays of raw column values, writes taking only
   * values SQLite can bind (strings, numbers, null; no Dates). A statement is
   * part of whatever transaction that connection is in, as Prisma's own queries
   * outside a transaction are on this adapter: run it inside a transaction's
   * callback to run it in that transaction. Absent on PostgreSQL, whose
   * statements go through Prisma.
   */
  readonly direct?: DirectStatements;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /** The connection pool's state, where there is a pool (PostgreSQL). */
  poolState(): PoolState | undefined;
  close(): Promise<void>;
}

export interface PoolState {
  /** Connections open, busy or idle. */
  total: number;
  idle: number;
  /** Requests waiting for a connection. */
  waiting: number;
}

/** Prisma's log setting for `options`: query events only when someone listens. */
const queryLog = ({ onQuery }: DatabaseOptions) => (onQuery ? [{ emit: 'event' as const, level: 'query' as const }] : []);

function reportQueries(prisma: PrismaClient, { onQuery }: DatabaseOptions): void {
  // The client's type only offers `$on('query')` when its log setting is a literal that asks for it.
  if (onQuery) (prisma as unknown as QueryEvents).$on('query', (event) => onQuery(event.query));
}
type QueryEvents = { $on(event: 'query', listener: (event: { query: string }) => void): void };

async function ping(prisma: PrismaClient): Promise<void> {
  await prisma.$queryRawUnsafe('SELECT 1');
}

/**
 * pg settings for a PostgreSQL URL. Prisma's `?schema=` convention becomes the
 * connection's search_path, so that Prisma's queries, raw SQL and the migration
 * engine all work in that schema.
 */
export function postgresConnection(url: string): { config: PoolConfig; schema?: string } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  const config: PoolConfig = { connectionString: parsed.toString() };
  if (schema) config.options = `-c search_path="${schema.replaceAll('"', '""')}"`;
  return { config, schema };
}

export async function openDatabase(url: string, options: DatabaseOptions = {}): Promise<Database> {
  const provider = providerOf(url);
  return provider === 'sqlite' ? openSqlite(url, options) : openPostgres(url, options);
}

async function openSqlite(url: string, options: DatabaseOptions): Promise<Database> {
  const [{ PrismaClient }, { PrismaBetterSqlite3 }, { withReusedStatements }] = await Promise.all([
    import('../generated/prisma/sqlite/client.js'),
    import('@prisma/adapter-better-sqlite3'),
    import('./sqlite-statements.js'),
  ]);
  const lockWaitMs = options.busyTimeoutMs ?? 5000;
  const adapter = withReusedStatements(new PrismaBetterSqlite3({ url: sqlitePath(url), timeout: lockWaitMs }));
  const prisma = new PrismaClient({ adapter, log: queryLog(options) });
  reportQueries(prisma, options);
  // WAL lets readers run beside the writer and makes commits several times cheaper;
  // the setting is stored in the database file.
  await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  const checkpointer = options.backgroundCheckpoints ? startCheckpointer(sqlitePath(url), { busyTimeoutMs: lockWaitMs }) : undefined;
  // Connected now; a reconnection gets statements of its own, which these go to.
  const direct: DirectStatements | undefined = adapter.direct && {
    read(sql, args) {
      options.onQuery?.(sql);
      return adapter.direct!.read(sql, args);
    },
    run(sql, args) {
      options.onQuery?.(sql);
      return adapter.direct!.run(sql, args);
    },
    transaction: (work) => adapter.direct!.transaction(work),
  };
  return {
    provider: 'sqlite',
    prisma,
    direct,
    // The adapter runs one interactive transaction at a time per process and
    // queues the rest, so a queued transaction may wait a while for its turn.
    transactionOptions: { maxWait: 30_000, timeout: 30_000 },
    concurrentWrites: 1,
    lockWaitMs,
    ping: () => ping(prisma),
    poolState: () => undefined,
    async close() {
      await checkpointer?.stop();
      await prisma.$disconnect();
    },
  };
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const [{ PrismaClient }, { PrismaPg }, { default: pg }] = await Promise.all([
    import('../generated/prisma/postgresql/client.js'),
    import('@prisma/adapter-pg'),
    import('pg'),
  ]);
  const { config, schema } = postgresConnection(url);
  // Our own pool, handed to the adapter, so that its state can be reported.
  const poolSize = options.poolSize ?? 10;
  const pool = new pg.Pool({
    ...config,
    max: poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    // Fail a statement that hangs on a dead connection instead of waiting forever.
    query_timeout: 30_000,
  });
  const adapter = new PrismaPg(pool, { schema, disposeExternalPool: true });
  const prisma = new PrismaClient({ adapter, log: queryLog(options) }) as unknown as PrismaClient;
  reportQueries(prisma, options);
  return {
    provider: 'postgresql',
    prisma,
    // Repeatable read makes each match-and-write see one snapshot; a concurrent
    // write to the same contact then fails with P2034 and the transaction is retried,
    // so results (including changedFields) are those of some serial order.
    transactionOptions: { maxWait: 10_000, timeout: 15_000, isolationLevel: 'RepeatableRead' },
    // Two: one group of single upserts is written while the next gathers. More
    // only split the same requests into smaller transactions, whose round trips
    // cost this process CPU: with five, a single upsert cost a quarter more and
    // 32 connections got a quarter fewer answers. The rest of the pool stays
    // free for batches, reads, key lookups and the request log.
    concurrentWrites: Math.min(2, poolSize),
    lockWaitMs: 0,
    ping: () => ping(prisma),
    poolState: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => prisma.$disconnect(),
  };
}
