/**
 * Another process writing to the same SQLite file: a short lock is waited out,
 * a lock held past the busy timeout is a masked, retryable 503 that writes
 * nothing, and the server keeps working afterwards.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlitePath } from '../../src/db/provider.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { testProvider } from '../support/database.js';

const busyTimeoutMs = 1000;

/**
 * Another process takes the write lock (and writes), then commits when told to
 * (`release`) or, given `ms`, after that long: a brief lock is one that ends by
 * itself, because a server waiting for SQLite's lock holds its event loop.
 */
async function holdWriteLock(url: string, ms?: number): Promise<{ release(): void; released: Promise<void> }> {
  const script = `
    const db = require('better-sqlite3')(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    db.exec("UPDATE \\"Workspace\\" SET name = name || ''");
    console.log('locked');
    const release = () => { db.exec('COMMIT'); db.close(); process.exit(0); };
    process.stdin.once('data', release).once('end', release);
    if (process.argv[2]) setTimeout(release, Number(process.argv[2]));
  `;
  const child = spawn(process.execPath, ['-e', script, sqlitePath(url), ...(ms === undefined ? [] : [String(ms)])], { stdio: ['pipe', 'pipe', 'inherit'] });
  const released = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  return { release: () => child.stdin!.end('release\n'), released };
}

describe.runIf(testProvider === 'sqlite')('SQLite lock contention', () => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await startTestApp({ database: { busyTimeoutMs } });
  });
  afterAll(() => t?.drop());

  const upsert = () =>
    t.request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: UpsertContactInput!) { upsertContact(input: $input) { __typename } }',
        variables: { input: { trackingId: `lock-${++n}`, email: `lock-${n}@example.com`, firstName: 'Lock', lastName: 'Ed' } },
      }),
    });

  it('waits out a lock held briefly by another process, and succeeds', async () => {
    const lock = await holdWriteLock(t.url, busyTimeoutMs / 4);
    const response = await upsert();
    expect(await response.json()).toEqual({ data: { upsertContact: { __typename: 'UpsertContactSuccess' } } });
    await lock.released;
  });

  it('answers a masked, retryable 503 when the lock outlasts the busy timeout, writing nothing', async () => {
    const before = await t.db.models.contact.count();
    const lock = await holdWriteLock(t.url);
    const response = await upsert();
    lock.release();
    expect(response.status).toBe(503);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
    expect(JSON.stringify(body)).not.toMatch(/sqlite|busy|locked/i);
    await lock.released;
    expect(await t.db.models.contact.count()).toBe(before);
  });

  it('keeps working once the lock is gone', async () => {
    const response = await upsert();
    expect(await response.json()).toEqual({ data: { upsertContact: { __typename: 'UpsertContactSuccess' } } });
  });
});

describe.runIf(testProvider === 'sqlite')('the request timeout', () => {
  it('answers 504 when a request outlasts it (here: waiting for a lock)', async () => {
    const t = await startTestApp({ database: { busyTimeoutMs: 5000 }, limits: { requestTimeoutMs: 300 } });
    try {
      const lock = await holdWriteLock(t.url, 1500);
      let released = false;
      void lock.released.then(() => (released = true));
      const response = await t.request('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation { upsertContact(input: { email: "late@example.com", firstName: "La", lastName: "Te" }) { __typename } }' }),
      });
      expect(response.status).toBe(504);
      // Answered while the lock was still held: the timeout, not the lock's end, ended the request.
      expect(released).toBe(false);
      await lock.released;
    } finally {
      await t.drop();
    }
  });
});
