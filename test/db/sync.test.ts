/** The sync command against a real server: CSV and NDJSON, bad rows, retries, re-runs, ordering. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { createEmptyDatabase } from '../support/database.js';
import { FlakyProxy } from '../support/flaky-proxy.js';
import { npmRun, startServer, type ServerProcess } from '../support/processes.js';

let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
let server: ServerProcess;
let db: Database;
let apiKey: string;
let dir: string;

beforeAll(async () => {
  database = await createEmptyDatabase();
  ({ apiKey } = JSON.parse((await npmRun('cli', ['workspace', 'create', 'sync', '--json'], { DATABASE_URL: database.url })).stdout) as { apiKey: string });
  server = await startServer({ DATABASE_URL: database.url });
  db = await openDatabase(database.url);
  dir = mkdtempSync(`${tmpdir()}/contacts-sync-`);
});
afterAll(async () => {
  server?.child.kill('SIGKILL');
  await db?.close();
  await database?.remove();
  rmSync(dir, { recursive: true, force: true });
});

interface Summary {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  rejectedFile: string | null;
}

/** Runs `cli sync` as a user would; resolves with its exit code, JSON summary and stderr. */
async function sync(file: string, args: string[] = [], url = `${server.url}/graphql`) {
  try {
    const { stdout, stderr } = await npmRun('cli', ['sync', file, '--url', url, '--json', ...args], { CONTACTS_API_KEY: apiKey });
    return { code: 0, summary: JSON.parse(stdout) as Summary, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, summary: stdout.trim() ? (JSON.parse(stdout) as Summary) : undefined, stderr };
  }
}

const write = (name: string, content: string) => {
  const path = `${dir}/${name}`;
  writeFileSync(path, content);
  return path;
};

const csv = [
  '\uFEFFTracking ID,E-Mail,first_name,Last Name,Company,Notes,Favourite Colour',
  'crm-1,ada@example.com,Ada,Lovelace,"Analytical Engines, Ltd.","first line',
  'second line",blue',
  'crm-2,grace@example.com,Grace,Hopper,,,green',
  'crm-3,not-an-email,Alan,Turing,,,red',
  'crm-4,katherine@example.com,Katherine,Johnson,NASA,,too,many,columns',
  'crm-5,"mary@example.com",Mary,Jackson,"NASA ""Langley""",,',
].join('\r\n');
const mapping = ['--map', 'Tracking ID=trackingId', '--map', 'Notes=note'];

describe('cli sync', () => {
  it('streams a CSV file: BOM, quotes, embedded newlines, mapped headers, bad rows reported', async () => {
    const file = write('contacts.csv', csv);
    const { code, summary, stderr } = await sync(file, mapping);
    expect(code).toBe(1);
    expect(summary).toMatchObject({ rows: 5, created: 3, updated: 0, unchanged: 0, failed: 2 });
    expect(stderr).not.toMatch(/Colour/); // --json keeps stderr quiet
    const ada = await db.models.contact.findFirstOrThrow({ where: { trackingId: 'crm-1' } });
    // The file's line breaks are CRLF, inside the quoted note too.
    expect(ada).toMatchObject({ email: 'ada@example.com', company: 'Analytical Engines, Ltd.', note: 'first line\r\nsecond line' });
    expect((await db.models.contact.findFirstOrThrow({ where: { trackingId: 'crm-5' } })).company).toBe('NASA "Langley"');

    const rejected = readFileSync(summary!.rejectedFile!, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { line: number; errors: { field: string | null; code: string }[] });
    expect(summary!.rejectedFile).toBe(`${dir}/contacts.rejected.ndjson`);
    expect(rejected.map((r) => r.errors[0])).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'email', code: 'INVALID' }), expect.objectContaining({ field: null, code: 'MALFORMED' })]),
    );
    expect(rejected.map((r) => r.line).sort()).toEqual([5, 6]);
  });

  it('reports everything unchanged when the same file is synced again', async () => {
    const { summary } = await sync(`${dir}/contacts.csv`, mapping);
    expect(summary).toMatchObject({ rows: 5, created: 0, updated: 0, unchanged: 3, failed: 2 });
  });

  it('reads NDJSON, updates what changed, and exits 0 without a rejected file when all rows pass', async () => {
    const file = write(
      'changes.ndjson',
      [
        JSON.stringify({ trackingId: 'crm-1', title: 'Countess' }),
        '',
        JSON.stringify({ trackingId: 'crm-2', firstName: 'Grace' }),
        JSON.stringify({ email: 'NEW@example.com', firstName: 'New', lastName: 'Person', shoeSize: '42' }),
      ].join('\n'),
    );
    const { code, summary } = await sync(file);
    expect(code).toBe(0);
    expect(summary).toMatchObject({ rows: 3, created: 1, updated: 1, unchanged: 1, failed: 0, rejectedFile: null });
    expect(existsSync(`${dir}/changes.rejected.ndjson`)).toBe(false);
  });

  it('retries 503s, 429s and dropped connections, and still applies every row once', async () => {
    const proxy = new FlakyProxy(server.url, { failEvery: 2, kinds: ['503', '429', 'drop'] });
    const url = `${await proxy.start()}/graphql`;
    const rows = Array.from({ length: 60 }, (_, i) => JSON.stringify({ trackingId: `retry-${i}`, email: `retry-${i}@example.com`, firstName: 'Re', lastName: `Try ${i}` }));
    const file = write('retry.ndjson', rows.join('\n'));
    const { code, summary } = await sync(file, ['--batch-size', '10', '--retry-delay-ms', '5', '--max-attempts', '10'], url);
    await proxy.close();
    expect(code).toBe(0);
    expect(summary).toMatchObject({ rows: 60, created: 60, failed: 0 });
    expect(new Set(proxy.failures)).toEqual(new Set(['503', '429', 'drop']));
    expect(await db.models.contact.count({ where: { trackingId: { startsWith: 'retry-' } } })).toBe(60);
  });

  it('applies the rows of one contact in file order, even across batches in flight', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => JSON.stringify({ trackingId: 'ordered', email: 'ordered@example.com', firstName: 'Version', lastName: `${i}` }));
    const file = write('ordered.ndjson', rows.join('\n'));
    const { code } = await sync(file, ['--batch-size', '1', '--concurrency', '8']);
    expect(code).toBe(0);
    expect((await db.models.contact.findFirstOrThrow({ where: { trackingId: 'ordered' } })).lastName).toBe('39');
  });

  it('leaves the administration CLI usable on the same database while the server runs', async () => {
    const { stdout } = await npmRun('cli', ['workspace', 'create', 'beside', '--json'], { DATABASE_URL: database.url });
    expect(JSON.parse(stdout)).toMatchObject({ workspaceId: expect.any(String), apiKey: expect.stringMatching(/^cak_/) });
  });

  it('stops with exit code 2 when the API key is refused', async () => {
    const file = write('one.ndjson', JSON.stringify({ email: 'x@example.com', firstName: 'X', lastName: 'Y' }));
    try {
      await npmRun('cli', ['sync', file, '--url', `${server.url}/graphql`, '--api-key', 'ck_wrong'], {});
      expect.unreachable('the sync should fail');
    } catch (error) {
      const { code, stderr } = error as { code: number; stderr: string };
      expect(code).toBe(2);
      expect(stderr).toMatch(/API key was refused/);
    }
  });
});
