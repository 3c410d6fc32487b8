/**
 * `npm start` on an empty database: an embedded one gets a first workspace whose
 * key is printed once; a server database gets none. Keys never reach the logs,
 * and a clean shutdown writes the request log it still holds.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { createWorkspace } from '../../src/workspaces/workspaces.js';
import { createEmptyDatabase, testProvider } from '../support/database.js';
import { startServer, type ServerProcess } from '../support/processes.js';

const keyPattern = /cak_[A-Za-z0-9_-]{43}/g;
/** Lines the server printed as plain text rather than as a JSON log entry. */
const printed = (server: ServerProcess) => server.logs.flatMap((entry) => (typeof entry.raw === 'string' ? [entry.raw] : []));
const jsonLogs = (server: ServerProcess) => server.logs.filter((entry) => entry.raw === undefined);

describe('npm start on an empty database', () => {
  let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
  const servers: ServerProcess[] = [];
  const start = async () => {
    // debug: the most a production log could hold about a request.
    const server = await startServer({ DATABASE_URL: database.url, LOG_LEVEL: 'debug' });
    servers.push(server);
    return server;
  };
  afterAll(async () => {
    for (const server of servers) server.child.kill('SIGKILL');
    await database?.remove();
  });

  it.runIf(testProvider === 'sqlite')('prints a first key once, with how to use it in GraphiQL, and the key works', async () => {
    database = await createEmptyDatabase();
    const server = await start();
    const keys = new Set(printed(server).join('\n').match(keyPattern));
    expect(keys.size).toBe(1);
    const [apiKey] = keys as Set<string>;
    expect(printed(server)).toContainEqual(expect.stringContaining(JSON.stringify({ Authorization: `Bearer ${apiKey}` })));

    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}`, 'user-agent': 'first-run-test' },
      body: JSON.stringify({ query: 'query FirstLook { recentRequests { id } }' }),
    });
    expect(response.status).toBe(200);
    await fetch(`${server.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}x` }, body: '{}' });

    // Shutting down at once: only the shutdown's flush can have written the request.
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const db = await openDatabase(database.url);
    const logged = await db.models.requestLog.findMany().finally(() => db.close());
    expect(logged).toEqual([expect.objectContaining({ operationName: 'FirstLook', status: 200, userAgent: 'first-run-test' })]);

    expect(JSON.stringify(jsonLogs(server))).not.toContain(apiKey!.slice(12));
    expect(jsonLogs(server)).toContainEqual(expect.objectContaining({ msg: 'created a first workspace and API key' }));
  });

  it.runIf(testProvider === 'sqlite')('prints no key on later starts', async () => {
    const server = await start();
    expect(printed(server).join('\n')).not.toMatch(keyPattern);
  });

  it.runIf(testProvider === 'postgresql')('creates no workspace on a server database, and prints the command that creates one', async () => {
    database = await createEmptyDatabase();
    const server = await start();
    expect(printed(server).join('\n')).not.toMatch(keyPattern);
    expect(printed(server)).toContain('No workspace yet. Create one with: npx contacts-api workspace create "My workspace"');
    const db = await openDatabase(database.url);
    expect(await db.models.workspace.count().finally(() => db.close())).toBe(0);
  });

  it.runIf(testProvider === 'postgresql')('prints no such hint once a workspace exists', async () => {
    const db = await openDatabase(database.url);
    await createWorkspace(db.workspaces, 'Exists').finally(() => db.close());
    const server = await start();
    expect(printed(server).join('\n')).not.toContain('No workspace yet');
  });
});
