/**
 * Many-row reads and inserts in raw SQL, for the hot paths of batch upserts.
 * Prisma's createMany builds and checks every row in its query engine, which
 * made it the largest cost of a batch upsert; one parameterised
 * `INSERT … VALUES (…), (…)` per few hundred rows does the same write for a
 * fraction of it. Reading hundreds of rows by key is likewise cheaper raw, and
 * returns the same values (dates as Date) as the model API.
 *
 * Raw SQL escapes the workspace scope (see scope.ts): callers filter by workspace themselves.
 */
import { getDatamodel } from '../generated/pothos-types.js';
import type { TransactionClient } from './client.js';
import type { Provider } from './provider.js';

/** Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const maxParameters = 30_000;

/** The model's columns, from the generated datamodel, so a new column cannot be forgotten. */
function columnsOf(model: string): string[] {
  const fields = getDatamodel().datamodel.models[model]?.fields ?? [];
  return fields.filter((field) => field.kind === 'scalar').map((field) => field.name);
}

const columnCache = new Map<string, string[]>();

function columnsCached(model: string): string[] {
  let columns = columnCache.get(model);
  if (!columns) columnCache.set(model, (columns = columnsOf(model)));
  return columns;
}

const placeholder = (provider: Provider, position: number) => (provider === 'postgresql' ? `$${position}` : '?');

/**
 * The rows of `model` in `workspaceId` whose `column` is one of `values` (at most a
 * few hundred per call), with every column. `column` must be unique within a
 * workspace: each value is looked up in that unique index.
 *
 * On PostgreSQL, `column IN (…)` or `= ANY(…)` is planned from table statistics,
 * and a workspace bulk-loaded since the last ANALYZE looks tiny to the planner:
 * it then scans the whole workspace through another index (measured: 4× slower
 * at 45,000 contacts, and growing with the workspace). A LATERAL point lookup per
 * key is planned on the unique index whatever the statistics say.
 */
export async function selectRowsByUniqueKey<Row>(
  tx: TransactionClient,
  provider: Provider,
  model: string,
  workspaceId: string,
  column: string,
  values: readonly string[],
): Promise<Row[]> {
  if (!values.length) return [];
  const columns = columnsCached(model);
  if (provider === 'postgresql') {
    return tx.$queryRawUnsafe<Row[]>(
      `SELECT ${columns.map((name) => `row."${name}"`).join(', ')}
       FROM unnest($2::text[]) AS wanted(value)
       CROSS JOIN LATERAL (SELECT * FROM "${model}" WHERE "workspaceId" = $1 AND "${column}" = wanted.value LIMIT 1) AS row`,
      workspaceId,
      values,
    );
  }
  const list = values.map(() => '?').join(', ');
  return tx.$queryRawUnsafe<Row[]>(
    `SELECT ${columns.map((name) => `"${name}"`).join(', ')} FROM "${model}" WHERE "workspaceId" = ? AND "${column}" IN (${list})`,
    workspaceId,
    ...values,
  );
}

/** Inserts `rows` (complete rows: every column given, null where empty) into `model`'s table. */
export async function insertRows<Row extends object>(tx: TransactionClient, provider: Provider, model: string, rows: readonly Row[]): Promise<void> {
  const columns = columnsCached(model);
  const rowsPerStatement = Math.floor(maxParameters / columns.length);
  const columnList = columns.map((column) => `"${column}"`).join(', ');
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const chunk = rows.slice(start, start + rowsPerStatement);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => {
      const placeholders = columns.map((column) => {
        values.push((row as Record<string, unknown>)[column] ?? null);
        return placeholder(provider, values.length);
      });
      return `(${placeholders.join(', ')})`;
    });
    await tx.$executeRawUnsafe(`INSERT INTO "${model}" (${columnList}) VALUES ${tuples.join(', ')}`, ...values);
  }
}
