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
 * The adapter's version is pinned in package.json. Should a new version keep its
 * connection elsewhere, statements are prepared anew as before (slower, never
 * wrong), and a test fails to say the cache is gone.
 */
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { Database as Connection, Statement } from 'better-sqlite3';
import { keptForRecentKeys } from './recently-used.js';

/** Distinct SQL texts kept; Prisma's own queries vary with their number of arguments, so the set is bounded. */
const kept = 500;

/** A kept statement with one call's arguments: the part of a better-sqlite3 Statement the adapter uses. */
class BoundStatement {
  constructor(
    private readonly statement: Statement<unknown[]>,
    private readonly args: unknown[] = [],
  ) {}

  get reader(): boolean {
    return this.statement.reader;
  }

  bind(args: unknown[]): BoundStatement {
    return new BoundStatement(this.statement, args);
  }

  columns() {
    return this.statement.columns();
  }

  raw() {
    return { all: () => this.statement.raw(true).all(this.args) };
  }

  run() {
    return this.statement.run(this.args);
  }
}

/**
 * Makes `adapter`'s better-sqlite3 connection reuse its prepared statements.
 * Returns false, changing nothing, when the adapter has no such connection.
 */
export function reuseStatements(adapter: SqlDriverAdapter): boolean {
  const connection = (adapter as unknown as { client?: Connection }).client;
  if (typeof connection?.prepare !== 'function') return false;
  const statementFor = keptForRecentKeys(kept, connection.prepare.bind(connection) as (sql: string) => Statement<unknown[]>);
  (connection as unknown as { prepare(sql: string): BoundStatement }).prepare = (sql) => new BoundStatement(statementFor(sql));
  return true;
}

/** An adapter factory whose connections reuse their prepared statements. */
export function withReusedStatements(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      reuseStatements(adapter);
      return adapter;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}
