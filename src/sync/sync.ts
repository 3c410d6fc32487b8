/**
 * Streams a contact file into the API in batches, a few in flight at once,
 * with flat memory whatever the file's size. A batch that may touch a contact
 * of a batch in flight waits for it (see ordering.ts), so each contact's rows
 * apply in file order. Unless it is a dry run, every answered batch is
 * recorded in the checkpoint, from which `resume` continues an interrupted sync.
 */
import { closeSync, existsSync, openSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import {
  Acknowledgements,
  checkpointPath,
  identify,
  loadCheckpoint,
  removeCheckpoint,
  saveCheckpoint,
  type CheckpointState,
  type Counts,
} from './checkpoint.js';
import type { UpsertContactInput } from './graphql/graphql.js';
import { BatchKeys } from './ordering.js';
import { readRows, type FileLayout, type ReadSettings, type Row, type RowProblem } from './records.js';
import { FatalSyncError, sendBatch, type BatchAnswer, type SendOptions } from './send.js';

export interface SyncOptions extends SendOptions, ReadSettings {
  file: string;
  batchSize: number;
  /** Batches in flight at once. */
  concurrency: number;
  /** Where rejected rows go (NDJSON), written only when a row is rejected. */
  rejectedFile: string;
  /** Continue from the checkpoint an interrupted sync of this file to this URL left. */
  resume: boolean;
  onProgress?: (progress: SyncProgress) => void;
  onLayout?: (layout: FileLayout) => void;
  onIgnoredColumns?: (columns: string[]) => void;
  /** Told, when resuming, how many rows an earlier run had answered (0: none, no checkpoint). */
  onResume?: (rowsDone: number) => void;
  /** Told once when the checkpoint cannot be written: the sync goes on, without one. */
  onCheckpointFailed?: (reason: string) => void;
}

export interface SyncSummary extends Counts {
  rows: number;
  seconds: number;
  rejectedFile: string | null;
  /** Nothing was written: the counts are what the sync would do. */
  dryRun: boolean;
  /** Rows an interrupted run had already sent and were not sent again (their counts are included). */
  resumedRows: number;
}

export interface SyncProgress {
  rowsDone: number;
  bytesRead: number;
  totalBytes: number;
}

/** The sync stopped before its end; `summary` tells what it had done. */
export class SyncStopped extends Error {
  override readonly name = 'SyncStopped';
  constructor(
    readonly reason: unknown,
    readonly summary: SyncSummary,
  ) {
    super(reason instanceof Error ? reason.message : String(reason), { cause: reason });
  }
}

type Member =
  | { line: number; raw: unknown; input: UpsertContactInput }
  | { line: number; raw: unknown; problems: RowProblem[] };

/** Rows first to last of the file (in read order), sent as one batch; rows rejected on reading ride along. */
interface Unit {
  first: number;
  last: number;
  members: Member[];
  inputs: UpsertContactInput[];
  keys: BatchKeys;
}

export async function syncFile(options: SyncOptions): Promise<SyncSummary> {
  const started = Date.now();
  const summary: SyncSummary = {
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    seconds: 0,
    rejectedFile: null,
    dryRun: options.dryRun,
    resumedRows: 0,
  };
  const stopped = (reason: unknown) => {
    summary.seconds = (Date.now() - started) / 1000;
    return new SyncStopped(reason, summary);
  };

  let file: ReturnType<typeof identify>;
  try {
    file = identify(options.file);
  } catch (error) {
    throw stopped(unreadable(options.file, error));
  }
  const checkpointFile = checkpointPath(options.file);
  let checkpointing = !options.dryRun;
  let resumed: CheckpointState | undefined;
  if (options.resume) {
    try {
      resumed = loadCheckpoint(checkpointFile, file, options.url);
    } catch (error) {
      throw stopped(new FatalSyncError((error as Error).message));
    }
    options.onResume?.(resumed?.rowsDone ?? 0);
  }
  let rejects: Rejects;
  try {
    rejects = new Rejects(options.rejectedFile, resumed?.rejectedBytes ?? 0);
  } catch (error) {
    throw stopped(new FatalSyncError((error as Error).message));
  }
  if (resumed) Object.assign(summary, resumed.counts);
  const acks = new Acknowledgements(resumed);

  let bytesRead = 0;
  const report = () => options.onProgress?.({ rowsDone: summary.created + summary.updated + summary.unchanged + summary.failed, bytesRead, totalBytes: file.size });
  const reject = (line: number, raw: unknown, errors: readonly RowProblem[]) => {
    summary.failed++;
    summary.rejectedFile = options.rejectedFile;
    rejects.write(`${JSON.stringify({ line, row: raw, errors })}\n`);
  };
  if (summary.failed) summary.rejectedFile = options.rejectedFile;

  const settle = (unit: Unit, answer?: BatchAnswer) => {
    if (answer) {
      summary.created += answer.createdCount;
      summary.updated += answer.updatedCount - answer.unchangedCount;
      summary.unchanged += answer.unchangedCount;
    }
    let next = 0;
    for (const member of unit.members) {
      if ('problems' in member) {
        reject(member.line, member.raw, member.problems);
        continue;
      }
      const result = answer!.results[next++]!;
      if ('fieldErrors' in result) reject(member.line, member.raw, result.fieldErrors.map((error) => explained(error, member.input)));
    }
    acks.settle(unit.first, unit.last);
    if (checkpointing) {
      const { created, updated, unchanged, failed } = summary;
      try {
        saveCheckpoint(checkpointFile, { version: 1, file, url: options.url, ...acks.state(), counts: { created, updated, unchanged, failed }, rejectedBytes: rejects.bytes });
      } catch (error) {
        // A resume is a convenience: a directory that takes no checkpoint must not stop the sync itself.
        checkpointing = false;
        options.onCheckpointFailed?.(`cannot write the checkpoint ${checkpointFile} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): an interrupted sync of this run cannot be resumed`);
      }
    }
    report();
  };

  const inFlight = new Map<Promise<void>, BatchKeys>();
  let failure: unknown;
  const dispatch = async (unit: Unit) => {
    if (!unit.inputs.length) return settle(unit);
    // Wait for a free slot, and for every batch in flight that may touch one of
    // these contacts: its earlier rows must land first.
    for (;;) {
      const holders = [...inFlight].filter(([, keys]) => unit.keys.conflictsWith(keys)).map(([done]) => done);
      if (!holders.length && inFlight.size < options.concurrency) break;
      await Promise.race(holders.length ? holders : inFlight.keys());
    }
    if (failure) return;
    const done: Promise<void> = sendBatch(unit.inputs, options)
      .then((answer) => settle(unit, answer))
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => inFlight.delete(done));
    inFlight.set(done, unit.keys);
  };

  const newUnit = (row: number): Unit => ({ first: row, last: row, members: [], inputs: [], keys: new BatchKeys() });
  let unit: Unit | undefined;
  try {
    const rows = readRows(options.file, { ...options, onBytes: (bytes) => (bytesRead = bytes) });
    for await (const row of rows as AsyncIterable<Row>) {
      const ordinal = ++summary.rows;
      if (acks.answeredBefore(ordinal)) {
        summary.resumedRows++;
        continue;
      }
      unit ??= newUnit(ordinal);
      unit.last = ordinal;
      if ('problems' in row) {
        unit.members.push(row);
      } else {
        unit.members.push({ line: row.line, raw: row.raw, input: row.input });
        unit.inputs.push(row.input);
        unit.keys.add(row.input);
      }
      // Counted with the rows rejected on reading, which ride along until the batch is answered: memory stays flat.
      if (unit.members.length >= options.batchSize) {
        await dispatch(unit);
        unit = undefined;
      }
      if (failure) break;
    }
    if (unit && !failure) await dispatch(unit);
  } catch (error) {
    failure ??= isFileError(error) ? unreadable(options.file, error) : error;
  }
  await Promise.all(inFlight.keys());
  rejects.close();
  summary.seconds = (Date.now() - started) / 1000;
  if (failure) throw new SyncStopped(failure, summary);
  if (!options.dryRun) {
    try {
      removeCheckpoint(checkpointFile);
    } catch (error) {
      options.onCheckpointFailed?.(`cannot remove the checkpoint ${checkpointFile} of this complete sync (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  report();
  return summary;
}

/**
 * A TAKEN email told with what to do about it. The server's message names the
 * contact that holds the email; the usual cause is a file that now carries
 * trackingIds, synced before by email alone.
 */
function explained(error: RowProblem, input: UpsertContactInput): RowProblem {
  if (error.code !== 'TAKEN' || error.field !== 'email' || !input.trackingId) return error;
  const trackingId = JSON.stringify(input.trackingId.trim());
  return {
    ...error,
    message:
      `${error.message}. No contact has the trackingId ${trackingId} yet, so this row would create one, with an email already taken. ` +
      `To link them, give that contact the trackingId ${trackingId} (updateContact with its id) and sync again, or leave trackingId out of this row to update that contact by email.`,
  };
}

/** An error of the file system (ENOENT, EACCES, EIO …), as Node reports them. */
const isFileError = (error: unknown): error is NodeJS.ErrnoException =>
  error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string' && /^E[A-Z]+$/.test(String((error as NodeJS.ErrnoException).code));

/** The file cannot be read, in one sentence. */
function unreadable(file: string, error: unknown): FatalSyncError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : error instanceof Error ? error.message : String(error);
  return new FatalSyncError(`cannot read ${file}: ${reason}`);
}

/**
 * The rejects file, written as rows are answered, with its length kept: the
 * checkpoint records it, and a resumed sync cuts the file back to it, so that
 * no reject is lost or written twice.
 */
class Rejects {
  private fd?: number;
  bytes: number;

  constructor(
    private readonly path: string,
    keep: number,
  ) {
    this.bytes = keep;
    if (!keep) {
      rmSync(path, { force: true });
      return;
    }
    if (!existsSync(path) || statSync(path).size < keep) {
      throw new Error(`${path} is shorter than the interrupted sync left it; run without --resume to sync from the first row`);
    }
    truncateSync(path, keep);
    this.fd = openSync(path, 'a');
  }

  write(line: string): void {
    this.fd ??= openSync(this.path, 'w');
    const bytes = Buffer.from(line);
    writeSync(this.fd, bytes);
    this.bytes += bytes.length;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
