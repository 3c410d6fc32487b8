/**
 * Many-row reads and writes in raw SQL, for the hot paths of batch upserts.
 * Prisma's createMany builds and checks every row in its query engine, which
 * made it the largest cost of a batch upsert; one INSERT whose rows arrive as
 * a single JSON parameter does the same write for a fraction of it. Reading
 * hundreds of rows by key is likewise cheaper raw, and returns the same values
 * (dates as Date) as the model API. On SQLite these statements run on the
 * adapter's connection directly (Database.direct), on PostgreSQL through Prisma.
 *
 * Raw SQL escapes the workspace scope (see scope.ts): callers filter by workspace themselves.
 */
import { getDatamodel } from '../generated/pothos-types.js';
import type { Database, TransactionClient } from './client.js';

/** Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const maxParameters = 30_000;

interface Columns {
  names: string[];
  /** Each column's scalar type in the datamodel (String, DateTime, …). */
  types: ReadonlyMap<string, string>;
}

const columnCache = new Map<string, Columns>();

/** The model's columns, from the generated datamodel (so a new column cannot be forgotten), read once per model. */
function columnsOf(model: string): Columns {
  let columns = columnCache.get(model);
  if (!columns) {
    const scalars = (getDatamodel().datamodel.models[model]?.fields ?? []).filter((field) => field.kind === 'scalar');
    columns = { names: scalars.map((field) => field.name), types: new Map(scalars.map((field) => [field.name, field.type])) };
    columnCache.set(model, columns);
  }
  return columns;
}

/** The database rows are read from and written to: its provider, and on SQLite its direct statements. */
export type RowSource = Pick<Database, 'provider' | 'direct'>;

/**
 * The rows of `model` in `workspaceId` whose `column` is one of `values`, with
 * every column, in one statement whose keys are one parameter (a JSON array on
 * SQLite, a text[] on PostgreSQL). `column` must be unique within a workspace:
 * each value is looked up in that unique index.
 *
 * On SQLite the rows are read on the transaction's connection directly (see
 * `Database.direct`) and made into objects here, typed as Prisma types them.
 *
 * On PostgreSQL, `column IN (…)` or `= ANY(…)` is planned from table statistics,
 * and a workspace bulk-loaded since the last ANALYZE looks tiny to the planner:
 * it then scans the whole workspace through another index (measured: 4× slower
 * at 45,000 contacts, and growing with the workspace). A LATERAL point lookup per
 * key is planned on the unique index whatever the statistics say.
 */
export async function selectRowsByUniqueKey<Row>(
  tx: TransactionClient,
  { provider, direct }: RowSource,
  model: string,
  workspaceId: string,
  column: string,
  values: readonly string[],
): Promise<Row[]> {
  if (!values.length) return [];
  const columns = columnsOf(model).names;
  if (provider === 'postgresql') {
    return tx.$queryRawUnsafe<Row[]>(
      `SELECT ${columns.map((name) => `row."${name}"`).join(', ')}
       FROM unnest($2::text[]) AS wanted(value)
       CROSS JOIN LATERAL (SELECT * FROM "${model}" WHERE "workspaceId" = $1 AND "${column}" = wanted.value LIMIT 1) AS row`,
      workspaceId,
      values,
    );
  }
  const sql = `SELECT ${columns.map((name) => `"${name}"`).join(', ')} FROM "${model}"
     WHERE "workspaceId" = ? AND "${column}" IN (SELECT value FROM json_each(?))`;
  if (!direct) return tx.$queryRawUnsafe<Row[]>(sql, workspaceId, JSON.stringify(values));
  const toRow = sqliteRowMaker(model);
  return direct.read(sql, [workspaceId, JSON.stringify(values)]).map((values) => toRow(values) as Row);
}

/**
 * A value of each scalar type as Prisma's SQLite client reads it, from the value
 * the adapter's connection gives (which reads integers as BigInt).
 */
const fromSqlite: Record<string, (value: NonNullable<unknown>) => unknown> = {
  String: (value) => value,
  Int: (value) => Number(value),
  Float: (value) => Number(value),
  Boolean: (value) => Number(value) === 1,
  DateTime: (value) => new Date(typeof value === 'bigint' ? Number(value) : (value as string | number)),
};

const rowMakers = new Map<string, (values: unknown[]) => Record<string, unknown>>();

/**
 * A function that makes an array of `model`'s column values (in the order of
 * columnsOf) into a row object. Every row is a copy of one blank that has all
 * the columns, so that they share a shape, and only the columns whose type
 * needs it are converted.
 */
function sqliteRowMaker(model: string): (values: unknown[]) => Record<string, unknown> {
  let make = rowMakers.get(model);
  if (!make) {
    const { names, types } = columnsOf(model);
    const blank = Object.fromEntries(names.map((name) => [name, null]));
    const converts = names.map((name) => {
      const convert = fromSqlite[types.get(name)!];
      if (!convert) throw new Error(`no SQLite reading known for ${model}.${name} (${types.get(name)})`);
      return convert === fromSqlite.String ? undefined : convert;
    });
    make = (values) => {
      const row: Record<string, unknown> = { ...blank };
      for (let i = 0; i < names.length; i++) {
        const value = values[i];
        row[names[i]!] = value === null || value === undefined || !converts[i] ? value : converts[i]!(value);
      }
      return row;
    };
    rowMakers.set(model, make);
  }
  return make;
}

/** PostgreSQL's type for a scalar of the datamodel, to type the parameters of a VALUES list. */
const postgresTypes: Record<string, string> = {
  String: 'text',
  DateTime: 'timestamp(3)',
  Int: 'integer',
  Float: 'double precision',
  Boolean: 'boolean',
};

function postgresTypeOf(model: string, column: string): string {
  const type = postgresTypes[columnsOf(model).types.get(column) ?? ''];
  if (!type) throw new Error(`no PostgreSQL type known for ${model}.${column}`);
  return type;
}

/**
 * How the SQLite adapter stores a DateTime (its default `iso8601` format): rows
 * written here must read, sort and compare exactly like rows Prisma wrote.
 */
const sqliteDateTime = (date: Date) => date.toISOString().replace('Z', '+00:00');

/**
 * Inserts `rows` (complete rows: every column given, null where empty) into
 * `model`'s table, in one statement whose only parameter is the rows as JSON,
 * unpacked by the database (json_each, jsonb_array_elements). Binding each
 * value as its own parameter cost twice as much: Prisma and the adapter convert
 * every parameter, and SQLite prepares a statement with thousands of them.
 */
export async function insertRows<Row extends object>(tx: TransactionClient, { provider, direct }: RowSource, model: string, rows: readonly Row[]): Promise<void> {
  if (!rows.length) return;
  const columns = columnsOf(model).names;
  const asDate = provider === 'postgresql' ? (date: Date) => date.toISOString() : sqliteDateTime;
  const data = JSON.stringify(
    rows.map((row) =>
      columns.map((column) => {
        const value = (row as Record<string, unknown>)[column];
        return value instanceof Date ? asDate(value) : (value ?? null);
      }),
    ),
  );
  const columnList = columns.map((column) => `"${column}"`).join(', ');
  if (provider === 'postgresql') {
    const values = columns.map((column, i) => `(row ->> ${i})::${postgresTypeOf(model, column)}`).join(', ');
    await tx.$executeRawUnsafe(`INSERT INTO "${model}" (${columnList}) SELECT ${values} FROM jsonb_array_elements($1::jsonb) AS row`, data);
    return;
  }
  const values = columns.map((_, i) => `value ->> ${i}`).join(', ');
  const sql = `INSERT INTO "${model}" (${columnList}) SELECT ${values} FROM json_each(?)`;
  if (direct) direct.run(sql, [data]);
  else await tx.$executeRawUnsafe(sql, data);
}

/** A value as SQLite binds it, stored as Prisma stores it (see sqliteDateTime). */
const sqliteValue = (value: unknown) =>
  value instanceof Date ? sqliteDateTime(value) : typeof value === 'boolean' ? Number(value) : (value ?? null);

/**
 * Writes `changes` to rows of `model` in `workspaceId`: for each row, by id, the
 * columns its `data` names. On PostgreSQL, one statement per set of changed
 * columns (`UPDATE … FROM (VALUES …)`), so that a batch costs a round trip or
 * two, not one per row; on SQLite, which has no round trips, one plain UPDATE
 * per row, each a primary-key lookup.
 */
export async function updateRows(
  tx: TransactionClient,
  { provider, direct }: RowSource,
  model: string,
  workspaceId: string,
  changes: readonly { id: string; data: Readonly<Record<string, unknown>> }[],
): Promise<void> {
  if (provider === 'sqlite') {
    for (const { id, data } of changes) {
      const columns = Object.keys(data);
      const sql = `UPDATE "${model}" SET ${columns.map((column) => `"${column}" = ?`).join(', ')} WHERE "id" = ? AND "workspaceId" = ?`;
      if (direct) direct.run(sql, [...columns.map((column) => sqliteValue(data[column])), id, workspaceId]);
      else await tx.$executeRawUnsafe(sql, ...columns.map((column) => data[column] ?? null), id, workspaceId);
    }
    return;
  }
  const byColumns = new Map<string, (typeof changes)[number][]>();
  for (const change of changes) {
    const key = Object.keys(change.data).sort().join(',');
    const group = byColumns.get(key);
    if (group) group.push(change);
    else byColumns.set(key, [change]);
  }
  for (const [key, group] of byColumns) {
    const columns = key.split(',');
    const types = ['text', ...columns.map((column) => postgresTypeOf(model, column))];
    const rowsPerStatement = Math.floor((maxParameters - 1) / types.length);
    for (let start = 0; start < group.length; start += rowsPerStatement) {
      const values: unknown[] = [workspaceId];
      const tuples = group.slice(start, start + rowsPerStatement).map(({ id, data }) => {
        const row = [id, ...columns.map((column) => data[column] ?? null)];
        return `(${row.map((value, i) => `$${values.push(value)}::${types[i]}`).join(', ')})`;
      });
      await tx.$executeRawUnsafe(
        `UPDATE "${model}" AS target SET ${columns.map((column) => `"${column}" = changed."${column}"`).join(', ')}
         FROM (VALUES ${tuples.join(', ')}) AS changed("id", ${columns.map((column) => `"${column}"`).join(', ')})
         WHERE target."id" = changed."id" AND target."workspaceId" = $1`,
        ...values,
      );
    }
  }
}
