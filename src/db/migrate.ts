/**
 * Applies the committed migrations (prisma/<provider>/migrations) without Prisma's
 * native schema engine: Prisma's own schema engine compiled to WebAssembly drives
 * the same driver adapter the server uses. It records migrations in the standard
 * `_prisma_migrations` table, so `prisma migrate deploy` and this command can
 * serve the same database interchangeably.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';
import { postgresConnection } from './postgresql/connection.js';
import { providerOf, sqlitePath, type Provider } from './provider.js';

const prismaDir = findPrismaDir();
const noFilter = { externalTables: [], externalEnums: [] };

/** The project's prisma/ folder, whether this module runs from src/ or from the build in dist/. */
function findPrismaDir(): string {
  for (let dir = new URL('./', import.meta.url); ; dir = new URL('../', dir)) {
    const candidate = new URL('prisma/', dir);
    if (existsSync(new URL('package.json', dir)) && existsSync(candidate)) return fileURLToPath(candidate);
    if (dir.pathname === '/') throw new Error(`no prisma/ folder above ${import.meta.url}`);
  }
}

export function migrationsDir(provider: Provider): string {
  return `${prismaDir}${provider}/migrations`;
}

export function readSchema(provider: Provider): string {
  return readFileSync(`${prismaDir}${provider}/schema.prisma`, 'utf8');
}

export function readMigrations(provider: Provider): MigrationList {
  const baseDir = migrationsDir(provider);
  const lockPath = `${baseDir}/migration_lock.toml`;
  const migrationDirectories = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
        .map((name) => ({
          path: name,
          migrationFile: {
            path: 'migration.sql',
            content: { tag: 'ok' as const, value: readFileSync(`${baseDir}/${name}/migration.sql`, 'utf8') },
          },
        }))
    : [];
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

type EngineModule = typeof import('@prisma/schema-engine-wasm');
type WasmExports = Record<string, unknown>;
/** The slice of the WebAssembly global we use (Node's types for it target newer Node lines). */
declare const WebAssembly: {
  compile(bytes: Uint8Array): Promise<object>;
  Instance: new (module: object, imports: Record<string, object>) => { exports: WasmExports };
};
let engineModule: Promise<EngineModule> | undefined;

/**
 * The package's main entry imports its .wasm file as an ES module, which Node 20
 * cannot; instantiate the module behind its JavaScript glue ourselves, once.
 */
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const glue = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as unknown as EngineModule & {
      __wbg_set_wasm(exports: WasmExports): void;
    };
    const wasm = await WebAssembly.compile(await readFile(gluePath.replace(/\.js$/, '.wasm')));
    const instance = new WebAssembly.Instance(wasm, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
    return glue;
  })();
  return engineModule;
}

async function adapterFactory(url: string): Promise<SqlMigrationAwareDriverAdapterFactory> {
  if (providerOf(url) === 'sqlite') {
    const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
    return new PrismaBetterSqlite3({ url: sqlitePath(url) });
  }
  const [{ PrismaPg }, { default: pg }] = await Promise.all([import('@prisma/adapter-pg'), import('pg')]);
  const { config, schema } = postgresConnection(url);
  return new PrismaPg(new (introspectablePool(pg.Pool))({ ...config, max: 2 }), { schema, disposeExternalPool: true });
}

/**
 * The engine reads the catalog, whose internal one-byte `"char"` columns (type
 * oid 18, e.g. pg_class.relkind) adapter-pg does not map and refuses. Their
 * values arrive as plain strings, so we label them `text` before the adapter looks.
 */
function introspectablePool(Pool: typeof import('pg').Pool): typeof import('pg').Pool {
  const internalChar = 18;
  const text = 25;
  const relabel = <R>(result: R): R => {
    for (const field of (result as { fields?: { dataTypeID: number }[] }).fields ?? []) {
      if (field.dataTypeID === internalChar) field.dataTypeID = text;
    }
    return result;
  };
  return class extends Pool {
    constructor(config: import('pg').PoolConfig) {
      super(config);
      // Transactions query through a checked-out client (always the promise form).
      this.on('connect', (client) => {
        const query = client.query.bind(client) as (...args: unknown[]) => unknown;
        client.query = ((...args: unknown[]) => {
          const result = query(...args);
          return result instanceof Promise ? result.then(relabel) : result;
        }) as typeof client.query;
      });
    }
    // Everything else queries the pool itself, which answers through a callback internally.
    override query(...args: unknown[]): never {
      const result = (super.query as (...a: unknown[]) => unknown).apply(this, args);
      return (result instanceof Promise ? result.then(relabel) : result) as never;
    }
  } as typeof Pool;
}

/** Opens a schema engine on `url`, runs `work`, and always lets go of the engine's connections. */
export async function withSchemaEngine<T>(url: string, work: (engine: SchemaEngine, provider: Provider) => Promise<T>): Promise<T> {
  const provider = providerOf(url);
  const [{ SchemaEngine }, factory] = await Promise.all([loadEngineModule(), adapterFactory(url)]);
  // The engine does not close what it connects; keep hold of it to close it ourselves.
  const opened: SqlDriverAdapter[] = [];
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => remember(await factory.connect()),
    connectToShadowDb: async () => remember(await factory.connectToShadowDb()),
  };
  const remember = (adapter: SqlDriverAdapter) => (opened.push(adapter), adapter);
  const engine = await SchemaEngine.new(
    { datamodels: [['schema.prisma', readSchema(provider)]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(tracked),
  );
  try {
    return await work(engine, provider);
  } finally {
    engine.free();
    await Promise.all(opened.map((adapter) => adapter.dispose()));
  }
}

/**
 * Applies pending migrations; returns the names of those it applied (none on a
 * second run). When the database already has every committed migration — the
 * usual case at start-up — the schema engine is not even loaded: it would cost
 * a second, and on SQLite it locks the file exclusively, so the CLI could not
 * run beside a live server.
 */
export async function migrate(url: string): Promise<string[]> {
  const migrations = readMigrations(providerOf(url));
  if (!(await unappliedMigrations(url, migrations)).length) return [];
  return withSchemaEngine(url, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: migrations, filters: noFilter });
    return appliedMigrationNames;
  });
}

/**
 * The committed migrations that `_prisma_migrations` does not record as applied
 * with the same content (Prisma's checksum is the SHA-256 of the file).
 */
export async function unappliedMigrations(url: string, migrations: MigrationList): Promise<string[]> {
  const applied = new Map((await appliedMigrations(url)).map(({ name, checksum }) => [name, checksum]));
  return migrations.migrationDirectories
    .filter(({ path, migrationFile }) => {
      const content = migrationFile.content.tag === 'ok' ? migrationFile.content.value : '';
      return applied.get(path) !== createHash('sha256').update(content).digest('hex');
    })
    .map(({ path }) => path);
}

const appliedQuery =
  'SELECT migration_name AS name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL';

async function appliedMigrations(url: string): Promise<{ name: string; checksum: string }[]> {
  if (providerOf(url) === 'sqlite') {
    const path = sqlitePath(url);
    if (!existsSync(path)) return [];
    const { default: Sqlite } = await import('better-sqlite3');
    const db = new Sqlite(path, { readonly: true });
    try {
      const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
      return table ? (db.prepare(appliedQuery).all() as { name: string; checksum: string }[]) : [];
    } finally {
      db.close();
    }
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client(postgresConnection(url).config);
  await client.connect();
  try {
    const { rows } = await client.query<{ exists: boolean }>("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists");
    return rows[0]?.exists ? (await client.query<{ name: string; checksum: string }>(appliedQuery)).rows : [];
  } finally {
    await client.end();
  }
}

/**
 * The SQL that would take the database at `url` to the schema: empty when the
 * migrations and prisma/<provider>/schema.prisma agree.
 */
export async function schemaDrift(url: string): Promise<string> {
  return withSchemaEngine(url, async (engine, provider) => {
    const files = [{ path: 'schema.prisma', content: readSchema(provider) }];
    const { stdout } = await engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: prismaDir },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters: noFilter,
    });
    return (stdout ?? '').replace(/^-- This is an empty migration\.\s*$/m, '').trim();
  });
}
