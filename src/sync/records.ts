/**
 * Reads a contact file as a stream of rows: CSV (header row, quoted fields,
 * embedded newlines, BOM) or NDJSON. A row that cannot be read becomes a
 * rejected row with its reason, never the end of the sync.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { contactFields, type ContactField } from '../contacts/fields.js';

export type RowFormat = 'csv' | 'ndjson';

export interface RowProblem {
  field: string | null;
  code: string;
  message: string;
}

export type Row =
  | { line: number; input: Partial<Record<ContactField, string | null>>; raw: unknown }
  | { line: number; problems: RowProblem[]; raw: unknown };

export interface ReadOptions {
  format: RowFormat;
  /** Source column → contact field, for headers that are not the field names. */
  columnMap?: Record<string, string>;
  /** Told how many bytes of the file have been read so far. */
  onBytes?: (bytes: number) => void;
  /** Told once about columns that map to no field (they are ignored). */
  onIgnoredColumns?: (columns: string[]) => void;
}

export function formatOf(file: string): RowFormat {
  return /\.(nd)?jsonl?$/i.test(file) ? 'ndjson' : 'csv';
}

const fieldByLowerName = new Map(contactFields.map((field) => [field.toLowerCase(), field]));

/** The contact field a column means: `--map` first, else its name (any case, `_`/`-`/spaces ignored). */
function fieldForColumn(column: string, columnMap: Record<string, string>): ContactField | undefined {
  const target = columnMap[column] ?? column;
  return fieldByLowerName.get(target.replace(/[\s_-]/g, '').toLowerCase());
}

export async function* readRows(file: string, options: ReadOptions): AsyncGenerator<Row> {
  const stream = createReadStream(file);
  let bytes = 0;
  stream.on('data', (chunk) => options.onBytes?.((bytes += chunk.length)));
  yield* options.format === 'csv' ? csvRows(stream, options) : ndjsonRows(stream, options);
}

async function* csvRows(stream: NodeJS.ReadableStream, options: ReadOptions): AsyncGenerator<Row> {
  const columnMap = options.columnMap ?? {};
  let columns: { name: string; field?: ContactField }[] | undefined;
  const skipped: Row[] = [];
  const parser = stream.pipe(
    parse({
      bom: true,
      columns: (header: string[]) => {
        columns = header.map((name) => ({ name, field: fieldForColumn(name.trim(), columnMap) }));
        const ignored = columns.filter((column) => !column.field).map((column) => column.name);
        if (ignored.length) options.onIgnoredColumns?.(ignored);
        return header;
      },
      info: true,
      raw: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
    }),
  );
  parser.on('skip', (error: Error & { lines: number; raw?: string }) => {
    const problem = { field: null, code: 'MALFORMED', message: `unreadable CSV row: ${error.message}` };
    skipped.push({ line: firstLine(error.lines, error.raw), problems: [problem], raw: error.raw ?? null });
  });
  for await (const { record, info, raw } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number }; raw: string }>) {
    yield* skipped.splice(0);
    const input: Partial<Record<ContactField, string>> = {};
    for (const column of columns!) if (column.field) input[column.field] = record[column.name]!;
    yield { line: firstLine(info.lines, raw), input, raw: record };
  }
  yield* skipped.splice(0);
}

/**
 * The line a CSV record starts on. csv-parse counts lines up to the one after
 * the record's end; a record with quoted line breaks began that many lines earlier.
 */
function firstLine(linesSeen: number, raw = ''): number {
  return linesSeen - 1 - (raw.match(/\n/g)?.length ?? 0);
}

async function* ndjsonRows(stream: NodeJS.ReadableStream, options: ReadOptions): AsyncGenerator<Row> {
  const columnMap = options.columnMap ?? {};
  const ignored = new Set<string>();
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line++;
    if (!text.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      yield { line, problems: [{ field: null, code: 'MALFORMED', message: `unreadable JSON: ${(error as Error).message}` }], raw: text };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { line, problems: [{ field: null, code: 'MALFORMED', message: 'each line must be a JSON object' }], raw: value };
      continue;
    }
    const input: Partial<Record<ContactField, string | null>> = {};
    const problems: RowProblem[] = [];
    for (const [key, fieldValue] of Object.entries(value)) {
      const field = fieldForColumn(key, columnMap);
      if (!field) {
        if (!ignored.has(key)) options.onIgnoredColumns?.([key]);
        ignored.add(key);
      } else if (fieldValue === null || typeof fieldValue === 'string') {
        input[field] = fieldValue;
      } else {
        problems.push({ field, code: 'INVALID', message: `${field} must be a string or null` });
      }
    }
    yield problems.length ? { line, problems, raw: value } : { line, input, raw: value };
  }
}
