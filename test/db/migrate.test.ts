/** `npm run db:migrate` applies the committed migrations offline, once, and they match the schema. */
import { afterAll, describe, expect, it } from 'vitest';
import { schemaDrift } from '../../src/db/migrate.js';
import { createEmptyDatabase } from '../support/database.js';
import { npmRun } from '../support/processes.js';

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
