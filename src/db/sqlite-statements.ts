/**
 * Prepared statements kept and reused on the embedded database.
 *
 * @prisma/adapter-better-sqlite3 prepares every query anew
 * (`client.prepare(sql).bind(args)`, then `run()` or `raw().all()`), and SQLite
 * compiling the same five statements again on every single upsert was a tenth of
 * its CPU. The adapter offers no option for this, and its connection is a field
 * that its types do not declare, so the factory below gives that connection a
 * `prepare` that hands out a kept statement, bound afresh on each call.
 *
 * The same connection runs the hottest statements directly (`DirectStatements`):
 * 500 rows by key cost twice as much through the adapter and the client, which
 * convert and re-convert every value of every row, as SQLite took to find them,
 * and a write of 200 rows as one JSON parameter cost Prisma almost as much as
 * SQLite. The connection is the adapter's one and only, so a statement run
 * inside a Prisma transaction is part of that transaction; and work made only
 * of such statements can have a transaction of its own there, without Prisma's
 * transaction manager.
 *
 * The adapter's version is pinned in package.json. Should a new version keep its
 * connection elsewhere, statements are prepared anew as before (slower, never
 * wrong), every statement goes through Prisma, and a test fails to say the cache is gone.
 */
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils';
import type { ColumnDefinition, Database as Connection, Statement } from 'better-sqlite3';
import { keptForRecentKeys } from '../recently-used.js';

/** Distinct SQL texts kept; Prisma's own queries vary with their number of arguments, so the set is bounded. */
const kept = 500;

/**
 * A statement kept for its SQL text, with its result columns once asked for:
 * the adapter asks on every read, and they change only with the schema, which
 * migrations change before the database is opened.
 */
class KeptStatement {
  #columns: ColumnDefinition[] | undefined;

  constructor(readonly statement: Statement<unknown[]>) {}

  columns(): ColumnDefinition[] {
    return (this.#columns ??= this.statement.columns());
  }
}

/** A kept statement with one call's arguments: the part of a better-sqlite3 Statement the adapter uses. */
class BoundStatement {
  constructor(
    private readonly kept: KeptStatement,
    private readonly args: unknown[] = [],
  ) {}

  get reader(): boolean {
    return this.kept.statement.reader;
  }

  bind(args: unknown[]): BoundStatement {
    return new BoundStatement(this.kept, args);
  }

  columns() {
    return this.kept.columns();
  }

  raw() {
    return { all: () => this.kept.statement.raw(true).all(this.args) };
  }

  run() {
    return this.kept.statement.run(this.args);
  }
}

/**
 * Statements run on the adapter's connection directly, from the same kept
 * statements. They are part of whatever transaction the connection is in.
 */
export interface DirectStatements {
  /** A read's rows, each an array of column values in the order of the SELECT. */
  read(sql: string, args: unknown[]): unknown[][];
  /** A write; answers the number of rows it changed. */
  run(sql: string, args: unknown[]): number;
  /**
   * Runs `work` in one transaction on the connection, committed if it resolves
   * and rolled back if it rejects (or if the commit fails), which rejects with
   * the same error. It is begun through the adapter, so it takes its turn with
   * Prisma's own interactive transactions (the adapter runs one at a time), and
   * ended as Prisma's transaction manager ends them. For work whose statements
   * are all direct: it skips the manager's bookkeeping (an id, timers, an abort
   * controller, a client for the transaction), about a sixth of a single
   * upsert's CPU at 1 connection.
   */
  transaction<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * Makes `adapter`'s better-sqlite3 connection reuse its prepared statements, and
 * returns direct statements on that connection. Returns undefined, changing
 * nothing, when the adapter has no such connection.
 */
export function reuseStatements(adapter: SqlDriverAdapter): DirectStatements | undefined {
  const connection = (adapter as unknown as { client?: Connection }).client;
  if (typeof connection?.prepare !== 'function') return undefined;
  const prepare = connection.prepare.bind(connection) as (sql: string) => Statement<unknown[]>;
  const statementFor = keptForRecentKeys(kept, (sql: string) => new KeptStatement(prepare(sql)));
  (connection as unknown as { prepare(sql: string): BoundStatement }).prepare = (sql) => new BoundStatement(statementFor(sql));
  const sqlite: Connection = connection;
  const run = (sql: string, args: unknown[] = []) => statementFor(sql).statement.run(args).changes;

  /** Ends `transaction`: committed when asked and able to, otherwise rolled back. */
  async function end(transaction: Transaction, commit: boolean): Promise<void> {
    // An adapter that ends its transactions itself says so; this one leaves the SQL to its caller.
    if (transaction.options.usePhantomQuery) return commit ? transaction.commit() : transaction.rollback();
    let committed = false;
    try {
      if (commit) {
        run('COMMIT');
        committed = true;
      }
    } finally {
      try {
        // SQLite keeps a transaction whose COMMIT failed (another process holds a lock) open;
        // some errors have ended it already.
        if (!committed && sqlite.inTransaction) run('ROLLBACK');
      } finally {
        // On this adapter, commit() and rollback() only let the next transaction begin.
        await (committed ? transaction.commit() : transaction.rollback());
      }
    }
  }

  return {
    read: (sql, args) => statementFor(sql).statement.raw(true).all(args) as unknown[][],
    run,
    async transaction(work) {
      const transaction = await adapter.startTransaction(); // the adapter's turn, then BEGIN
      let result;
      try {
        result = await work();
      } catch (error) {
        // Thrown or rejected alike: the adapter's turn must be given back either way.
        await end(transaction, false);
        throw error;
      }
      await end(transaction, true);
      return result;
    },
  };
}

/** An adapter factory whose connections reuse their prepared statements. */
export interface ReusingFactory extends SqlMigrationAwareDriverAdapterFactory {
  /**
   * Direct statements on the connection Prisma holds (see `reuseStatements`),
   * once Prisma has connected through this factory; undefined before, or when
   * the adapter's connection could not be found.
   */
  readonly direct: DirectStatements | undefined;
}

export function withReusedStatements(factory: SqlMigrationAwareDriverAdapterFactory): ReusingFactory {
  let direct: DirectStatements | undefined;
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      direct = reuseStatements(adapter);
      return adapter;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
    get direct() {
      return direct;
    },
  };
}
