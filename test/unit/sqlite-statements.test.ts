import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { ArgType, SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reuseStatements, withReusedStatements } from '../../src/db/sqlite-statements.js';

const text: ArgType = { scalarType: 'string', arity: 'scalar' };
const int: ArgType = { scalarType: 'int', arity: 'scalar' };

describe('prepared statements on the embedded database', () => {
  let adapter: SqlDriverAdapter | undefined;
  afterEach(async () => {
    await adapter?.dispose();
    vi.restoreAllMocks();
  });

  async function connect() {
    const prepare = vi.spyOn(Database.prototype, 'prepare');
    adapter = await withReusedStatements(new PrismaBetterSqlite3({ url: ':memory:' })).connect();
    await adapter.executeScript('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
    prepare.mockClear();
    return { adapter, prepare };
  }

  it('are prepared once per SQL text by the pinned adapter, and bound afresh on every call', async () => {
    const { adapter, prepare } = await connect();
    const insert = 'INSERT INTO t (id, name) VALUES (?, ?)';
    expect(await adapter.executeRaw({ sql: insert, args: [1, 'one'], argTypes: [int, text] })).toBe(1);
    expect(await adapter.executeRaw({ sql: insert, args: [2, 'two'], argTypes: [int, text] })).toBe(1);
    const select = 'SELECT id, name FROM t WHERE id >= ? ORDER BY id';
    const all = await adapter.queryRaw({ sql: select, args: [1], argTypes: [int] });
    const some = await adapter.queryRaw({ sql: select, args: [2], argTypes: [int] });

    expect(all.columnNames).toEqual(['id', 'name']);
    expect(all.rows).toEqual([
      [1, 'one'],
      [2, 'two'],
    ]);
    expect(some.rows).toEqual([[2, 'two']]);
    expect(prepare.mock.calls.map(([sql]) => sql)).toEqual([insert, select]);
  });

  it('tell the adapter their columns without asking SQLite again', async () => {
    const { adapter } = await connect();
    const statementPrototype = Object.getPrototypeOf(new Database(':memory:').prepare('SELECT 1')) as { columns(): unknown };
    const columns = vi.spyOn(statementPrototype, 'columns');
    const select = 'SELECT id, name FROM t WHERE id >= ?';
    for (let i = 0; i < 3; i++) expect((await adapter.queryRaw({ sql: select, args: [i], argTypes: [int] })).columnNames).toEqual(['id', 'name']);
    expect(columns).toHaveBeenCalledTimes(1);
  });

  it('run inside transactions, and a failing statement fails only its own call', async () => {
    const { adapter } = await connect();
    const insert = 'INSERT INTO t (id, name) VALUES (?, ?)';
    const tx = await adapter.startTransaction(); // BEGIN
    await tx.executeRaw({ sql: insert, args: [1, 'one'], argTypes: [int, text] });
    await expect(tx.executeRaw({ sql: insert, args: [1, 'again'], argTypes: [int, text] })).rejects.toThrow();
    await tx.executeRaw({ sql: insert, args: [2, 'two'], argTypes: [int, text] });
    await tx.executeRaw({ sql: 'COMMIT', args: [], argTypes: [] }); // as Prisma's engine ends a transaction
    await tx.commit();
    const { rows } = await adapter.queryRaw({ sql: 'SELECT name FROM t ORDER BY id', args: [], argTypes: [] });
    expect(rows).toEqual([['one'], ['two']]);
  });

  it('keep the 500 most recently used texts', async () => {
    const { adapter, prepare } = await connect();
    const query = (n: number) => adapter.queryRaw({ sql: `SELECT ${n}`, args: [], argTypes: [] });
    for (let n = 0; n < 500; n++) await query(n);
    await query(0); // used again: now the most recent
    await query(500); // one too many: the least recently used (1) goes
    prepare.mockClear();
    await query(0);
    await query(2);
    expect(prepare).not.toHaveBeenCalled();
    await query(1);
    expect(prepare).toHaveBeenCalledTimes(1);
  });

  it("run direct statements on the adapter's connection, inside its transaction, from the same kept statements", async () => {
    const factory = withReusedStatements(new PrismaBetterSqlite3({ url: ':memory:' }));
    expect(factory.direct).toBeUndefined(); // not connected yet
    const prepare = vi.spyOn(Database.prototype, 'prepare');
    adapter = await factory.connect();
    await adapter.executeScript('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
    const direct = factory.direct!;
    const select = 'SELECT id, name FROM t WHERE id >= ? ORDER BY id';
    const insert = 'INSERT INTO t (id, name) VALUES (?, ?)';
    const tx = await adapter.startTransaction();
    await tx.executeRaw({ sql: insert, args: [1, 'one'], argTypes: [int, text] });
    expect(direct.run(insert, [2, 'two'])).toBe(1);
    expect(direct.read(select, [1])).toEqual([
      [1n, 'one'], // the adapter reads integers as BigInt
      [2n, 'two'],
    ]);
    await tx.executeRaw({ sql: 'ROLLBACK', args: [], argTypes: [] });
    await tx.rollback();
    expect(direct.read(select, [1])).toEqual([]);
    expect((await adapter.queryRaw({ sql: select, args: [1], argTypes: [int] })).rows).toEqual([]);
    expect(prepare.mock.calls.map(([sql]) => sql).filter((sql) => sql === select || sql === insert)).toEqual([insert, select]);
  });

  it('are left alone on an adapter without a better-sqlite3 connection', () => {
    expect(reuseStatements({} as SqlDriverAdapter)).toBeUndefined();
  });
});
