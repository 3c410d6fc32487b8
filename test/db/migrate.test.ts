/** `npm run db:migrate` applies the committed migrations offline, once, and they match the schema. */
import { afterAll, describe, expect, it } from 'vitest';
import { schemaDrift } from '../../src/db/migrate.js';
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
