/** `npm run db:migrate` applies the committed migrations offline, once, and they match the schema. */
import { afterAll, describe, expect, it } from 'vitest';
import { decodeFieldChanges } from '../../src/contacts/history.js';
import { openDatabase } from '../../src/db/client.js';
import { migrate, readMigrations, schemaDrift, withSchemaEngine } from '../../src/db/migrate.js';
import { createEmptyDatabase, testProvider } from '../support/database.js';
import { npmRun, startServer, type ServerProcess } from '../support/processes.js';

describe('npm run db:migrate', () => {
  let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
  afterAll(() => database?.remove());

  it('migrates a fresh database, then has nothing left to do', async () => {
    database = await createEmptyDatabase();
    const first = await npmRun('db:migrate', [], { DATABASE_URL: database.url });
    expect(first.stdout).toMatch(/^Applied \d+ migration\(s\): \d{14}_init/);
    const second = await npmRun('db:migrate', [], { DATABASE_URL: database.url });
    expect(second.stdout.trim()).toBe('No pending migrations.');
  });

  it('leaves a database that the schema describes exactly (migrations and schema.prisma agree)', async () => {
    expect(await schemaDrift(database.url)).toBe('');
  });
});

describe('the migration to the compact change encoding', () => {
  let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
  afterAll(() => database?.remove());

  it("rewrites the changes recorded before it, and starts existing endpoints at their feed's end", async () => {
    database = await createEmptyDatabase();
    const all = readMigrations(testProvider);
    const before = { ...all, migrationDirectories: all.migrationDirectories.filter(({ path }) => path < '20261201185155') };
    await withSchemaEngine(database.url, (engine) => engine.applyMigrations({ migrationsList: before, filters: { externalTables: [], externalEnums: [] } }));
    const recorded = {
      CREATED: [
        { field: 'email', from: null, to: 'ada@example.com' },
        { field: 'note', from: null, to: 'said "hi" \\ 東京' },
      ],
      UPDATED: [
        { field: 'phone', from: null, to: '+47 1' },
        { field: 'note', from: 'said "hi" \\ 東京', to: null },
      ],
      DELETED: [{ field: 'email', from: 'ada@example.com', to: null }],
    };
    const old = await openDatabase(database.url);
    const run = (sql: string, ...values: unknown[]) => old.models.$queryRawUnsafe(sql, ...values);
    await run(`INSERT INTO "Workspace" ("id", "name") VALUES ('w1', 'one'), ('w2', 'two')`);
    await run(`INSERT INTO "WebhookEndpoint" ("id", "workspaceId", "url", "secret") VALUES ('e1', 'w1', 'https://a.example.com', 's'), ('e2', 'w2', 'https://b.example.com', 's')`);
    let position = 0;
    for (const [kind, changes] of Object.entries(recorded)) {
      await run(
        `INSERT INTO "ContactChange" ("position", "id", "workspaceId", "contactId", "kind", "time", "changes") VALUES (${++position}, 'c${position}', 'w1', 'k1', '${kind}', '2026-11-30 10:00:00', '${JSON.stringify(changes)}')`,
      );
    }
    await old.close();

    expect(await migrate(database.url)).toEqual([expect.stringMatching(/^20261201185155_/), expect.stringMatching(/^20261201212715_/)]);
    const db = await openDatabase(database.url);
    try {
      const changes = await db.models.contactChange.findMany({ orderBy: { position: 'asc' } });
      expect(changes.map((change) => [change.kind, decodeFieldChanges(change.kind as 'CREATED', change.changes!)])).toEqual(Object.entries(recorded));
      const endpoints = await db.models.webhookEndpoint.findMany({ orderBy: { id: 'asc' } });
      expect(endpoints.map((endpoint) => endpoint.enqueuedThrough)).toEqual([3n, 0n]);
    } finally {
      await db.close();
    }
  });
});

describe.runIf(testProvider === 'postgresql')('several replicas starting at once', () => {
  let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const server of servers) server.child.kill('SIGKILL');
    await database?.remove();
  });

  it('migrate once between them (the schema engine holds an advisory lock) and all serve', async () => {
    database = await createEmptyDatabase();
    servers.push(...(await Promise.all([1, 2, 3].map(() => startServer({ DATABASE_URL: database.url })))));
    const appliers = servers.filter((server) => server.logs.some((entry) => entry.msg === 'applied migrations'));
    expect(appliers).toHaveLength(1);
    for (const server of servers) expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect(await schemaDrift(database.url)).toBe('');
  });
});
