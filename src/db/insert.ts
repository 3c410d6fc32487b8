/**
 * Many-row inserts in as few statements as the database allows. Prisma's
 * createMany builds and checks every row in its query engine, which made it the
 * largest cost of a batch upsert; one parameterised `INSERT … VALUES (…), (…)`
 * per few hundred rows does the same write for a fraction of it.
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

/** Inserts `rows` (complete rows: every column given, null where empty) into `model`'s table. */
export async function insertRows<Row extends object>(tx: TransactionClient, provider: Provider, model: string, rows: readonly Row[]): Promise<void> {
  let columns = columnCache.get(model);
  if (!columns) columnCache.set(model, (columns = columnsOf(model)));
  const rowsPerStatement = Math.floor(maxParameters / columns.length);
  const columnList = columns.map((column) => `"${column}"`).join(', ');
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const chunk = rows.slice(start, start + rowsPerStatement);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => {
      const placeholders = columns.map((column) => {
        values.push((row as Record<string, unknown>)[column] ?? null);
        return provider === 'postgresql' ? `$${values.length}` : '?';
      });
      return `(${placeholders.join(', ')})`;
    });
    await tx.$executeRawUnsafe(`INSERT INTO "${model}" (${columnList}) VALUES ${tuples.join(', ')}`, ...values);
  }
}
