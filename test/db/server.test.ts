/** `npm start` on a fresh database: migrates, serves GraphiQL and GraphQL, and stops cleanly. */
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkspace } from '../../src/workspaces/workspaces.js';
import { openDatabase } from '../../src/db/client.js';
import { createEmptyDatabase } from '../support/database.js';
import { startServer, type ServerProcess } from '../support/processes.js';

describe('npm start', () => {
  let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let server: ServerProcess;
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await database?.remove();
  });

  it('applies migrations and serves on the given port', async () => {
    database = await createEmptyDatabase();
    server = await startServer({ DATABASE_URL: database.url });
    expect(server.logs.some((entry) => entry.msg === 'applied migrations')).toBe(true);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it('serves GraphiQL to a browser on GET /graphql', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/graphiql/i);
  });

  it('answers an upsert over HTTP', async () => {
    const db = await openDatabase(database.url);
    const { apiKey } = await createWorkspace(db.workspaces, 'Over HTTP').finally(() => db.close());
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({
        query: 'mutation { upsertContact(input: { email: "http@example.com", firstName: "Over", lastName: "Http" }) { __typename ... on UpsertContactSuccess { result } } }',
      }),
    });
    expect(await response.json()).toEqual({ data: { upsertContact: { __typename: 'UpsertContactSuccess', result: 'CREATED' } } });
  });

  it('shuts down cleanly on SIGTERM', async () => {
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.logs.some((entry) => entry.msg === 'stopped')).toBe(true);
  });

  // A log collector that dies takes the reading end of the server's stdout with it.
  it('still stops on SIGTERM once nothing reads its logs', { timeout: 20_000 }, async () => {
    const orphan = await startServer({ DATABASE_URL: database.url });
    try {
      orphan.child.stdout!.destroy();
      // /health logs below info: the first line to meet the broken pipe is the shutdown's own.
      expect((await fetch(`${orphan.url}/health`)).status).toBe(200);
      orphan.child.kill('SIGTERM');
      // A server that hung here would be caught by the test's timeout.
      expect(await orphan.exited).toBe(0);
    } finally {
      orphan.child.kill('SIGKILL');
    }
  });
});
