/**
 * `npm run bench`: the server against its ceiling, measured in the same run on
 * the same machine, per database. Prints one table of ratios (server / ceiling)
 * and writes it as JSON to bench/results/. See bench/README.md.
 *
 *   npm run bench                     SQLite; PostgreSQL too when BENCH_POSTGRES_URL is set
 *   npm run bench -- --quick          a smaller run, for trying things out
 *   npm run bench -- --only webhooks  one line alone (webhooks, history or dry-run)
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import type { Provider } from '../src/db/provider.js';
import { historyCost } from './history.js';
import { runBatches, runSingles, syncContact, type SingleResult, type Target } from './workloads.js';

const { values: flags } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, 'sync-rows': { type: 'string' }, 'xlsx-rows': { type: 'string' }, 'sync-only': { type: 'boolean', default: false }, only: { type: 'string' } },
});
const scale = flags.quick
  ? { contacts: 20_000, seconds: 5, warmupSeconds: 2, syncRows: 100_000, xlsxRows: 20_000 }
  : { contacts: 100_000, seconds: 10, warmupSeconds: 3, syncRows: 1_000_000, xlsxRows: 100_000 };
const singleLines = ['webhooks', 'history', 'dry-run'];
if (flags.only && !singleLines.includes(flags.only)) throw new Error(`--only takes one of ${singleLines.join(', ')}`);
if (flags['sync-rows']) scale.syncRows = Number(flags['sync-rows']);
if (flags['xlsx-rows']) scale.xlsxRows = Number(flags['xlsx-rows']);
const batchSize = 500;
const inFlight = 4;
const root = new URL('../', import.meta.url).pathname;
const work = mkdtempSync(`${tmpdir()}/contacts-bench-`);
// The server runs from the build, as `npm start` runs it (which builds first, too).
execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });

interface Line {
  database: Provider;
  workload: string;
  unit: string;
  server: number;
  ceiling?: number;
  ratio?: number;
  target?: string;
  met?: boolean;
}
const lines: Line[] = [];

function record(line: Omit<Line, 'ratio' | 'met'>, check?: (line: Line) => boolean) {
  const full: Line = { ...line, ratio: line.ceiling ? line.server / line.ceiling : undefined };
  if (check) full.met = check(full);
  lines.push(full);
  console.error(`  ${line.workload}: ${format(full)}`);
}

/** A measured value as the reports print it: milliseconds to the hundredth, everything else whole. */
const figure = (value: number, unit: string) => value.toFixed(unit === 'ms' ? 2 : 0);

const format = (line: Line) =>
  `${figure(line.server, line.unit)} ${line.unit}` +
  (line.ceiling !== undefined ? ` vs ${figure(line.ceiling, line.unit)} → ${(100 * line.ratio!).toFixed(0)}%` : '');

/**
 * The node arguments an npm script of this project runs (`node <args>`), so that
 * the server and the CLI run here exactly as `npm start` and `npm run cli` run them.
 */
function npmScriptArgs(name: 'start' | 'cli'): string[] {
  const { scripts } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: Record<string, string> };
  const [command, ...args] = scripts[name]!.split(/\s+/);
  if (command !== 'node') throw new Error(`npm run ${name} does not run node directly: ${scripts[name]}`);
  return args;
}

/** Process groups still running: stopped when the benchmark exits, however it exits. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) stop(child);
});

/**
 * Starts a process of this project (node, unless `command` says otherwise) in a
 * process group of its own, and resolves with the port it logs.
 */
async function startProcess(args: string[], env: Record<string, string>, command = process.execPath): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(command, args, {
    cwd: root,
    detached: true,
    // Logging as in production (info): its cost is part of what is measured.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running.add(child);
  child.on('exit', () => running.delete(child));
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    lines.on('line', (line) => {
      try {
        const { port } = JSON.parse(line) as { port?: number };
        if (port) resolve(port);
      } catch {
        // not a log line
      }
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
  // From now on its log is only drained, not split and parsed: this process also drives the load.
  lines.close();
  child.stdout!.resume();
  return { child, port };
}

/** Stops a process started by startProcess, with whatever it started (npm's node). */
function stop(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** Peak resident memory of a live process, in MB (Linux). */
function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

function cli(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...npmScriptArgs('cli'), ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`cli ${args.join(' ')} exited with ${code}`))));
  });
}

async function databases(provider: Provider): Promise<{ server: string; ceiling: string; drop(): Promise<void> }> {
  if (provider === 'sqlite') return { server: `file:${work}/server.db`, ceiling: `file:${work}/ceiling.db`, drop: async () => {} };
  const base = process.env.BENCH_POSTGRES_URL!;
  const names = [`bench_server_${process.pid}`, `bench_ceiling_${process.pid}`];
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  for (const name of names) await admin.query(`CREATE SCHEMA "${name}"`);
  const withSchema = (schema: string) => {
    const url = new URL(base);
    url.searchParams.set('schema', schema);
    return url.toString();
  };
  return {
    server: withSchema(names[0]!),
    ceiling: withSchema(names[1]!),
    async drop() {
      for (const name of names) await admin.query(`DROP SCHEMA "${name}" CASCADE`);
      await admin.end();
    },
  };
}

/** `npm start` to its first answered GraphQL request, on an already-migrated database. */
async function coldStartMs(env: Record<string, string>, apiKey: string): Promise<number> {
  const started = performance.now();
  const server = await startProcess(['start'], env, 'npm');
  try {
    for (;;) {
      const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: '{"query":"{ __typename }"}',
      }).catch(() => undefined);
      if (response?.ok) return performance.now() - started;
      await sleep(5);
    }
  } finally {
    stop(server.child);
    await sleep(300);
  }
}

async function bench(provider: Provider) {
  console.error(`\n${provider}:`);
  const urls = await databases(provider);
  await migrate(urls.server);
  await migrate(urls.ceiling);
  const { workspaceId, apiKey } = JSON.parse(await cli(['workspace', 'create', 'bench', '--json'], { DATABASE_URL: urls.server })) as { workspaceId: string; apiKey: string };
  const ceilingDb = await openDatabase(urls.ceiling);
  const { id: ceilingWorkspace } = await ceilingDb.models.workspace.create({ data: { name: 'ceiling' } });
  await ceilingDb.close();

  // The webhook line's receiver listens on this machine's loopback.
  const env = { DATABASE_URL: urls.server, WEBHOOK_ALLOW_PRIVATE_URLS: 'true' };
  if (flags.only) {
    // One line on its own, for working on it: the others' figures are left out.
    const server = await startProcess(npmScriptArgs('start'), env);
    const target: Target = { url: `http://127.0.0.1:${server.port}`, kind: 'server', apiKey };
    if (flags.only === 'webhooks') await webhookLine(provider, target.url, urls.server);
    if (flags.only === 'dry-run') await syncDryRun(provider, target, apiKey);
    stop(server.child);
    await sleep(500);
    if (flags.only === 'history') await historyLines(provider, urls.server);
    await urls.drop();
    return;
  }
  if (flags['sync-only']) {
    const server = await startProcess(npmScriptArgs('start'), env);
    await syncMemory({ url: `http://127.0.0.1:${server.port}`, kind: 'server', apiKey }, apiKey);
    stop(server.child);
    await sleep(500);
    await urls.drop();
    return;
  }
  const starts: number[] = [];
  for (let i = 0; i < 3; i++) starts.push(await coldStartMs(env, apiKey));
  record({ database: provider, workload: 'cold start: npm start to first answer (median of 3)', unit: 'ms', server: starts.sort((a, b) => a - b)[1]!, target: '≤ 2000 ms' }, (l) => l.server <= 2000);
  // The server under load is node itself, run as npm start runs it, so that its memory is its own.
  const server = await startProcess(npmScriptArgs('start'), env);
  const ceiling = await startProcess(['--import', 'tsx', 'bench/ceiling.ts'], { DATABASE_URL: urls.ceiling, WORKSPACE_ID: ceilingWorkspace });
  const targets: Record<'server' | 'ceiling', Target> = {
    server: { url: `http://127.0.0.1:${server.port}`, kind: 'server', apiKey },
    ceiling: { url: `http://127.0.0.1:${ceiling.port}`, kind: 'ceiling' },
  };

  // The first load and the 10% replay change the data, so they run once each. An unchanged
  // replay leaves it as it is: it runs three times, server and ceiling in turn, and each
  // side's median counts, so that a few seconds of a busy machine do not decide the ratio.
  const phases = [
    { name: 'batch sync: first load', contact: (i: number) => syncContact(i), rounds: 1, target: '≥ 50%', check: (l: Line) => l.ratio! >= 0.5 },
    { name: 'batch sync: replay, 10% changed', contact: (i: number) => syncContact(i, true), rounds: 1 },
    { name: 'batch sync: unchanged replay', contact: (i: number) => syncContact(i, true), rounds: 3, target: '≥ 100%', check: (l: Line) => l.ratio! >= 1 },
  ];
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  for (const phase of phases) {
    const rates = { server: [] as number[], ceiling: [] as number[] };
    for (let round = 0; round < phase.rounds; round++) {
      rates.server.push(await runBatches(targets.server, scale.contacts, batchSize, inFlight, phase.contact));
      rates.ceiling.push(await runBatches(targets.ceiling, scale.contacts, batchSize, inFlight, phase.contact));
    }
    const runs = phase.rounds > 1 ? `, median of ${phase.rounds} in turn` : '';
    record(
      { database: provider, workload: `${phase.name} (${scale.contacts} in batches of ${batchSize}${runs})`, unit: 'contacts/s', server: median(rates.server), ceiling: median(rates.ceiling), target: phase.target },
      phase.check,
    );
  }

  await webhookLine(provider, targets.server.url, urls.server);

  for (const connections of [1, 32]) {
    const ours: SingleResult = await runSingles(targets.server, connections, scale.seconds, scale.warmupSeconds, scale.contacts);
    const theirs: SingleResult = await runSingles(targets.ceiling, connections, scale.seconds, scale.warmupSeconds, scale.contacts);
    if (ours.errors || theirs.errors) throw new Error(`single upserts failed: server ${ours.errors}, ceiling ${theirs.errors}`);
    const share = connections === 1 ? (provider === 'sqlite' ? 0.35 : undefined) : provider === 'sqlite' ? 0.25 : 0.4;
    const p99Target = connections === 1 ? 3 : 25;
    record(
      { database: provider, workload: `single upsert, ${connections} connection(s)`, unit: 'req/s', server: ours.requestsPerSecond, ceiling: theirs.requestsPerSecond, target: share ? `≥ ${share * 100}%` : undefined },
      share ? (l) => l.ratio! >= share : undefined,
    );
    record({ database: provider, workload: `single upsert, ${connections} connection(s): p50`, unit: 'ms', server: ours.p50, ceiling: theirs.p50 });
    record(
      { database: provider, workload: `single upsert, ${connections} connection(s): p99`, unit: 'ms', server: ours.p99, ceiling: theirs.p99, target: provider === 'sqlite' || connections === 32 ? `≤ ${p99Target} ms` : undefined },
      provider === 'sqlite' || connections === 32 ? (l) => l.server <= p99Target : undefined,
    );
  }

  if (provider === 'sqlite') await syncMemory(targets.server, apiKey);
  await syncDryRun(provider, targets.server, apiKey);
  record({ database: provider, workload: 'server peak RSS', unit: 'MB', server: peakRssMb(server.child.pid!), target: '≤ 250 MB' }, (l) => l.server <= 250);
  stop(server.child);
  stop(ceiling.child);
  await sleep(500);
  await historyLines(provider, urls.server);
  await urls.drop();
}

/**
 * The batch first load into a workspace with one webhook endpoint (a receiver here
 * that answers at once) against one without, three of each in turn, each on a
 * fresh workspace: what the outbox and its delivery cost the writes.
 */
async function webhookLine(provider: Provider, serverUrl: string, databaseUrl: string) {
  let received = 0;
  const receiver = createServer((request, response) => {
    request.resume().on('end', () => {
      received++;
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const rates = { with: [] as number[], without: [] as number[] };
  const graphql = async (apiKey: string, query: string) => {
    const response = await fetch(`${serverUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as { data?: Record<string, { __typename: string; endpoint?: { id: string } }> };
  };
  const made: { apiKey: string; id: string }[] = [];
  for (let round = 0; round < 3; round++) {
    for (const side of round % 2 ? (['without', 'with'] as const) : (['with', 'without'] as const)) {
      const { apiKey } = JSON.parse(await cli(['workspace', 'create', `webhooks-${side}-${round}`, '--json'], { DATABASE_URL: databaseUrl })) as { apiKey: string };
      const target: Target = { url: serverUrl, kind: 'server', apiKey };
      if (side === 'with') {
        const { data } = await graphql(apiKey, `mutation { createWebhookEndpoint(input: { url: "${hookUrl}" }) { __typename ... on CreateWebhookEndpointSuccess { endpoint { id } } } }`);
        const id = data?.createWebhookEndpoint?.endpoint?.id;
        if (!id) throw new Error(`the bench endpoint was refused: ${JSON.stringify(data)}`);
        made.push({ apiKey, id });
      }
      rates[side].push(await runBatches(target, scale.contacts, batchSize, inFlight, (i) => syncContact(i)));
    }
  }
  // What is still owed goes with its endpoint: the next lines measure the server alone.
  for (const { apiKey, id } of made) await graphql(apiKey, `mutation { deleteWebhookEndpoint(id: "${id}") { __typename } }`);
  receiver.close();
  const median = (values: number[]) => values.sort((a, b) => a - b)[1]!;
  record(
    {
      database: provider,
      workload: `batch sync: first load with one webhook endpoint vs none (${scale.contacts} in batches of ${batchSize}, median of 3 in turn; ${received} events received meanwhile)`,
      unit: 'contacts/s',
      server: median(rates.with),
      ceiling: median(rates.without),
      target: '≥ 80%',
    },
    (l) => l.ratio! >= 0.8,
  );
}

/** History's cost, in process on the server's database once the server has stopped (bench/history.ts). */
async function historyLines(provider: Provider, url: string) {
  const db = await openDatabase(url);
  try {
    // Five rounds: one phase lasts seconds, and a single slow one on a shared machine moved a median of three by 5–10 points.
    const rounds = 5;
    const cost = await historyCost(db, scale.contacts, batchSize, inFlight, rounds);
    const label = `(${scale.contacts} in batches of ${batchSize}, in process; with history vs without, median of ${rounds} in turn)`;
    record(
      { database: provider, workload: `history: batch first load ${label}`, unit: 'contacts/s', server: cost.firstLoad.with, ceiling: cost.firstLoad.without, target: '≥ 75%' },
      (l) => l.ratio! >= 0.75,
    );
    record(
      { database: provider, workload: `history: unchanged replay ${label}`, unit: 'contacts/s', server: cost.unchangedReplay.with, ceiling: cost.unchangedReplay.without, target: '≥ 90% (no cost, within noise)' },
      (l) => l.ratio! >= 0.9,
    );
  } finally {
    await db.close();
  }
}

/**
 * The sync command's dry run against a real unchanged replay of the same file
 * (`scale.contacts` rows, synced once first), three of each in turn: the dry
 * run reads and plans what the replay does, and writes nothing either.
 */
async function syncDryRun(provider: Provider, target: Target, apiKey: string) {
  const file = `${work}/dry-run.csv`;
  const rows = ['trackingId,email,firstName,lastName,company,city,title'];
  for (let i = 0; i < scale.contacts; i++) {
    const c = syncContact(i);
    rows.push([`dry-${i}`, `dry-${i}@bench.test`, c.firstName, c.lastName, c.company, c.city, c.title].join(','));
  }
  writeFileSync(file, `${rows.join('\n')}\n`);
  await syncRowsPerSecond(target, apiKey, file, scale.contacts, []);
  const replay: number[] = [];
  const dry: number[] = [];
  for (let round = 0; round < 3; round++) {
    replay.push(await syncRowsPerSecond(target, apiKey, file, scale.contacts, []));
    dry.push(await syncRowsPerSecond(target, apiKey, file, scale.contacts, ['--dry-run']));
  }
  rmSync(file);
  const median = (values: number[]) => values.sort((a, b) => a - b)[1]!;
  record(
    { database: provider, workload: `sync command: dry run vs unchanged replay (${scale.contacts} rows, median of 3 in turn)`, unit: 'rows/s', server: median(dry), ceiling: median(replay), target: '≥ 100%' },
    (l) => l.ratio! >= 1,
  );
}

/** Runs the sync command on `file` as `npm run cli` runs it; its rows per second, from its summary. */
async function syncRowsPerSecond(target: Target, apiKey: string, file: string, expected: number, extra: string[]): Promise<number> {
  const out = await cli(['sync', file, '--url', `${target.url}/graphql`, '--json', ...extra], { CONTACTS_API_KEY: apiKey });
  const { rows, seconds } = JSON.parse(out.trim().split('\n').at(-1)!) as { rows: number; seconds: number };
  if (rows !== expected) throw new Error(`sync of ${file} read ${rows} rows, not ${expected}`);
  return rows / seconds;
}

/**
 * The sync command's peak memory and speed on a CSV file of `scale.syncRows` rows
 * and on an XLSX workbook of `scale.xlsxRows`, made here (shared strings,
 * numeric ids, a "00000" postal-code format, multi-line streets), run as
 * `npm run cli` runs it.
 */
async function syncMemory(target: Target, apiKey: string) {
  const csv = `${work}/contacts.csv`;
  const out = createWriteStream(csv);
  out.write('trackingId,email,firstName,lastName,company,note\n');
  for (let i = 0; i < scale.syncRows; i++) {
    if (!out.write(`file-${i},file-${i}@bench.test,File,"Row ${i}","Company, ${i % 100}","line one\nline two"\n`)) {
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  await syncCommandLine(target, apiKey, csv, scale.syncRows, 'sync command peak RSS', 150);
  rmSync(csv);
  if (!scale.xlsxRows) return;

  const xlsx = `${work}/contacts.xlsx`;
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet('Contacts');
  sheet.addRow(['Record ID', 'First Name', 'Last Name', 'Email', 'Company Name', 'Street Address', 'City', 'Postal Code']).commit();
  for (let i = 0; i < scale.xlsxRows; i++) {
    const row = sheet.addRow([9_000_000_000 + i, 'Sheet', `Row ${i}`, `sheet-${i}@bench.test`, `Company ${i % 100}`, `${i} Main Street\nFloor ${i % 9}`, 'Oslo', i % 10_000]);
    row.getCell(8).numFmt = '00000';
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
  await syncCommandLine(target, apiKey, xlsx, scale.xlsxRows, 'sync command peak RSS, XLSX', 250);
  rmSync(xlsx);
}

async function syncCommandLine(target: Target, apiKey: string, file: string, expected: number, name: string, targetMb: number) {
  const child = spawn(process.execPath, [...npmScriptArgs('cli'), 'sync', file, '--url', `${target.url}/graphql`, '--json'], {
    cwd: root,
    env: { ...process.env, CONTACTS_API_KEY: apiKey },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let peak = 0;
  const sampler = setInterval(() => {
    try {
      // NaN once it has exited but is not yet reaped: its status no longer says.
      const sample = peakRssMb(child.pid!);
      if (!Number.isNaN(sample)) peak = Math.max(peak, sample);
    } catch {
      // exited between two samples
    }
  }, 100);
  let summary = '';
  child.stdout!.on('data', (chunk) => (summary += chunk));
  const code = await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(sampler);
  // The summary is the last line of stdout.
  const { rows, seconds } = JSON.parse(summary.trim().split('\n').at(-1)!) as { rows: number; seconds: number };
  if (code !== 0 || rows !== expected) throw new Error(`sync of ${file} exited with ${code} after ${rows} rows`);
  record({ database: 'sqlite', workload: `${name} (${expected} rows, ${Math.round(rows / seconds)} rows/s)`, unit: 'MB', server: peak, target: `≤ ${targetMb} MB` }, (l) => l.server <= targetMb);
}

try {
  await bench('sqlite');
  if (process.env.BENCH_POSTGRES_URL) await bench('postgresql');
} finally {
  rmSync(work, { recursive: true, force: true });
}

const table = [
  '| database | workload | server | ceiling | server/ceiling | target | met |',
  '|---|---|---|---|---|---|---|',
  ...lines.map((l) =>
    `| ${l.database} | ${l.workload} | ${figure(l.server, l.unit)} ${l.unit} | ${l.ceiling === undefined ? '' : `${figure(l.ceiling, l.unit)} ${l.unit}`} | ${l.ratio === undefined ? '' : `${(100 * l.ratio).toFixed(0)}%`} | ${l.target ?? ''} | ${l.met === undefined ? '' : l.met ? 'yes' : 'NO'} |`,
  ),
].join('\n');
console.log(table);
mkdirSync(`${root}bench/results`, { recursive: true });
const json = JSON.stringify({ date: new Date().toISOString(), node: process.version, scale, batchSize, inFlight, lines }, null, 2);
writeFileSync(`${root}bench/results/latest.json`, json);
console.error(`\nwritten to bench/results/latest.json`);
process.exit(0);
