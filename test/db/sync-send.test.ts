/**
 * The sending side of `cli sync` against a real server: the dry run, failing
 * fast, the TAKEN advice, --resume after a SIGKILL, the --json summary in every
 * outcome, per-contact order across both keys, and connections that never answer.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { CountingProxy } from '../support/counting-proxy.js';
import { createEmptyDatabase } from '../support/database.js';
import { FlakyProxy } from '../support/flaky-proxy.js';
import { npmRun, projectRoot, startServer, type ServerProcess } from '../support/processes.js';

let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
let server: ServerProcess;
let db: Database;
let workspace: { workspaceId: string; apiKey: string };
let dir: string;

const createWorkspace = async (name: string) =>
  JSON.parse((await npmRun('cli', ['workspace', 'create', name, '--json'], { DATABASE_URL: database.url })).stdout) as { workspaceId: string; apiKey: string };

beforeAll(async () => {
  database = await createEmptyDatabase();
  workspace = await createWorkspace('sending');
  server = await startServer({ DATABASE_URL: database.url });
  db = await openDatabase(database.url);
  dir = mkdtempSync(`${tmpdir()}/contacts-sync-send-`);
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
  dryRun: boolean;
  resumedRows: number;
  error?: string;
}

/** Runs `cli sync --json` as a user would; resolves with its exit code, the last line of stdout as the summary, and stderr. */
async function sync(file: string, args: string[] = [], { url = `${server.url}/graphql`, apiKey = workspace.apiKey } = {}) {
  let result: { code: number; stdout: string; stderr: string };
  try {
    result = { code: 0, ...(await npmRun('cli', ['sync', file, '--url', url, '--json', ...args], { CONTACTS_API_KEY: apiKey })) };
  } catch (error) {
    result = error as { code: number; stdout: string; stderr: string };
  }
  const last = result.stdout.trim().split('\n').at(-1);
  return { code: result.code, summary: (last ? JSON.parse(last) : undefined) as Summary, stderr: result.stderr };
}

const write = (name: string, content: string) => {
  const path = `${dir}/${name}`;
  writeFileSync(path, content);
  return path;
};
const ndjson = (rows: object[]) => rows.map((row) => JSON.stringify(row)).join('\n');
const contactsOf = (workspaceId: string) =>
  db.models.contact.findMany({ where: { workspaceId }, orderBy: [{ trackingId: 'asc' }, { emailKey: 'asc' }] });
/** A contact's values, without what differs between two runs that write the same: ids and times. */
const valuesOf = (contacts: Awaited<ReturnType<typeof contactsOf>>) => contacts.map(({ id: _i, workspaceId: _w, createdAt: _c, updatedAt: _u, ...values }) => values);

describe('--dry-run', () => {
  it('reports what the real sync then does, with the same rejects, and writes nothing', async () => {
    await sync(write('dry-seed.ndjson', ndjson([
      { trackingId: 'dry-1', email: 'dry-1@example.com', firstName: 'Ada', lastName: 'Lovelace' },
      { trackingId: 'dry-2', email: 'dry-2@example.com', firstName: 'Grace', lastName: 'Hopper' },
    ])));
    const file = write('dry.csv', [
      'trackingId,email,firstName,lastName,city',
      'dry-1,dry-1@example.com,Ada,Lovelace,London', // would update
      'dry-2,dry-2@example.com,Grace,Hopper,', // unchanged: an empty city clears what is already empty
      'dry-3,dry-3@example.com,Alan,Turing,Wilmslow', // would create
      'dry-4,not-an-email,Bad,Row,', // would fail
      'dry-3,,Alan,Turing,Manchester', // would update what the row before would create
      'dry-5,DRY-1@example.com,Taken,Email,', // would fail: TAKEN
    ].join('\n'));
    const before = await contactsOf(workspace.workspaceId);

    const dry = await sync(file, ['--dry-run']);
    expect(dry.code).toBe(1);
    expect(dry.summary).toMatchObject({ rows: 6, created: 1, updated: 2, unchanged: 1, failed: 2, dryRun: true, rejectedFile: `${dir}/dry.rejected.ndjson` });
    expect(await contactsOf(workspace.workspaceId)).toEqual(before);
    expect(existsSync(`${file}.sync-checkpoint`)).toBe(false);
    const dryRejects = readFileSync(dry.summary.rejectedFile!, 'utf8');

    const real = await sync(file);
    expect(real.code).toBe(1);
    const { dryRun: _d, ...counts } = dry.summary;
    expect(real.summary).toMatchObject({ ...counts, seconds: expect.any(Number), dryRun: false });
    expect(sortedLines(readFileSync(real.summary.rejectedFile!, 'utf8'))).toEqual(sortedLines(dryRejects));
    expect((await db.models.contact.findFirstOrThrow({ where: { trackingId: 'dry-3' } })).city).toBe('Manchester');
  });
});

const sortedLines = (text: string) => text.trim().split('\n').sort();

describe('failing fast', () => {
  const one = () => write('one.ndjson', ndjson([{ email: 'fast@example.com', firstName: 'F', lastName: 'Ast' }]));

  /** Runs the sync through a counting proxy in front of `target`: one request, no retry. */
  async function stopsAtOnce(target: string, path: string, apiKey?: string) {
    const proxy = new CountingProxy(target);
    const url = `${await proxy.start()}${path}`;
    const result = await sync(one(), ['--retry-delay-ms', '1'], { url, apiKey });
    await proxy.close();
    expect(result.code).toBe(2);
    expect(proxy.requests).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.summary.error).toEqual(expect.any(String));
    return result;
  }

  it('stops on a 404 with one sentence about --url', async () => {
    const { stderr } = await stopsAtOnce(server.url, '/nothing-here');
    expect(stderr).toMatch(/^sync stopped: nothing answers at .*\/nothing-here \(HTTP 404\): --url must be/);
  });

  it('stops on an answer that is not GraphQL', async () => {
    const html: HttpServer = createHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Welcome</body></html>'));
    await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve));
    const { stderr } = await stopsAtOnce(`http://127.0.0.1:${(html.address() as { port: number }).port}`, '/graphql');
    html.close();
    expect(stderr).toMatch(/is not GraphQL \(HTTP 200, text\/html\)/);
  });

  it('stops on a batch the server refuses as too large, saying to lower --batch-size', async () => {
    const strict: HttpServer = createHttpServer((req, res) => {
      req.resume();
      res.writeHead(413, { 'content-type': 'application/json' }).end('{"error":"payload_too_large"}');
    });
    await new Promise<void>((resolve) => strict.listen(0, '127.0.0.1', resolve));
    const { stderr } = await stopsAtOnce(`http://127.0.0.1:${(strict.address() as { port: number }).port}`, '/graphql');
    strict.close();
    expect(stderr).toMatch(/refused a batch of 1 rows as too large \(HTTP 413\): lower --batch-size/);
  });

  it('stops on an answer larger than any answer of the API, without reading it all', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    let written = 0;
    const download: HttpServer = createHttpServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const more = () => {
        while (written < 64 && res.write(chunk)) written++;
        if (written >= 64) res.end();
        else res.once('drain', () => (written++, more()));
      };
      res.on('error', () => {});
      more();
    });
    await new Promise<void>((resolve) => download.listen(0, '127.0.0.1', resolve));
    const { stderr } = await stopsAtOnce(`http://127.0.0.1:${(download.address() as { port: number }).port}`, '/graphql');
    download.closeAllConnections();
    download.close();
    expect(stderr).toMatch(/is larger than 16 MiB, which no answer of the API is: --url must be/);
  });

  it('refuses a dry run while an interrupted sync of the file has its checkpoint, whose rejects it would replace', async () => {
    const file = one();
    writeFileSync(`${file}.sync-checkpoint`, '{}');
    const result = await sync(file, ['--dry-run']);
    rmSync(`${file}.sync-checkpoint`);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(/^sync stopped: an interrupted sync of .*one\.ndjson left .*one\.ndjson\.sync-checkpoint: finish it with --resume/);
    expect(result.summary.error).toEqual(expect.any(String));
  });

  it('stops on a refused key, saying it was refused', async () => {
    const { stderr } = await stopsAtOnce(server.url, '/graphql', 'cak_not-a-key');
    expect(stderr).toMatch(/the API key was refused \(HTTP 401\)/);
  });

  it('says a missing key is missing, and sends nothing', async () => {
    const proxy = new CountingProxy(server.url);
    const url = `${await proxy.start()}/graphql`;
    const { code, summary, stderr } = await sync(one(), [], { url, apiKey: '' });
    await proxy.close();
    expect(code).toBe(2);
    expect(proxy.requests).toBe(0);
    expect(stderr.trim()).toMatch(/^sync stopped: no API key: set CONTACTS_API_KEY/);
    expect(stderr).not.toMatch(/refused/);
    expect(summary).toMatchObject({ created: 0, failed: 0, error: expect.stringMatching(/no API key/) });
  });

  it('says a missing or unreadable file in one line, without a stack', async () => {
    for (const file of [`${dir}/missing.csv`, dir]) {
      const { code, summary, stderr } = await sync(file);
      expect(code).toBe(2);
      expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^sync stopped: cannot read .*: (there is no such file|it is a directory)$/)]);
      expect(stderr).not.toMatch(/ENOENT|EISDIR|\n\s+at /);
      expect(summary.error).toMatch(/cannot read/);
    }
  });
});

describe('a TAKEN reject', () => {
  it('names the contact that holds the email and how to link it', async () => {
    await sync(write('by-email.ndjson', ndjson([{ email: 'holder@example.com', firstName: 'Hold', lastName: 'Er' }])));
    const holder = await db.models.contact.findFirstOrThrow({ where: { emailKey: 'holder@example.com' } });
    const { code, summary } = await sync(write('with-ids.ndjson', ndjson([{ trackingId: 'rec-77', email: 'Holder@example.com', firstName: 'Hold', lastName: 'Er' }])));
    expect(code).toBe(1);
    const [reject] = readFileSync(summary.rejectedFile!, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { errors: { field: string; code: string; message: string }[] });
    expect(reject!.errors).toEqual([{ field: 'email', code: 'TAKEN', message: expect.stringContaining(holder.id) }]);
    expect(reject!.errors[0]!.message).toMatch(/give that contact the trackingId "rec-77" \(updateContact with its id\)/);
  });
});

describe('per-contact order across both keys', () => {
  it('does not let a later row of the contact overtake a retried one known by its other key', async () => {
    const proxy = new FlakyProxy(server.url, { failEvery: 2, kinds: ['503'], maxFailures: 1 });
    const url = `${await proxy.start()}/graphql`;
    const file = write('both-keys.csv', ['trackingId,email,firstName,lastName', 'crm-1,ada@x.com,Ada,Lovelace', ',ADA@X.COM,Stale,Lovelace', 'crm-1,,Latest,Lovelace'].join('\n'));
    const { code, summary } = await sync(file, ['--batch-size', '1', '--concurrency', '4', '--retry-delay-ms', '1'], { url });
    await proxy.close();
    expect(proxy.failures).toEqual(['503']);
    expect(code).toBe(0);
    expect(summary).toMatchObject({ rows: 3, created: 1, updated: 2, failed: 0 });
    expect((await db.models.contact.findFirstOrThrow({ where: { trackingId: 'crm-1' } })).firstName).toBe('Latest');
  });
});

/**
 * A TCP server, in a process of its own (so that it answers as fast as an idle
 * server does), that accepts and at once closes the first `closing`
 * connections, then forwards to `target`. It prints its port, then a line per
 * connection.
 */
const closingServer = `
  const { createServer, createConnection } = require('node:net');
  const [closing, host, port] = process.argv.slice(1);
  let accepted = 0;
  const server = createServer((client) => {
    console.log('accepted ' + ++accepted);
    if (accepted <= Number(closing)) return void client.destroy();
    const upstream = createConnection({ host, port: Number(port) });
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  server.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));
`;

describe('connections that never answer', () => {
  it('times each request out and retries it, instead of exiting with no summary', async () => {
    // A server that accepts connections and closes them unanswered: each attempt must end by the command's own timer.
    const target = new URL(server.url);
    const child = spawn(process.execPath, ['-e', closingServer, '4', target.hostname, target.port], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout! });
    const seen: string[] = [];
    const port = await new Promise<string>((resolve) => lines.on('line', (line) => (seen.push(line), line.startsWith('port ') && resolve(line.slice(5)))));
    const file = write('closing.ndjson', ndjson([{ trackingId: 'closing-1', email: 'closing-1@example.com', firstName: 'Clo', lastName: 'Sing' }]));
    const { code, summary } = await sync(file, ['--request-timeout-ms', '1000', '--retry-delay-ms', '1'], { url: `http://127.0.0.1:${port}/graphql` });
    child.kill('SIGKILL');
    expect(code).toBe(0);
    expect(seen).toContain('accepted 5');
    expect(summary).toMatchObject({ rows: 1, created: 1, failed: 0 });
  });
});

describe('--resume', () => {
  const rows = Array.from({ length: 100 }, (_, i) =>
    i === 14 || i === 84 ? { trackingId: `resume-${i}`, email: 'not-an-email', firstName: 'Bad', lastName: `${i}` } : { trackingId: `resume-${i}`, email: `resume-${i}@example.com`, firstName: 'Re', lastName: `Sume ${i}` },
  );
  const options = ['--batch-size', '10', '--concurrency', '2', '--retry-delay-ms', '1'];

  it('continues a killed sync without resending what was answered, ending as a clean run', async () => {
    const clean = await createWorkspace('clean');
    const cleanRun = await sync(write('clean.ndjson', ndjson(rows)), options, { apiKey: clean.apiKey });
    expect(cleanRun.summary).toMatchObject({ rows: 100, created: 98, failed: 2 });

    // The first run: the fifth request is held, and the sync killed while it waits.
    const file = write('resume.ndjson', ndjson(rows));
    const proxy = new CountingProxy(server.url, 5);
    const url = `${await proxy.start()}/graphql`;
    const child = spawn(process.execPath, ['scripts/cli.mjs', 'sync', file, '--url', url, '--json', ...options], {
      cwd: projectRoot,
      env: { ...process.env, CONTACTS_API_KEY: workspace.apiKey },
      stdio: 'ignore',
    });
    const exited = once(child, 'exit');
    await once(proxy, 'held');
    child.kill('SIGKILL');
    await exited;
    const checkpoint = JSON.parse(readFileSync(`${file}.sync-checkpoint`, 'utf8')) as { rowsDone: number; done: [number, number][] };
    const answered = checkpoint.rowsDone + checkpoint.done.reduce((sum, [first, last]) => sum + last - first + 1, 0);
    expect(answered).toBeGreaterThanOrEqual(30);

    proxy.holdFrom = undefined;
    const sentBefore = proxy.inputs;
    // A checkpoint is only for its own file and URL.
    const elsewhere = await sync(file, [...options, '--resume'], { url: `${server.url}/graphql?other` });
    expect(elsewhere).toMatchObject({ code: 2, summary: { error: expect.stringMatching(/is of a sync to/) } });
    const changed = write('changed.ndjson', ndjson(rows.slice(0, 99)));
    copyFileSync(`${file}.sync-checkpoint`, `${changed}.sync-checkpoint`);
    const other = await sync(changed, [...options, '--resume'], { url });
    expect(other).toMatchObject({ code: 2, summary: { error: expect.stringMatching(/the file changed/) } });
    expect(proxy.inputs).toBe(sentBefore);

    // The second run, to the same URL: nothing held, and what it sends counted.
    const resumed = await sync(file, [...options, '--resume'], { url });
    await proxy.close();
    expect(resumed.summary).toMatchObject({ rows: 100, failed: 2, resumedRows: answered });
    // A batch the server applied but the killed run never heard back from is sent again, and found unchanged.
    expect(resumed.summary.created + resumed.summary.unchanged).toBe(98);
    expect(resumed.code).toBe(1);
    expect(proxy.inputs - sentBefore).toBe(100 - answered);
    expect(existsSync(`${file}.sync-checkpoint`)).toBe(false);

    expect(valuesOf(await contactsOf(workspace.workspaceId)).filter((c) => c.trackingId?.startsWith('resume-'))).toEqual(valuesOf(await contactsOf(clean.workspaceId)));
    // Each reject once, wherever the kill fell.
    const rejectedLines = (path: string) => sortedLines(readFileSync(path, 'utf8')).map((line) => (JSON.parse(line) as { line: number }).line);
    expect(rejectedLines(resumed.summary.rejectedFile!)).toEqual(rejectedLines(cleanRun.summary.rejectedFile!));
    expect(rejectedLines(resumed.summary.rejectedFile!)).toHaveLength(2);
  });
});
