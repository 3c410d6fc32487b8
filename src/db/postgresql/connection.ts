import type { PoolConfig } from 'pg';

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
