import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { ArgType, SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reuseStatements, withReusedStatements, type DirectStatements } from '../../src/db/sqlite-statements.js';

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

  describe('direct transactions', () => {
    async function connectDirect() {
      const factory = withReusedStatements(new PrismaBetterSqlite3({ url: ':memory:' }));
      adapter = await factory.connect();
      await adapter.executeScript('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
      return { adapter, direct: factory.direct! };
    }
    const names = (direct: DirectStatements) => direct.read('SELECT name FROM t ORDER BY id', []).map(([name]) => name);
    const insert = 'INSERT INTO t (id, name) VALUES (?, ?)';

    it('commit what their work wrote, and answer what it answered', async () => {
      const { direct } = await connectDirect();
      const answer = await direct.transaction(async () => {
        direct.run(insert, [1, 'one']);
        await Promise.resolve();
        direct.run(insert, [2, 'two']);
        return 'done';
      });
      expect(answer).toBe('done');
      expect(names(direct)).toEqual(['one', 'two']);
    });

    it('roll back everything their work wrote when it fails, and reject with its error', async () => {
      const { direct } = await connectDirect();
      direct.run(insert, [1, 'before']);
      const failure = direct.transaction(async () => {
        direct.run(insert, [2, 'half']);
        direct.run(insert, [1, 'duplicate']); // a unique violation, as a lost race would raise
      });
      await expect(failure).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
      expect(names(direct)).toEqual(['before']);
      // The adapter's turn was given back: the next transaction begins and commits.
      await direct.transaction(async () => direct.run(insert, [3, 'after']));
      expect(names(direct)).toEqual(['before', 'after']);
    });

    it("take their turn with Prisma's own transactions on the adapter, one at a time", async () => {
      const { adapter, direct } = await connectDirect();
      const order: string[] = [];
      const prismas = await adapter.startTransaction(); // what Prisma's transaction manager does first
      const mine = direct.transaction(async () => {
        order.push('direct began');
        direct.run(insert, [2, 'direct']);
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('prisma still running');
      await prismas.executeRaw({ sql: insert, args: [1, 'prisma'], argTypes: [int, text] });
      await prismas.executeRaw({ sql: 'COMMIT', args: [], argTypes: [] });
      await prismas.commit();
      await mine;
      expect(order).toEqual(['prisma still running', 'direct began']);
      expect(names(direct)).toEqual(['prisma', 'direct']);
    });

    it('roll back and give the turn back when the commit itself fails', async () => {
      const { direct } = await connectDirect();
      // A deferred foreign key is checked at COMMIT: the commit fails, and the transaction must not stay open.
      direct.run('CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES t (id) DEFERRABLE INITIALLY DEFERRED)', []);
      direct.run('PRAGMA foreign_keys = ON', []);
      const failure = direct.transaction(async () => {
        direct.run(insert, [1, 'kept only if the commit succeeds']);
        direct.run('INSERT INTO child (id, parent) VALUES (1, 99)', []);
      });
      await expect(failure).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
      expect(names(direct)).toEqual([]);
      await direct.transaction(async () => direct.run(insert, [2, 'next']));
      expect(names(direct)).toEqual(['next']);
    });
  });

  it('are left alone on an adapter without a better-sqlite3 connection', () => {
    expect(reuseStatements({} as SqlDriverAdapter)).toBeUndefined();
  });
});
