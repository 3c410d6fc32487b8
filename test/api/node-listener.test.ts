/** The app as Node serves it: over a socket, through @hono/node-server's request listener. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, expect, it } from 'vitest';
import { createWorkspace } from '../../src/workspaces/workspaces.js';
import { createApp } from '../../src/http/app.js';
import { getRequestListener } from '@hono/node-server';
import { RequestLogWriter } from '../../src/request-log/writer.js';
import { createTestDatabase } from '../support/database.js';

const database = await createTestDatabase();
const logger = pino({ level: 'silent' });
const requestLog = new RequestLogWriter(database.db, logger);
afterAll(async () => {
  await requestLog.flush();
  await database.drop();
});

it('answers GraphQL over a socket', async () => {
  const { apiKey } = await createWorkspace(database.db.workspaces, 'Node');
  const app = createApp({ db: database.db, logger, requestLog });
  const server = createServer(getRequestListener(app.fetch)).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({
        query: 'mutation($input: UpsertContactInput!) { upsertContact(input: $input) { ... on UpsertContactSuccess { result } } }',
        variables: { input: { trackingId: 'node-1', email: 'node-1@example.com', firstName: 'No', lastName: 'De' } },
      }),
    };
    const overSocket = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, init);
    expect(overSocket.status).toBe(200);
    expect(overSocket.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(overSocket.headers.get('content-type')).toMatch(/^application\/graphql-response\+json|^application\/json/);
    expect(await overSocket.json()).toEqual({ data: { upsertContact: { result: 'CREATED' } } });
    const again = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, init);
    expect(await again.json()).toEqual({ data: { upsertContact: { result: 'UPDATED' } } });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
