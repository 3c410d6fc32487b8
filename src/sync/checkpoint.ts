/**
 * The checkpoint of a sync, `<file>.sync-checkpoint` beside the file: which
 * rows the server has answered, so that `--resume` continues an interrupted
 * sync without sending them again. Rows are counted in the order they are read
 * (the file's order), from 1. Batches are answered out of order, so it keeps a
 * low-water mark (every row up to `rowsDone` answered) and the answered ranges
 * beyond it. It is rewritten whole (written aside, then renamed) after every
 * answered batch, and belongs to one file (size, modification time, a hash of
 * its first bytes) and one URL.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';

/** How many of the rows answered so far were of each kind. */
export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

interface FileIdentity {
  size: number;
  mtimeMs: number;
  /** SHA-256 of the first 64 KiB. */
  head: string;
}

export interface CheckpointState {
  version: 1;
  file: FileIdentity;
  url: string;
  /** Rows 1 to rowsDone have been answered. */
  rowsDone: number;
  /** Answered ranges of rows beyond rowsDone, [first, last], in order. */
  done: [number, number][];
  counts: Counts;
  /** The rejects file's length once the answered rows' rejects were written. */
  rejectedBytes: number;
}

export const checkpointPath = (file: string) => `${file}.sync-checkpoint`;

const headBytes = 64 * 1024;

export function identify(file: string): FileIdentity {
  const { size, mtimeMs } = statSync(file);
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, headBytes));
    const read = readSync(fd, head, 0, head.length, 0);
    return { size, mtimeMs, head: createHash('sha256').update(head.subarray(0, read)).digest('hex') };
  } finally {
    closeSync(fd);
  }
}

/** The checkpoint left at `path`, or undefined when there is none; throws a sentence when it is another sync's. */
export function loadCheckpoint(path: string, file: FileIdentity, url: string): CheckpointState | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`the checkpoint ${path} cannot be read; remove it to sync from the first row`);
  }
  if (typeof parsed === 'object' && parsed !== null && 'version' in parsed && parsed.version !== 1) {
    throw new Error(`the checkpoint ${path} is of another version; remove it to sync from the first row`);
  }
  if (!isCheckpointState(parsed)) throw new Error(`the checkpoint ${path} cannot be read; remove it to sync from the first row`);
  const state = parsed;
  if (state.url !== url) throw new Error(`the checkpoint ${path} is of a sync to ${state.url}, not ${url}; use that --url, or remove it to sync from the first row`);
  const same = state.file.size === file.size && state.file.mtimeMs === file.mtimeMs && state.file.head === file.head;
  if (!same) throw new Error(`the file changed since the interrupted sync that left ${path}; run without --resume to sync it from the first row`);
  return state;
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** Whether `value` has a checkpoint's shape (a file edited or cut short by hand does not). */
function isCheckpointState(value: unknown): value is CheckpointState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Record<string, unknown>;
  const file = state.file as Record<string, unknown> | null | undefined;
  const counts = state.counts as Record<string, unknown> | null | undefined;
  return (
    state.version === 1 &&
    typeof state.url === 'string' &&
    typeof file === 'object' && file !== null &&
    typeof file.size === 'number' && typeof file.mtimeMs === 'number' && typeof file.head === 'string' &&
    isCount(state.rowsDone) &&
    Array.isArray(state.done) &&
    state.done.every((range) => Array.isArray(range) && range.length === 2 && isCount(range[0]) && isCount(range[1]) && range[0] <= range[1]) &&
    typeof counts === 'object' && counts !== null &&
    ['created', 'updated', 'unchanged', 'failed'].every((kind) => isCount(counts[kind])) &&
    isCount(state.rejectedBytes)
  );
}

/** Which rows are answered, as batches are answered in any order. */
export class Acknowledgements {
  private rowsDone: number;
  /** Answered ranges beyond rowsDone, ordered by their first row; they may overlap. */
  private readonly done: [number, number][];
  /** What an earlier run had answered: rows not to send again. */
  private readonly resumed: { rowsDone: number; done: [number, number][] };

  constructor(from?: Pick<CheckpointState, 'rowsDone' | 'done'>) {
    this.rowsDone = from?.rowsDone ?? 0;
    this.done = from?.done.map(([first, last]): [number, number] => [first, last]) ?? [];
    this.advance();
    this.resumed = { rowsDone: this.rowsDone, done: this.done.map(([first, last]): [number, number] => [first, last]) };
  }

  /** Whether an earlier run had row `row` answered. */
  answeredBefore(row: number): boolean {
    return row <= this.resumed.rowsDone || this.resumed.done.some(([first, last]) => row >= first && row <= last);
  }

  /** Rows first to last (each either sent now or answered before) are answered. */
  settle(first: number, last: number): void {
    const at = this.done.findIndex(([start]) => start > first);
    this.done.splice(at < 0 ? this.done.length : at, 0, [first, last]);
    this.advance();
  }

  state(): Pick<CheckpointState, 'rowsDone' | 'done'> {
    return { rowsDone: this.rowsDone, done: this.done.map(([first, last]): [number, number] => [first, last]) };
  }

  private advance(): void {
    while (this.done.length && this.done[0]![0] <= this.rowsDone + 1) {
      this.rowsDone = Math.max(this.rowsDone, this.done.shift()![1]);
    }
  }
}

/** Writes the checkpoint whole, so that a crash leaves the old one or the new one, never half of one. */
export function saveCheckpoint(path: string, state: CheckpointState): void {
  writeFileSync(`${path}.tmp`, JSON.stringify(state));
  renameSync(`${path}.tmp`, path);
}

export function removeCheckpoint(path: string): void {
  rmSync(path, { force: true });
  rmSync(`${path}.tmp`, { force: true });
}
