/**
 * A start that cannot succeed says why in one line on stderr, naming what to
 * change, and exits with 1: no stack trace unless LOG_LEVEL=debug asks for one.
 */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, testProvider } from '../support/database.js';
import { runServerToExit, startServer } from '../support/processes.js';

/** The one line a failed start printed, after checking that it printed only that and exited with 1. */
async function failedStart(env: Record<string, string>): Promise<string> {
  const { code, stderr } = await runServerToExit(env);
  expect(code).toBe(1);
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

describe('npm start on a taken port', () => {
  let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let holder: Server;
  let port: number;
  beforeAll(async () => {
    database = await createEmptyDatabase();
    holder = createServer();
    port = await new Promise<number>((resolve) => holder.listen(0, '127.0.0.1', () => resolve((holder.address() as { port: number }).port)));
  });
  afterAll(async () => {
    holder?.close();
    await database?.remove();
  });

  it('names the port and the variable that sets it', async () => {
    const line = await failedStart({ DATABASE_URL: database.url, PORT: String(port) });
    expect(line).toBe(`error: port ${port} is already in use on 127.0.0.1. Set PORT to a free port, or stop the process that holds this one.`);
  });

  it.runIf(testProvider === 'sqlite')('leaves the first key to the start that serves', async () => {
    const server = await startServer({ DATABASE_URL: database.url });
    try {
      const printed = server.logs.flatMap((entry) => (typeof entry.raw === 'string' ? [entry.raw] : []));
      expect(printed.join('\n')).toMatch(/First run: created workspace .*\n\n {4}cak_/);
    } finally {
      server.child.kill('SIGKILL');
      await server.exited;
    }
  });
});

describe.runIf(testProvider === 'postgresql')('npm start when PostgreSQL is not there', () => {
  const url = 'postgresql://someone:s3cret-pw@127.0.0.1:1/contacts';

  it('names the host and port that refused and DATABASE_URL, never the password', async () => {
    const line = await failedStart({ DATABASE_URL: url });
    expect(line).toBe('error: cannot reach the database at 127.0.0.1:1 (DATABASE_URL): connection refused. Is PostgreSQL running there? If it runs elsewhere, set DATABASE_URL to its address.');
  });

  it('says the same without migrations on start (the first query finds it out)', async () => {
    const line = await failedStart({ DATABASE_URL: url, MIGRATE_ON_START: 'false' });
    expect(line).toMatch(/^error: cannot reach the database at 127\.0\.0\.1:1 \(DATABASE_URL\): /);
    expect(line).not.toContain('s3cret-pw');
  });

  it('adds the stack with LOG_LEVEL=debug, after the same line', async () => {
    const { code, stderr } = await runServerToExit({ DATABASE_URL: url, LOG_LEVEL: 'debug' });
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toMatch(/^error: cannot reach the database at 127\.0\.0\.1:1 /);
    expect(stderr).toMatch(/ECONNREFUSED[\s\S]*\n\s+at /);
    expect(stderr).not.toContain('s3cret-pw');
  });

  it('names a database that does not exist', async () => {
    const base = new URL(process.env.TEST_POSTGRES_URL!);
    base.pathname = '/no_such_database_here';
    const line = await failedStart({ DATABASE_URL: base.toString() });
    expect(line).toContain('(DATABASE_URL) says: database "no_such_database_here" does not exist.');
  });
});

describe.runIf(testProvider === 'sqlite')('npm start with invalid variables', () => {
  it.each([
    ['PORT', '', 'error: PORT="" is invalid: set PORT to a whole number from 0 to 65535, or unset it for the default (4000).'],
    ['PORT', 'http', 'error: PORT="http" is invalid: set PORT to a whole number from 0 to 65535, or unset it for the default (4000).'],
    ['PORT', '65536', 'error: PORT="65536" is invalid: set PORT to a whole number from 0 to 65535, or unset it for the default (4000).'],
    ['MIGRATE_ON_START', 'yes', 'error: MIGRATE_ON_START="yes" is invalid: set MIGRATE_ON_START to true or false, or unset it for the default (true).'],
  ])('%s=%j: names the variable, its value and what to set', async (name, value, expected) => {
    expect(await failedStart({ [name]: value })).toBe(expected);
  });

  it('masks the password of an invalid DATABASE_URL', async () => {
    const line = await failedStart({ DATABASE_URL: 'mysql://someone:s3cret-pw@db.example/contacts' });
    expect(line).toBe(
      'error: DATABASE_URL="mysql://someone:***@db.example/contacts" is invalid: set DATABASE_URL to a URL that starts with file:, postgres:// or postgresql://, or unset it for the default (file:./data/contacts.db).',
    );
  });

  it('gives one line for each invalid variable', async () => {
    const { code, stderr } = await runServerToExit({ PORT: '', LOG_LEVEL: 'loud' });
    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^error: PORT="" is invalid: /), expect.stringMatching(/^error: LOG_LEVEL="loud" is invalid: /)]);
  });

  it('names an embedded database file that cannot be created', async () => {
    // A folder inside a file: no user, root included, can create it.
    const line = await failedStart({ DATABASE_URL: `file:${process.execPath}/data/contacts.db` });
    expect(line).toMatch(new RegExp(`^error: cannot open the database file ${process.execPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/data/contacts\\.db \\(DATABASE_URL\\)`));
    expect(line).toMatch(/Set DATABASE_URL to a file: path this user can create and write\.$/);
  });
});
