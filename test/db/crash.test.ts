/**
 * Crash safety: a server killed with SIGKILL in the middle of a sync, restarted,
 * and the same sync replayed ends exactly where a clean run ends — no duplicate,
 * no missing contact, and (SQLite) a database that passes its integrity check.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { createEmptyDatabase, testProvider } from '../support/database.js';
import { npmRun, projectRoot, startServer, type ServerProcess } from '../support/processes.js';

const rows = 6_000;
const dir = mkdtempSync(`${tmpdir()}/contacts-crash-`);
const file = `${dir}/contacts.csv`;
writeFileSync(
  file,
  ['trackingId,email,firstName,lastName,note', ...Array.from({ length: rows }, (_, i) => `c-${i},c-${i}@example.com,Crash,"Test ${i}","row ${i}"`)].join('\n'),
);

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function prepare() {
  const database = await createEmptyDatabase();
  cleanups.push(() => database.remove());
  const { apiKey } = JSON.parse((await npmRun('cli', ['workspace', 'create', 'crash', '--json'], { DATABASE_URL: database.url })).stdout) as { apiKey: string };
  return { url: database.url, apiKey };
}

async function serve(url: string) {
  const server = await startServer({ DATABASE_URL: url });
  cleanups.push(async () => server.child.kill('SIGKILL'));
  return server;
}

/** `cli sync` of the file into `server`; resolves with its exit code. */
function runSync(server: ServerProcess, apiKey: string, extra: string[] = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'sync', file, '--url', `${server.url}/graphql`, '--json', '--batch-size', '200', ...extra], {
    cwd: projectRoot,
    env: { ...process.env, CONTACTS_API_KEY: apiKey },
    stdio: 'ignore',
  });
  return new Promise<number | null>((resolve) => child.on('exit', resolve));
}

/** Resolves once `server` has logged `count` GraphQL answers of 200: batches it has committed. */
function answered(server: ServerProcess, count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    createInterface({ input: server.child.stdout! }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      if (entry.msg === 'request' && entry.path === '/graphql' && entry.status === 200 && ++seen === count) resolve();
    });
  });
}

const snapshot = (db: Database) =>
  db.models.contact.findMany({ select: { trackingId: true, email: true, firstName: true, lastName: true, note: true }, orderBy: { trackingId: 'asc' } });

describe('a server killed in the middle of a sync', () => {
  it('ends, after a restart and a replay, exactly as a clean run does', async () => {
    const clean = await prepare();
    const cleanServer = await serve(clean.url);
    expect(await runSync(cleanServer, clean.apiKey)).toBe(0);
    cleanServer.child.kill('SIGTERM');
    await cleanServer.exited;

    const crashed = await prepare();
    const victim = await serve(crashed.url);
    const db = await openDatabase(crashed.url);
    cleanups.push(() => db.close());
    // Kill it once a quarter of the file's batches (of 200) have landed, in the middle of the stream of writes.
    const quarterLanded = answered(victim, Math.ceil(rows / 4 / 200));
    const interrupted = runSync(victim, crashed.apiKey, ['--max-attempts', '2', '--retry-delay-ms', '10']);
    await quarterLanded;
    victim.child.kill('SIGKILL');
    await victim.exited;
    expect(await interrupted).not.toBe(0);
    const landed = await db.models.contact.count();
    expect(landed).toBeGreaterThan(0);
    expect(landed).toBeLessThan(rows);

    const restarted = await serve(crashed.url);
    expect(await runSync(restarted, crashed.apiKey)).toBe(0);

    const cleanDb = await openDatabase(clean.url);
    cleanups.push(() => cleanDb.close());
    const expected = await snapshot(cleanDb);
    expect(expected).toHaveLength(rows);
    expect(await snapshot(db)).toEqual(expected);
    if (testProvider === 'sqlite') {
      expect(await db.models.$queryRawUnsafe('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    }
  });
});
