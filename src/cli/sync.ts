/** `cli sync <file>`: streams a CSV or NDJSON file of contacts into the API. */
import { basename, dirname, extname, join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { progressView } from '../sync/progress.js';
import { formatOf } from '../sync/records.js';
import { FatalSyncError } from '../sync/send.js';
import { syncFile } from '../sync/sync.js';

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
    .addOption(new Option('--api-key <key>', 'the workspace API key').env('CONTACTS_API_KEY').makeOptionMandatory())
    .addOption(new Option('--format <format>', 'file format (default: from the file name)').choices(['csv', 'ndjson']))
    .option('--map <column=field>', 'read a column as a contact field (repeatable)', mapping, {})
    .option('--batch-size <n>', 'contacts per request (at most 1000)', positiveInt(1000), 500)
    .option('--concurrency <n>', 'requests in flight at once', positiveInt(32), 4)
    .option('--max-attempts <n>', 'tries per request before giving up', positiveInt(100), 8)
    .option('--retry-delay-ms <ms>', 'first retry delay; doubles each retry, with jitter', positiveInt(600_000), 500)
    .option('--json', 'print one JSON summary line and no progress')
    .action(async (file: string, options: SyncCommandOptions) => {
      const rejectedFile = join(dirname(file), `${basename(file, extname(file))}.rejected.ndjson`);
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
          maxAttempts: options.maxAttempts,
          retryDelayMs: options.retryDelayMs,
          rejectedFile,
          onProgress: (p) => progress.update(p),
          onIgnoredColumns: (columns) => !options.json && console.error(`ignoring columns that are no contact field: ${columns.join(', ')}`),
          onRetry: (reason, attempt, waitMs) => !options.json && console.error(`retrying a batch in ${Math.round(waitMs)} ms (attempt ${attempt} failed: ${reason})`),
        });
        progress.stop();
        if (options.json) {
          console.log(JSON.stringify(summary));
        } else {
          console.log(`${summary.rows} rows in ${summary.seconds.toFixed(1)} s: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.failed} failed`);
          if (summary.rejectedFile) console.log(`rejected rows and their errors: ${summary.rejectedFile}`);
        }
        process.exitCode = summary.failed ? 1 : 0;
      } catch (error) {
        progress.stop();
        if (!(error instanceof FatalSyncError)) throw error;
        console.error(`sync stopped: ${error.message}`);
        process.exitCode = 2;
      }
    });
}

interface SyncCommandOptions {
  url: string;
  apiKey: string;
  format?: 'csv' | 'ndjson';
  map: Record<string, string>;
  batchSize: number;
  concurrency: number;
  maxAttempts: number;
  retryDelayMs: number;
  json?: boolean;
}
