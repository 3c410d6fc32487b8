import type { PoolConfig } from 'pg';

/** How long opening a connection may take unless the caller says otherwise (migrations, the CLI). */
export const defaultConnectTimeoutMs = 10_000;

/**
 * pg settings for a PostgreSQL URL. Prisma's `?schema=` convention becomes the
 * connection's search_path, so that Prisma's queries, raw SQL and the migration
 * engine all work in that schema.
 */
export function postgresConnection(url: string): { config: PoolConfig; schema?: string } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  // A server that cannot be reached answers nothing at all behind a partition: give up in time.
  const config: PoolConfig = { connectionString: parsed.toString(), connectionTimeoutMillis: defaultConnectTimeoutMs };
  if (schema) config.options = `-c search_path="${schema.replaceAll('"', '""')}"`;
  return { config, schema };
}
