/** The administration CLI, run as users run it (`npm run --silent cli -- …`) on a fresh database. */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { createApp } from '../../src/http/app.js';
import { RequestLogWriter } from '../../src/request-log/writer.js';
import { createEmptyDatabase } from '../support/database.js';
import { npmRun } from '../support/processes.js';

let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
const cli = (...args: string[]) => npmRun('cli', args, { DATABASE_URL: database.url });
const json = async (...args: string[]) => JSON.parse((await cli(...args)).stdout) as unknown;

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

  it('lists the keys without the keys themselves', async () => {
    const { stdout } = await cli('apikey', 'list', '--workspace', first.workspaceId, '--json');
    const time = expect.stringMatching(/^\d{4}-\d\d-\d\dT/);
    expect(JSON.parse(stdout)).toEqual([
      // Both were used above, each by one request.
      { id: first.apiKeyId, prefix: first.apiKey.slice(0, 12), name: null, createdAt: time, lastUsedAt: time, revokedAt: null },
      { id: second.apiKeyId, prefix: second.apiKey.slice(0, 12), name: 'ci', createdAt: time, lastUsedAt: time, revokedAt: null },
    ]);
    for (const key of [first.apiKey, second.apiKey]) expect(stdout).not.toContain(key.slice(12));
  });

  it('revokes a key: from then on it gets 401, the others still work', async () => {
    const { stdout } = await cli('apikey', 'revoke', second.apiKeyId);
    expect(stdout).toMatch(/revoked/);
    expect(await status(second.apiKey)).toBe(401);
    expect(await status(first.apiKey)).toBe(200);
    const listed = (await json('apikey', 'list', '--workspace', first.workspaceId, '--json')) as { id: string; revokedAt: string | null }[];
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
  });
});
