/** API keys at the door: who gets in, what a refusal looks like, and that a key is never kept or shown again. */
import { describe, expect, it } from 'vitest';
import { createApiKey, listApiKeys, revokeApiKey } from '../../src/workspaces/api-keys.js';
import { graphql } from '../graphql/index.js';
import { useTestApp } from '../support/app.js';

let keyLookups = 0;
const t = useTestApp({
  database: {
    onQuery: (sql) => {
      if (/FROM "ApiKey" WHERE "hash"/.test(sql)) keyLookups++;
    },
  },
});

const Ping = graphql(`
  query Ping {
    recentRequests(first: 1) {
      id
    }
  }
`);

const restRefusal = {
  error: 'unauthorized',
  message: 'A valid API key is required: send it as "Authorization: Bearer <key>".',
};
const restBody = JSON.stringify({ email: 'door@example.com', firstName: 'A', lastName: 'B' });

/** Each refuses in its own transport's shape: GraphQL errors, or the REST route's error object. */
const protectedRoutes = [
  {
    path: '/graphql',
    body: JSON.stringify({ query: '{ recentRequests { id } }' }),
    refusal: {
      errors: [
        {
          message: 'A valid API key is required: send it as "Authorization: Bearer <key>" (in GraphiQL, in the Headers tab).',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    },
  },
  { path: '/api/v1/idm/contacts/upsert', body: restBody, refusal: restRefusal },
  { path: '/api/v1/idm//contacts/upsert', body: restBody, refusal: restRefusal },
];

/** A request straight to the app, with exactly the given Authorization header (or none). */
function send(path: string, body: string, authorization?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization !== undefined) headers.authorization = authorization;
  return t.app.request(path, { method: 'POST', headers, body });
}

describe('authentication', () => {
  it('lets a valid key through on every protected route', async () => {
    for (const { path, body } of protectedRoutes) {
      expect((await send(path, body, `Bearer ${t.apiKey}`)).status, path).toBe(200);
    }
  });

  it('answers a missing, malformed, unknown or revoked key with the same 401', async () => {
    const revoked = await createApiKey(t.db.workspaces, t.workspaceId);
    await revokeApiKey(t.db.workspaces, revoked.apiKeyId);
    const unknown = `cak_${'A'.repeat(43)}`;
    const refusals = [undefined, '', 'Bearer', `Basic ${t.apiKey}`, t.apiKey, `Bearer ${unknown}`, `Bearer ${revoked.apiKey}`, `Bearer ${t.apiKey}x`];
    for (const { path, body, refusal } of protectedRoutes) {
      for (const authorization of refusals) {
        const response = await send(path, body, authorization);
        expect(response.status, `${path} with ${authorization}`).toBe(401);
        expect(response.headers.get('www-authenticate')).toBe('Bearer');
        expect(response.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
        expect(await response.json()).toEqual(refusal);
      }
    }
  });

  it('refuses a key from the moment it is revoked', async () => {
    const key = await createApiKey(t.db.workspaces, t.workspaceId);
    expect((await send('/graphql', protectedRoutes[0]!.body, `Bearer ${key.apiKey}`)).status).toBe(200);
    await revokeApiKey(t.db.workspaces, key.apiKeyId);
    expect((await send('/graphql', protectedRoutes[0]!.body, `Bearer ${key.apiKey}`)).status).toBe(401);
  });

  it('shares key lookups among requests that arrive together, and answers each of them', async () => {
    const key = await createApiKey(t.db.workspaces, t.workspaceId);
    keyLookups = 0;
    const statuses = await Promise.all(Array.from({ length: 20 }, async () => (await send('/graphql', protectedRoutes[0]!.body, `Bearer ${key.apiKey}`)).status));
    expect(statuses).toEqual(Array(20).fill(200));
    expect(keyLookups).toBeGreaterThan(0);
    expect(keyLookups).toBeLessThan(statuses.length / 2);
  });

  it('serves the GraphiQL page without a key, but no GraphQL over GET', async () => {
    const page = await t.app.request('/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/graphiql/i);
    const query = await t.app.request(`/graphql?query=${encodeURIComponent('{ recentRequests { id } }')}`, {
      headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' },
    });
    expect(query.status).toBe(401);
    expect(await query.json()).toEqual(protectedRoutes[0]!.refusal);
  });

  it('accepts the key on GraphQL over GET', async () => {
    // A GET is a request a cross-site page could make: it needs the CSRF header as well.
    const response = await t.request(`/graphql?query=${encodeURIComponent('{ recentRequests(first: 1) { id } }')}`, {
      headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { recentRequests: expect.any(Array) } });
  });
});

describe('keys at rest', () => {
  it('stores only a hash and a short prefix: no table holds the key', async () => {
    await t.run(Ping, {});
    await t.requestLog.flush();
    const secretPart = t.apiKey.slice(12);
    const tables =
      t.db.provider === 'sqlite'
        ? await t.db.models.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table'`)
        : await t.db.models.$queryRawUnsafe<{ name: string }[]>(
            `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`,
          );
    expect(tables.map(({ name }) => name)).toEqual(expect.arrayContaining(['ApiKey', 'RequestLog', 'Contact']));
    for (const { name } of tables) {
      const rows = await t.db.models.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${name}"`);
      expect(JSON.stringify(rows, (_key, value) => (typeof value === 'bigint' ? String(value) : value)), name).not.toContain(secretPart);
    }
    const [stored] = await t.db.models.apiKey.findMany({ where: { id: t.apiKeyId } });
    expect(stored).toMatchObject({ prefix: t.apiKey.slice(0, 12), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('is listed without the key', async () => {
    const listed = await listApiKeys(t.db.workspaces, t.workspaceId);
    expect(listed.find((key) => key.id === t.apiKeyId)).toEqual({
      id: t.apiKeyId,
      prefix: t.apiKey.slice(0, 12),
      name: null,
      createdAt: expect.any(Date),
      lastUsedAt: expect.any(Date),
      revokedAt: null,
    });
    expect(JSON.stringify(listed)).not.toContain(t.apiKey.slice(12));
  });

  it('looks random and recognisable', async () => {
    const keys = await Promise.all(Array.from({ length: 20 }, () => createApiKey(t.db.workspaces, t.workspaceId)));
    for (const { apiKey } of keys) expect(apiKey).toMatch(/^cak_[A-Za-z0-9_-]{43}$/);
    expect(new Set(keys.map(({ apiKey }) => apiKey)).size).toBe(keys.length);
  });
});
