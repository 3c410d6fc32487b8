/** `cli sync <file>`: streams a CSV, XLSX or NDJSON file of contacts into the API. */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { checkpointPath } from '../sync/checkpoint.js';
import { progressView } from '../sync/progress.js';
import { SyncInputError } from '../sync/input/errors.js';
import type { Delimiter } from '../sync/input/sniff.js';
import { presetNames, type PresetName } from '../sync/presets.js';
import type { FileLayout } from '../sync/records.js';
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

const delimiterNames: Record<string, Delimiter> = { ',': ',', comma: ',', ';': ';', semicolon: ';', tab: '\t', '\t': '\t', '\\t': '\t' };
const delimiter = (value: string) => {
  const found = delimiterNames[value.toLowerCase()];
  if (!found) throw new InvalidArgumentError('one of , ; tab');
  return found;
};

/** The layout for a person: which column feeds which field, and what is left out. */
function describeLayout(file: string, layout: FileLayout): string {
  const how = layout.format === 'csv' ? `CSV, ${layout.encoding}, delimiter ${layout.delimiter === '\t' ? 'tab' : `"${layout.delimiter}"`}` : layout.format.toUpperCase();
  const lines = [`reading ${basename(file)} (${how})${layout.preset ? ` as a ${layout.preset} export` : ''}:`];
  for (const { field, columns } of layout.fields) {
    const several = columns.length > 1 ? (field === 'numberAndStreet' ? ' (as its lines)' : ' (the first with a value)') : '';
    lines.push(`  ${columns.join(', ')} → ${field}${several}`);
  }
  lines.push(layout.ignored.length ? `  ignored: ${layout.ignored.join(', ')}` : '  no column ignored');
  return lines.join('\n');
}

export function syncCommand(): Command {
  return new Command('sync')
    .description('Upsert every contact of a CSV, XLSX or NDJSON file through the API (idempotent: safe to re-run)')
    .argument('<file>', 'a CSV or XLSX file with a header row (a CRM export as it comes), or an NDJSON file of JSON objects')
    .requiredOption('--url <url>', 'the GraphQL endpoint, e.g. http://localhost:4000/graphql')
    .addOption(new Option('--api-key <key>', 'the workspace API key').env('CONTACTS_API_KEY'))
    .addOption(new Option('--format <format>', 'file format (default: from its content)').choices(['csv', 'xlsx', 'ndjson']))
    .addOption(new Option('--preset <crm>', 'read the columns as this export names them (default: from the header)').choices(presetNames))
    .option('--map <column=field>', 'read a column as a contact field, over any preset (repeatable)', mapping, {})
    .option('--delimiter <char>', 'CSV field delimiter: , ; or tab (default: from the header row)', delimiter)
    .option('--encoding <name>', 'CSV text encoding, e.g. utf8, utf16le, windows1252 (default: detected)')
    .option('--sheet <number>', 'XLSX: the worksheet to read, by its position (default: 1, the first)', positiveInt(10_000))
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
      // A dry run writes the same rejects file, which the interrupted sync's checkpoint still counts on.
      if (options.dryRun && existsSync(checkpointPath(file))) {
        return stop(`an interrupted sync of ${file} left ${checkpointPath(file)}: finish it with --resume, or delete that file, before a dry run`);
      }

      const progress = progressView(options.json ? 'none' : process.stderr.isTTY ? 'bar' : 'lines');
      let layout: FileLayout | undefined;
      try {
        const summary = await syncFile({
          file,
          format: options.format,
          columnMap: options.map,
          preset: options.preset,
          delimiter: options.delimiter,
          encoding: options.encoding,
          sheet: options.sheet,
          onLayout: (found) => {
            layout = found;
            if (!options.json) console.error(describeLayout(file, found));
          },
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
          console.log(JSON.stringify(layout ? { ...summary, layout } : summary));
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
        stop(reason instanceof FatalSyncError || reason instanceof SyncInputError ? `${reason.message}${hint}` : `unexpected error: ${error.message}${hint}`, summary);
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
  format?: 'csv' | 'xlsx' | 'ndjson';
  preset?: PresetName;
  map: Record<string, string>;
  delimiter?: Delimiter;
  encoding?: string;
  sheet?: number;
  dryRun?: boolean;
  resume?: boolean;
  batchSize: number;
  concurrency: number;
  maxAttempts: number;
  retryDelayMs: number;
  requestTimeoutMs: number;
  json?: boolean;
}
