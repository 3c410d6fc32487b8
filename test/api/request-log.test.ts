/** The request log: what it records, who sees it, how much it keeps, and keys' lastUsedAt. */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { RequestLogWriter, type RequestLogEntry } from '../../src/request-log/writer.js';
import { graphql } from '../graphql/index.js';
import { useTestApp } from '../support/app.js';
import { testProvider } from '../support/database.js';
import { ContactById } from '../support/documents.js';

const t = useTestApp();

const RecentRequests = graphql(`
  query RecentRequests($first: Int) {
    recentRequests(first: $first) {
      id
      time
      method
      path
      operationName
      status
      userAgent
      durationMs
    }
  }
`);

async function recent(first?: number) {
  await t.requestLog.flush();
  return (await t.run(RecentRequests, { first })).recentRequests;
}

describe('recentRequests', () => {
  it('records GraphQL and REST requests with status, user agent and operation, newest first', async () => {
    const before = Date.now();
    await t.run(ContactById, { id: 'none' });
    await t.request('/api/v1/idm/contacts/upsert', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'crm-sync/2.1' },
      body: JSON.stringify({ email: 'not an email', firstName: 'A', lastName: 'B' }),
    });
    await t.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', 'user-agent': 'broken-client' },
      body: JSON.stringify({ query: '{ nope' }),
    });
    const [broken, rest, graphqlQuery] = await recent(3);
    expect(graphqlQuery).toMatchObject({ method: 'POST', path: '/graphql', operationName: 'ContactById', status: 200 });
    expect(rest).toMatchObject({
      method: 'POST',
      path: '/api/v1/idm/contacts/upsert',
      operationName: null,
      status: 400,
      userAgent: 'crm-sync/2.1',
    });
    expect(broken).toMatchObject({ path: '/graphql', operationName: null, status: 400, userAgent: 'broken-client' });
    for (const entry of [broken!, rest!, graphqlQuery!]) {
      expect(Date.parse(entry.time)).toBeGreaterThanOrEqual(before - 1000);
      expect(entry.durationMs).toBeGreaterThan(0);
    }
  });

  it('records nothing for requests without a valid key', async () => {
    const count = () => t.db.models.requestLog.count();
    await t.requestLog.flush();
    const before = await count();
    const json = { 'content-type': 'application/json', authorization: 'Bearer cak_nope' };
    const statuses = [
      await t.app.request('/graphql', { method: 'POST', body: '{}', headers: json }),
      await t.app.request('/graphql', { method: 'POST', body: JSON.stringify({ query: 'mutation { __typename }' }), headers: json }),
      // Introspection is answered without a key, and still belongs to no workspace.
      await t.app.request('/graphql', { method: 'POST', body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }), headers: json }),
      await t.app.request('/api/v1/idm/contacts/upsert', { method: 'POST', body: '{}', headers: json }),
    ].map(({ status }) => status);
    expect(statuses).toEqual([401, 401, 200, 401]);
    await t.requestLog.flush();
    expect(await count()).toBe(before);
  });

  it('shows 20 entries unless asked, at most 100, and refuses more', async () => {
    for (let i = 0; i < 25; i++) await t.run(ContactById, { id: `n${i}` });
    expect(await recent()).toHaveLength(20);
    expect(await recent(0)).toEqual([]);
    for (const first of [101, -1]) {
      const result = await t.execute(RecentRequests, { first });
      expect(result.errors?.[0]).toMatchObject({
        message: 'first must be between 0 and 100',
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    const hundred = await recent(100);
    expect(hundred.length).toBeGreaterThan(25);
    expect(hundred.map((entry) => entry.time)).toEqual(hundred.map((entry) => entry.time).sort().reverse());
  });

  it("never shows another workspace's requests", async () => {
    const other = await t.addWorkspace('Other');
    await other.run(ContactById, { id: 'other' });
    await t.requestLog.flush();
    const mine = await recent(100);
    const theirs = (await other.run(RecentRequests, { first: 100 })).recentRequests;
    // Their view: their one query, then the one listing it (recorded once it was answered).
    expect(theirs.map((entry) => entry.operationName)).toEqual(['ContactById']);
    expect(mine.map((entry) => entry.id)).not.toContain(theirs[0]!.id);
  });
});

describe('the writer', () => {
  const logger = pino({ level: 'silent' });
  const entry = (workspaceId: string, apiKeyId: string, second: number): RequestLogEntry => ({
    workspaceId,
    apiKeyId,
    time: new Date(Date.UTC(2030, 0, 1, 0, 0, second)),
    method: 'POST',
    path: '/graphql',
    operationName: `Op${second}`,
    status: 200,
    userAgent: null,
    durationMs: 1.5,
  });

  it("keeps only each workspace's newest entries", async () => {
    const [a, b] = [await t.addWorkspace('A'), await t.addWorkspace('B')];
    const writer = new RequestLogWriter(t.db, logger, { keptPerWorkspace: 3 });
    for (let second = 0; second < 5; second++) writer.record(entry(a.workspaceId, a.apiKeyId, second));
    await writer.flush();
    writer.record(entry(a.workspaceId, a.apiKeyId, 5));
    writer.record(entry(b.workspaceId, b.apiKeyId, 0));
    await writer.flush();
    const kept = (workspaceId: string) =>
      t.db.models.requestLog.findMany({ where: { workspaceId }, orderBy: { time: 'asc' }, select: { operationName: true } });
    expect(await kept(a.workspaceId)).toEqual([{ operationName: 'Op3' }, { operationName: 'Op4' }, { operationName: 'Op5' }]);
    expect(await kept(b.workspaceId)).toEqual([{ operationName: 'Op0' }]);
  });

  it('writes on its own once the interval has passed or the batch is full', async () => {
    const c = await t.addWorkspace('C');
    const count = () => t.db.models.requestLog.count({ where: { workspaceId: c.workspaceId } });
    const timed = new RequestLogWriter(t.db, logger, { flushIntervalMs: 50 });
    timed.record(entry(c.workspaceId, c.apiKeyId, 0));
    await expect.poll(count).toBe(1);
    const batched = new RequestLogWriter(t.db, logger, { flushIntervalMs: 3_600_000, batchSize: 2 });
    batched.record(entry(c.workspaceId, c.apiKeyId, 1));
    batched.record(entry(c.workspaceId, c.apiKeyId, 2));
    await expect.poll(count).toBe(3);
  });

  it("updates a key's lastUsedAt at most once per interval", async () => {
    const d = await t.addWorkspace('D');
    const lastUsedAt = async () => (await t.db.models.apiKey.findUniqueOrThrow({ where: { id: d.apiKeyId } })).lastUsedAt;
    const writer = new RequestLogWriter(t.db, logger, { lastUsedIntervalMs: 60_000 });
    writer.record(entry(d.workspaceId, d.apiKeyId, 0));
    await writer.flush();
    expect(await lastUsedAt()).toEqual(entry(d.workspaceId, d.apiKeyId, 0).time);
    writer.record(entry(d.workspaceId, d.apiKeyId, 30));
    await writer.flush();
    expect(await lastUsedAt()).toEqual(entry(d.workspaceId, d.apiKeyId, 0).time);
    writer.record(entry(d.workspaceId, d.apiKeyId, 61));
    await writer.flush();
    expect(await lastUsedAt()).toEqual(entry(d.workspaceId, d.apiKeyId, 61).time);
  });

  // On SQLite a statement holds the event loop while it runs: a whole batch in one would hold every request.
  it('writes a batch a few entries at a time, with the event loop free in between', async () => {
    const e = await t.addWorkspace('E');
    // Counts the turns of the event loop while the batch is written, and notes the count at each insert.
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const inserts: { rows: number; turn: number }[] = [];
    const requestLog = {
      insert: (rows: Parameters<typeof t.db.requestLog.insert>[0]) => {
        inserts.push({ rows: rows.length, turn: turns });
        return t.db.requestLog.insert(rows);
      },
      prune: t.db.requestLog.prune,
    };
    const writer = new RequestLogWriter({ requestLog, workspaces: t.db.workspaces }, logger, { rowsPerStatement: 50 });
    for (let second = 0; second < 120; second++) writer.record(entry(e.workspaceId, e.apiKeyId, second));
    await writer.flush();
    ticking = false;
    expect(inserts.map(({ rows }) => rows)).toEqual([50, 50, 20]);
    // Each insert began on a later turn than the one before it.
    expect(inserts[1]!.turn).toBeGreaterThan(inserts[0]!.turn);
    expect(inserts[2]!.turn).toBeGreaterThan(inserts[1]!.turn);
    expect(await t.db.models.requestLog.count({ where: { workspaceId: e.workspaceId } })).toBe(120);
  });
});
