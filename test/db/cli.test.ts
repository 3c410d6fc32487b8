/**
 * The administration CLI, run as users run it on a fresh database: through
 * `npm run --silent cli -- …`, and as the package's command (bin/contacts-api.js).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { createApp } from '../../src/http/app.js';
import { RequestLogWriter } from '../../src/request-log/writer.js';
import { createEmptyDatabase } from '../support/database.js';
import { npmRun, projectRoot } from '../support/processes.js';

let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
const cli = (...args: string[]) => npmRun('cli', args, { DATABASE_URL: database.url });
const json = async (...args: string[]) => JSON.parse((await cli(...args)).stdout) as unknown;
/** Each line of stdout as JSON: what `list --json` prints, one item a line. */
const jsonLines = async (...args: string[]) => (await cli(...args)).stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as unknown);

/** The package's command, executed as a linked bin is: by its file, through its #! line. */
const bin = (args: string[], env: Record<string, string> = {}) =>
  promisify(execFile)(`${projectRoot}bin/contacts-api.js`, args, { cwd: projectRoot, env: { ...process.env, ...env } });

beforeAll(async () => {
  database = await createEmptyDatabase();
});
afterAll(async () => {
  await database?.remove();
});

/**
 * The status an app on the CLI's database answers a request with `apiKey`. The
 * app is closed again at once: an open SQLite connection here would make the
 * next CLI run wait for its lock.
 */
async function status(apiKey: string): Promise<number> {
  const db = await openDatabase(database.url);
  const logger = pino({ level: 'silent' });
  const requestLog = new RequestLogWriter(db, logger);
  try {
    const response = await createApp({ db, logger, requestLog }).request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ query: '{ recentRequests { id } }' }),
    });
    return response.status;
  } finally {
    await requestLog.flush();
    await db.close();
  }
}

const id = expect.stringMatching(/^[0-9a-f-]{36}$/);
const apiKey = expect.stringMatching(/^cak_[A-Za-z0-9_-]{43}$/);

describe('npm run cli', () => {
  let first: { workspaceId: string; apiKeyId: string; apiKey: string };
  let second: { workspaceId: string; apiKeyId: string; apiKey: string };

  it('creates a workspace with its first key (migrating the fresh database first)', async () => {
    first = (await json('workspace', 'create', 'Acme', '--json')) as typeof first;
    expect(first).toEqual({ workspaceId: id, apiKeyId: id, apiKey });
    expect(await status(first.apiKey)).toBe(200);
  });

  it('creates another key for the workspace', async () => {
    second = (await json('apikey', 'create', '--workspace', first.workspaceId, '--name', 'ci', '--json')) as typeof second;
    expect(second).toEqual({ workspaceId: first.workspaceId, apiKeyId: id, apiKey });
    expect(second.apiKey).not.toBe(first.apiKey);
    expect(await status(second.apiKey)).toBe(200);
  });

  it('lists the keys without the keys themselves, one JSON line each', async () => {
    const { stdout } = await cli('apikey', 'list', '--workspace', first.workspaceId, '--json');
    const time = expect.stringMatching(/^\d{4}-\d\d-\d\dT/);
    expect(stdout.split('\n')).toHaveLength(3); // two lines, each ended by a newline
    expect(stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual([
      // Both were used above, each by one request.
      { id: first.apiKeyId, prefix: first.apiKey.slice(0, 12), name: null, createdAt: time, lastUsedAt: time, revokedAt: null },
      { id: second.apiKeyId, prefix: second.apiKey.slice(0, 12), name: 'ci', createdAt: time, lastUsedAt: time, revokedAt: null },
    ]);
    for (const key of [first.apiKey, second.apiKey]) expect(stdout).not.toContain(key.slice(12));
  });

  it('lists the keys as an aligned table for people, without the keys', async () => {
    const { stdout } = await cli('apikey', 'list', '--workspace', first.workspaceId);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^ID {2,}PREFIX {2,}NAME {2,}CREATED {2,}LAST USED {2,}REVOKED$/);
    expect(lines[1]).toMatch(new RegExp(`^${first.apiKeyId} {2,}${first.apiKey.slice(0, 12)}… {2,}\\d{4}-`));
    expect(lines[2]).toMatch(new RegExp(`^${second.apiKeyId} {2,}${second.apiKey.slice(0, 12)}… {2,}ci {2,}\\d{4}-`));
    // Aligned: every column starts at the same place on each line.
    for (const header of ['PREFIX', 'CREATED', 'LAST USED']) {
      const at = lines[0]!.indexOf(header);
      for (const line of lines.slice(1)) expect(line[at - 1], `${header} in ${line}`).toBe(' ');
      for (const line of lines.slice(1)) expect(line[at], `${header} in ${line}`).not.toBe(' ');
    }
    for (const key of [first.apiKey, second.apiKey]) expect(stdout).not.toContain(key.slice(12));
  });

  it('lists the workspaces, one JSON line each, oldest first', async () => {
    const other = (await json('workspace', 'create', 'Beta Ltd', '--json')) as typeof first;
    const time = expect.stringMatching(/^\d{4}-\d\d-\d\dT/);
    expect(await jsonLines('workspace', 'list', '--json')).toEqual([
      { id: first.workspaceId, name: 'Acme', createdAt: time },
      { id: other.workspaceId, name: 'Beta Ltd', createdAt: time },
    ]);
  });

  it('lists the workspaces as an aligned table', async () => {
    const workspaces = (await jsonLines('workspace', 'list', '--json')) as { id: string; name: string; createdAt: string }[];
    const { stdout } = await cli('workspace', 'list');
    const width = Math.max(...workspaces.map(({ name }) => name.length));
    expect(stdout).toBe(
      [`ID${' '.repeat(36 - 2)}  NAME${' '.repeat(width - 4)}  CREATED`, ...workspaces.map(({ id, name, createdAt }) => `${id}  ${name.padEnd(width)}  ${createdAt}`), ''].join('\n'),
    );
  });

  it('revokes a key: from then on it gets 401, the others still work', async () => {
    const { stdout } = await cli('apikey', 'revoke', second.apiKeyId);
    expect(stdout).toMatch(/revoked/);
    expect(await status(second.apiKey)).toBe(401);
    expect(await status(first.apiKey)).toBe(200);
    const listed = (await jsonLines('apikey', 'list', '--workspace', first.workspaceId, '--json')) as { id: string; revokedAt: string | null }[];
    expect(listed.find((key) => key.id === second.apiKeyId)?.revokedAt).toEqual(expect.any(String));
  });

  it('says what is wrong with an unknown id or a missing option, and fails', async () => {
    await expect(cli('apikey', 'revoke', 'no-such-key')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('No API key with id "no-such-key"') });
    await expect(cli('apikey', 'list', '--workspace', 'nowhere', '--json')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('No workspace with id "nowhere"') });
    await expect(cli('apikey', 'create', '--json')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("required option '--workspace <workspaceId>'") });
  });

  it('explains itself with --help', async () => {
    const { stdout } = await cli('--help');
    expect(stdout).toMatch(/workspace[\s\S]*apikey/);
    expect((await cli('apikey', '--help')).stdout).toMatch(/create[\s\S]*list[\s\S]*revoke/);
    expect((await cli('workspace', '--help')).stdout).toMatch(/create[\s\S]*list/);
  });

  it('says in one line which database it cannot reach, never its password', async () => {
    const unreachable = 'postgresql://someone:s3cret-pw@127.0.0.1:1/contacts';
    const failure = await npmRun('cli', ['workspace', 'list'], { DATABASE_URL: unreachable }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toBe(
      'error: cannot reach the database at 127.0.0.1:1 (DATABASE_URL): connection refused. Is PostgreSQL running there? If it runs elsewhere, set DATABASE_URL to its address.\n',
    );
  });

  it('says in one line what an invalid variable should be', async () => {
    await expect(npmRun('cli', ['workspace', 'list'], { DATABASE_URL: 'mysql://x' })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^error: DATABASE_URL="mysql:\/\/x" is invalid: set DATABASE_URL to a URL that starts with file:, postgres:\/\/ or postgresql:\/\/, or unset it for the default \(file:\.\/data\/contacts\.db\)\.\n$/),
    });
  });
});

describe('the contacts-api command (the package bin)', () => {
  it('answers --help from the build', async () => {
    const { stdout } = await bin(['--help']);
    expect(stdout).toMatch(/^Usage: contacts-api /);
    expect(stdout).toMatch(/workspace[\s\S]*apikey[\s\S]*migrate[\s\S]*sync/);
  });

  it('runs a command on DATABASE_URL', async () => {
    const created = JSON.parse((await bin(['workspace', 'create', 'From the bin', '--json'], { DATABASE_URL: database.url })).stdout) as { workspaceId: string };
    const { stdout } = await bin(['workspace', 'list', '--json'], { DATABASE_URL: database.url });
    expect(stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown)).toContainEqual({ id: created.workspaceId, name: 'From the bin', createdAt: expect.any(String) });
  });

  it('is declared as the package bin and runs with no TypeScript loader', async () => {
    const { bin: bins, dependencies } = JSON.parse(readFileSync(`${projectRoot}package.json`, 'utf8')) as { bin: Record<string, string>; dependencies: Record<string, string> };
    expect(bins).toEqual({ 'contacts-api': 'bin/contacts-api.js' });
    for (const tool of ['tsx', 'esbuild', 'prisma', 'typescript']) expect(dependencies, tool).not.toHaveProperty(tool);
    // Plain node: no V8 flags in the package's command.
    expect(readFileSync(`${projectRoot}bin/contacts-api.js`, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });
});
