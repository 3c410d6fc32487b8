/** `cli sync <file>`: streams a CSV or NDJSON file of contacts into the API. */
import { basename, dirname, extname, join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { checkpointPath } from '../sync/checkpoint.js';
import { progressView } from '../sync/progress.js';
import { formatOf } from '../sync/records.js';
import { FatalSyncError } from '../sync/send.js';
import { syncFile, SyncStopped, type SyncSummary } from '../sync/sync.js';

const positiveInt = (max: number) => (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > max) throw new InvalidArgumentError(`a whole number from 1 to ${max}`);
  return number;
};

const mapping = (value: string, previous: Record<string, string>) => {
  const at = value.lastIndexOf('=');
  if (at < 1 || at === value.length - 1) throw new InvalidArgumentError('expected column=field');
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
};

export function syncCommand(): Command {
  return new Command('sync')
    .description('Upsert every contact of a CSV or NDJSON file through the API (idempotent: safe to re-run)')
    .argument('<file>', 'a .csv file with a header row, or a .ndjson/.jsonl file of JSON objects')
    .requiredOption('--url <url>', 'the GraphQL endpoint, e.g. http://localhost:4000/graphql')
    .addOption(new Option('--api-key <key>', 'the workspace API key').env('CONTACTS_API_KEY'))
    .addOption(new Option('--format <format>', 'file format (default: from the file name)').choices(['csv', 'ndjson']))
    .option('--map <column=field>', 'read a column as a contact field (repeatable)', mapping, {})
    .option('--dry-run', 'validate and match every row on the server and report what would happen, writing nothing')
    .option('--resume', 'continue an interrupted sync of this file from its checkpoint (<file>.sync-checkpoint)')
    .option('--batch-size <n>', 'contacts per request (at most 1000)', positiveInt(1000), 500)
    .option('--concurrency <n>', 'requests in flight at once', positiveInt(32), 4)
    .option('--max-attempts <n>', 'tries per request before giving up', positiveInt(100), 8)
    .option('--retry-delay-ms <ms>', 'first retry delay; doubles each retry, with jitter', positiveInt(600_000), 500)
    .option('--request-timeout-ms <ms>', 'longest wait for one answer before it is retried', positiveInt(3_600_000), 120_000)
    .option('--json', 'print no progress; the last line of stdout is one JSON summary, whatever the outcome')
    .action(async (file: string, options: SyncCommandOptions) => {
      const rejectedFile = join(dirname(file), `${basename(file, extname(file))}.rejected.ndjson`);
      const say = (line: string) => !options.json && console.error(line);
      const stop = (message: string, summary: SyncSummary = emptySummary(options)) => {
        console.error(`sync stopped: ${message}`);
        if (options.json) console.log(JSON.stringify({ ...summary, error: message }));
        process.exitCode = 2;
      };
      if (!options.apiKey?.trim()) return stop('no API key: set CONTACTS_API_KEY (or pass --api-key) to a key of the workspace');
      if (options.resume && options.dryRun) return stop('--resume continues a sync that writes; a dry run has nothing to resume, run it without --resume');

      const progress = progressView(options.json ? 'none' : process.stderr.isTTY ? 'bar' : 'lines');
      try {
        const summary = await syncFile({
          file,
          format: options.format ?? formatOf(file),
          columnMap: options.map,
          batchSize: options.batchSize,
          concurrency: options.concurrency,
          url: options.url,
          apiKey: options.apiKey,
          dryRun: options.dryRun ?? false,
          resume: options.resume ?? false,
          maxAttempts: options.maxAttempts,
          retryDelayMs: options.retryDelayMs,
          requestTimeoutMs: options.requestTimeoutMs,
          rejectedFile,
          onProgress: (p) => progress.update(p),
          onIgnoredColumns: (columns) => say(`ignoring columns that are no contact field: ${columns.join(', ')}`),
          onRetry: (reason, attempt, waitMs) => say(`retrying a batch in ${Math.round(waitMs)} ms (attempt ${attempt} failed: ${reason})`),
          onCheckpointFailed: (reason) => say(reason),
          onResume: (rowsDone) =>
            say(rowsDone ? `resuming after the first ${rowsDone} rows, answered by an interrupted sync` : `no checkpoint ${checkpointPath(file)}: syncing from the first row`),
        });
        progress.stop();
        if (options.json) {
          console.log(JSON.stringify(summary));
        } else {
          console.log(describe(summary));
          if (summary.rejectedFile) console.log(`rejected rows and their errors: ${summary.rejectedFile}`);
        }
        process.exitCode = summary.failed ? 1 : 0;
      } catch (error) {
        progress.stop();
        if (!(error instanceof SyncStopped)) throw error;
        const { reason, summary } = error;
        const resumable = !summary.dryRun && summary.created + summary.updated + summary.unchanged + summary.failed > 0;
        const hint = resumable ? ` (--resume continues from the rows answered so far)` : '';
        stop(reason instanceof FatalSyncError ? `${reason.message}${hint}` : `unexpected error: ${error.message}${hint}`, summary);
      }
    });
}

function describe(summary: SyncSummary): string {
  const resumed = summary.resumedRows ? ` (${summary.resumedRows} of them answered before the sync was interrupted)` : '';
  const head = `${summary.rows} rows in ${summary.seconds.toFixed(1)} s${resumed}`;
  if (summary.dryRun) {
    return `dry run, nothing written: ${head}: ${summary.created} would be created, ${summary.updated} would be updated, ${summary.unchanged} unchanged, ${summary.failed} would fail`;
  }
  return `${head}: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.failed} failed`;
}

const emptySummary = (options: SyncCommandOptions): SyncSummary => ({
  rows: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  failed: 0,
  seconds: 0,
  rejectedFile: null,
  dryRun: options.dryRun ?? false,
  resumedRows: 0,
});

interface SyncCommandOptions {
  url: string;
  apiKey?: string;
  format?: 'csv' | 'ndjson';
  map: Record<string, string>;
  dryRun?: boolean;
  resume?: boolean;
  batchSize: number;
  concurrency: number;
  maxAttempts: number;
  retryDelayMs: number;
  requestTimeoutMs: number;
  json?: boolean;
}
