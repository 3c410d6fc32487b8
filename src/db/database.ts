/**
 * A database behind the stores the domain owns. Each provider has its own
 * module (sqlite/, postgresql/) with its generated client and its queries;
 * nothing outside them asks which database it has.
 */
import type { ReadChange, StoredChange } from '../contacts/history.js';
import type { ContactStore } from '../contacts/store.js';
import type { RequestLogStore } from '../request-log/store.js';
import type { WebhookStore } from '../webhooks/store.js';
import type { WorkspaceStore } from '../workspaces/store.js';
import type { ConnectedModelClient, ModelClient } from './models.js';
import type { Provider } from './provider.js';

export interface DatabaseOptions {
  /** PostgreSQL: connections in the pool. */
  poolSize?: number;
  /** PostgreSQL: how long to wait for a new connection. */
  connectTimeoutMs?: number;
  /**
   * How long a transaction that lost a race (unique violation, serialization
   * failure, deadlock) is tried again from the start; below the request timeout,
   * so that no retry outlives its request.
   */
  retryBudgetMs?: number;
  /** SQLite: how long to wait for another process's lock. */
  busyTimeoutMs?: number;
  /** SQLite: checkpoint the write-ahead log on a thread of its own (see checkpointer.ts). The server does. */
  backgroundCheckpoints?: boolean;
  /** Told each SQL statement Prisma sends: lets tests count the queries an operation costs. */
  onQuery?: (sql: string) => void;
}

export interface Database {
  /** Which database this is: for tests and operators' messages, never for choosing what to do. */
  readonly provider: Provider;
  /** An embedded database belongs to whoever runs the server: a fresh one gets a first workspace. */
  readonly embedded: boolean;
  readonly contacts: ContactStore;
  readonly workspaces: WorkspaceStore;
  readonly requestLog: RequestLogStore;
  readonly webhooks: WebhookStore;
  /** Prisma's model API on the whole database (tests, administration). */
  readonly models: ConnectedModelClient;
  /** Prisma's model API confined to one workspace (see scope.ts): what GraphQL reads go through. */
  modelsOf(workspaceId: string): ConnectedModelClient;
  /** Stored changes read through `client`, with the values of each create filled in (created-values.ts). */
  fillCreatedValues<C extends StoredChange>(client: ModelClient, changes: readonly C[]): Promise<ReadChange<C>[]>;
  /** A filter for strings that contain `text` literally, as this database's LIKE needs it. */
  containing(text: string): { contains: string };
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
