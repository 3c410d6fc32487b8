/**
 * Streams a contact file into the API in batches, a few in flight at once,
 * with flat memory whatever the file's size. Rows whose key is already in a
 * batch in flight wait for it, so each contact's rows apply in file order.
 */
import { createWriteStream, rmSync, statSync, type WriteStream } from 'node:fs';
import { emailKey } from '../contacts/fields.js';
import type { UpsertContactInput } from './graphql/graphql.js';
import { readRows, type FileLayout, type ReadSettings, type Row, type RowProblem } from './records.js';
import { sendBatch, type BatchResult, type SendOptions } from './send.js';

export interface SyncOptions extends SendOptions, ReadSettings {
  file: string;
  batchSize: number;
  /** Batches in flight at once. */
  concurrency: number;
  /** Where rejected rows go (NDJSON), written only when a row is rejected. */
  rejectedFile: string;
  onProgress?: (progress: SyncProgress) => void;
  onLayout?: (layout: FileLayout) => void;
  onIgnoredColumns?: (columns: string[]) => void;
}

export interface SyncSummary {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  seconds: number;
  rejectedFile: string | null;
}

export interface SyncProgress {
  rowsDone: number;
  bytesRead: number;
  totalBytes: number;
}

type Pending = { line: number; raw: unknown; input: UpsertContactInput; key: string | null };

/** What must apply in order: the trackingId, else the email as the server matches it. */
function rowKey(input: UpsertContactInput): string | null {
  const trackingId = input.trackingId?.trim();
  if (trackingId) return `t:${trackingId}`;
  const email = input.email?.trim();
  return email ? `e:${emailKey(email)}` : null;
}

export async function syncFile(options: SyncOptions): Promise<SyncSummary> {
  const started = Date.now();
  const summary: SyncSummary = { rows: 0, created: 0, updated: 0, unchanged: 0, failed: 0, seconds: 0, rejectedFile: null };
  const totalBytes = statSync(options.file).size;
  let bytesRead = 0;
  let rejected: WriteStream | undefined;
  rmSync(options.rejectedFile, { force: true });

  const reject = (line: number, raw: unknown, errors: RowProblem[]) => {
    summary.failed++;
    rejected ??= createWriteStream(options.rejectedFile);
    summary.rejectedFile = options.rejectedFile;
    rejected.write(`${JSON.stringify({ line, row: raw, errors })}\n`);
  };
  const report = () => options.onProgress?.({ rowsDone: summary.created + summary.updated + summary.unchanged + summary.failed, bytesRead, totalBytes });

  const inFlight = new Map<Promise<void>, Set<string>>();
  let failure: unknown;
  const settle = (batch: Pending[], results: BatchResult[]) => {
    results.forEach((result, i) => {
      const row = batch[i]!;
      if (result.__typename === 'UpsertContactSuccess') {
        if (result.result === 'CREATED') summary.created++;
        else if (result.changedFields.length) summary.updated++;
        else summary.unchanged++;
      } else if (result.__typename === 'ValidationError') {
        reject(row.line, row.raw, result.fieldErrors);
      }
    });
    report();
  };
  const dispatch = async (batch: Pending[]) => {
    const keys = new Set(batch.flatMap((row) => (row.key ? [row.key] : [])));
    // Wait for a free slot, and for any batch in flight that holds one of these
    // contacts: its earlier rows must land first.
    for (;;) {
      const holders = [...inFlight].filter(([, held]) => [...keys].some((key) => held.has(key))).map(([done]) => done);
      if (!holders.length && inFlight.size < options.concurrency) break;
      await Promise.race(holders.length ? holders : inFlight.keys());
    }
    if (failure) throw failure;
    const done: Promise<void> = sendBatch(batch.map((row) => row.input), options)
      .then((results) => settle(batch, results))
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => inFlight.delete(done));
    inFlight.set(done, keys);
  };

  let batch: Pending[] = [];
  const rows = readRows(options.file, { ...options, onBytes: (bytes) => (bytesRead = bytes) });
  for await (const row of rows as AsyncIterable<Row>) {
    summary.rows++;
    if ('problems' in row) {
      reject(row.line, row.raw, row.problems);
      continue;
    }
    batch.push({ line: row.line, raw: row.raw, input: row.input, key: rowKey(row.input) });
    if (batch.length >= options.batchSize) {
      await dispatch(batch);
      batch = [];
    }
    if (failure) break;
  }
  if (batch.length && !failure) await dispatch(batch);
  await Promise.all(inFlight.keys());
  await new Promise<void>((resolve) => (rejected ? rejected.end(resolve) : resolve()));
  if (failure) throw failure;
  summary.seconds = (Date.now() - started) / 1000;
  report();
  return summary;
}
