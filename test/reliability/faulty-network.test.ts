/**
 * The sync command through a faulty network: a proxy injects 503s, 429s with
 * Retry-After, connections dropped before the request is forwarded and after the
 * server has answered, and delays. The final contact table equals a clean run's,
 * and the contacts the file describes, field for field.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testProvider } from '../support/database.js';
import { FaultProxy, type Fault } from '../support/fault-proxy.js';
import { contactTable } from '../support/remote.js';
import { createStage, syncFile, type Stage } from '../support/stage.js';

const contacts = Number(process.env.FAULT_SYNC_CONTACTS ?? 800);
const seed = Number(process.env.FAULT_SEED ?? 21);
const kinds: Fault[] = ['503', '429', 'drop-before', 'drop-after', 'delay'];
const syncArgs = ['--batch-size', '25', '--concurrency', '4', '--max-attempts', '30', '--retry-delay-ms', '20'];

const dir = mkdtempSync(`${tmpdir()}/contacts-faults-`);
const stages: Stage[] = [];
const figures: Record<string, unknown>[] = [];
afterAll(async () => {
  for (const stage of stages) await stage.remove();
  rmSync(dir, { recursive: true, force: true });
  console.log(`faulty network (${testProvider}, seed ${seed}):`);
  console.table(figures);
});

interface Row {
  trackingId?: string;
  email?: string;
  firstName?: string;
  lastName: string;
  company: string;
}

function writeFile(name: string, rows: Row[]): string {
  const path = `${dir}/${name}`;
  writeFileSync(path, rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
  return path;
}

/**
 * Each contact twice, created then changed, the second row far behind the
 * first; two in three by trackingId and email, one in three by email alone.
 */
function steadyRows(): Row[] {
  const first: Row[] = [];
  const second: Row[] = [];
  for (let i = 0; i < contacts; i++) {
    const keys = i % 3 === 2 ? { email: `steady-${i}@example.com` } : { trackingId: `steady-${i}`, email: `steady-${i}@example.com` };
    first.push({ ...keys, firstName: 'Steady', lastName: `Contact ${i}`, company: 'before' });
    second.push({ ...keys, lastName: `Contact ${i}`, company: `after ${i}` });
  }
  return [...first, ...second];
}

/**
 * The rows of one contact under both of its keys: created with trackingId and
 * email, changed by its email in another case, then by its trackingId alone. The
 * last row of each contact must win, however batches are retried.
 */
function mixedKeyRows(): Row[] {
  const count = Math.ceil(contacts / 4);
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) rows.push({ trackingId: `mixed-${i}`, email: `mixed-${i}@example.com`, firstName: 'Mixed', lastName: `Contact ${i}`, company: 'first' });
  for (let i = 0; i < count; i++) rows.push({ email: `MIXED-${i}@Example.COM`, lastName: `Contact ${i}`, company: 'by email' });
  for (let i = 0; i < count; i++) rows.push({ trackingId: `mixed-${i}`, lastName: `Contact ${i}`, company: `latest ${i}` });
  return rows;
}

/** The contacts a file describes: each contact's fields as its last row left them. */
function expectedContacts(rows: Row[]) {
  const byContact = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    const key = (row.email ?? '').toLowerCase() || [...byContact.entries()].find(([, c]) => c.trackingId === row.trackingId)![0];
    byContact.set(key, { ...byContact.get(key), ...Object.fromEntries(Object.entries(row).filter(([field]) => field !== 'email' || !byContact.has(key))) });
  }
  return [...byContact.values()].map((contact) => ({ trackingId: contact.trackingId ?? null, email: contact.email, firstName: contact.firstName, lastName: contact.lastName, company: contact.company }));
}

describe('the sync command through a faulty network', () => {
  let clean: Stage;
  let faulty: Stage;
  beforeAll(async () => {
    [clean, faulty] = await Promise.all([createStage(), createStage()]);
    stages.push(clean, faulty);
  });

  async function compare(name: string, rows: Row[]) {
    const file = writeFile(`${name}.ndjson`, rows);
    const cleanRun = await syncFile(file, `${clean.server.url}/graphql`, clean.apiKey, syncArgs);
    expect(cleanRun.code, cleanRun.stderr).toBe(0);

    const proxy = new FaultProxy(faulty.server.url, { seed, rate: 0.3, kinds, delayMs: 150, retryAfterSeconds: 1 });
    const faultyRun = await syncFile(file, `${await proxy.start()}/graphql`, faulty.apiKey, syncArgs).finally(() => proxy.close());
    // Only this file's contacts: each file has keys of its own.
    const ofFile = (table: Record<string, unknown>[]) => table.filter((contact) => String(contact.emailKey).startsWith(`${name}-`));
    const [cleanTable, faultyTable] = (await Promise.all([contactTable(clean.db), contactTable(faulty.db)])).map(ofFile) as [Record<string, unknown>[], Record<string, unknown>[]];
    const equal = JSON.stringify(cleanTable) === JSON.stringify(faultyTable);
    const differing = faultyTable.filter((contact, i) => JSON.stringify(contact) !== JSON.stringify(cleanTable[i])).length;
    figures.push({
      file: name,
      rows: rows.length,
      requests: proxy.requests,
      ...proxy.injected,
      retried: proxy.failed,
      exit: faultyRun.code ?? faultyRun.signal,
      'rows failed': faultyRun.summary?.failed,
      'equal to clean run': equal ? 'yes' : 'no',
      'contacts differing': differing,
    });

    const rejected = `${dir}/${name}.rejected.ndjson`;
    expect(faultyRun.code, `${faultyRun.stderr}${existsSync(rejected) ? readFileSync(rejected, 'utf8').slice(0, 2000) : ''}`).toBe(0);
    expect(faultyRun.summary).toMatchObject({ rows: rows.length, failed: 0 });
    for (const kind of kinds) expect(proxy.injected[kind], kind).toBeGreaterThan(0);
    expect(faultyTable).toEqual(cleanTable);
    const described = expectedContacts(rows).sort((a, b) => String(a.email).localeCompare(String(b.email)));
    const fields = (table: Record<string, unknown>[]) =>
      table.map(({ trackingId, email, firstName, lastName, company }) => ({ trackingId, email, firstName, lastName, company })).sort((a, b) => String(a.email).localeCompare(String(b.email)));
    expect(fields(faultyTable)).toEqual(described);
    expect(fields(cleanTable)).toEqual(described);
  }

  it('ends as a clean run ends, each contact keyed the same way in every row', { timeout: 180_000 }, async () => {
    await compare('steady', steadyRows());
  });

  it('ends as a clean run ends when rows of one contact use either of its keys', { timeout: 180_000 }, async () => {
    await compare('mixed', mixedKeyRows());
  });
});
