/**
 * Reads a contact file as a stream of rows: CSV in any usual delimiter and
 * encoding, an XLSX worksheet, or NDJSON. The header names the fields, through
 * a CRM preset when it is one's export. A row that cannot be read becomes a
 * rejected row with its reason, never the end of the sync; a file that cannot
 * be read at all stops it before anything is sent.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { contactFields, type ContactField } from '../contacts/fields.js';
import { csvTable } from './input/csv.js';
import { SyncInputError } from './input/errors.js';
import { sniffFile, type Delimiter, type FileFormat } from './input/sniff.js';
import type { TableRow } from './input/table.js';
import { headerKey, planColumns, type ColumnPlan, type PresetName } from './presets.js';

export type RowFormat = FileFormat;

export interface RowProblem {
  field: string | null;
  code: string;
  message: string;
}

/** `line`: the row's first physical line in the file (1-based, the header is line 1), or its sheet row. */
export type Row =
  | { line: number; input: Partial<Record<ContactField, string | null>>; raw: unknown }
  | { line: number; problems: RowProblem[]; raw: unknown };

/** How the file is read: each left out is detected from the file. */
export interface ReadSettings {
  format?: RowFormat;
  encoding?: string;
  delimiter?: Delimiter;
  /** XLSX: a sheet's position (1-based). */
  sheet?: number;
  preset?: PresetName;
  /** Source column → contact field, wins over the preset. */
  columnMap?: Record<string, string>;
}

/** What the sync found in the file, told before the first row. */
export interface FileLayout {
  format: RowFormat;
  encoding?: string;
  delimiter?: Delimiter;
  /** The preset's label (e.g. "HubSpot"), when the header is a known export. */
  preset: string | null;
  /** Each field fed and the columns that feed it (the first with a value wins). */
  fields: { field: ContactField; columns: string[] }[];
  /** Columns that feed no field. */
  ignored: string[];
}

export interface ReadOptions extends ReadSettings {
  /** Told how many bytes of the file have been read so far. */
  onBytes?: (bytes: number) => void;
  /** CSV and XLSX: told once the header is read, before any row. */
  onLayout?: (layout: FileLayout) => void;
  /** NDJSON: told of each key that is no contact field, when first seen (it is ignored). */
  onIgnoredColumns?: (columns: string[]) => void;
}

export async function* readRows(file: string, options: ReadOptions): AsyncGenerator<Row> {
  const sniffed = await sniffFile(file, options);
  if (sniffed.format === 'ndjson') {
    yield* ndjsonRows(file, options);
    return;
  }
  // The workbook reader is loaded only for a workbook: it is most of the command's code, and most syncs are CSV.
  const table =
    sniffed.format === 'xlsx'
      ? (await import('./input/xlsx.js')).xlsxTable(file, { sheet: options.sheet, onBytes: options.onBytes })
      : csvTable(file, { encoding: sniffed.encoding, delimiter: sniffed.delimiter, onBytes: options.onBytes });
  let header: string[] | undefined;
  let plan: ColumnPlan | undefined;
  for await (const row of table as AsyncIterable<TableRow>) {
    if (!plan || !header) {
      if (!('cells' in row)) throw new SyncInputError(`the header row of ${file} cannot be read: ${row.problem}.`);
      header = row.cells.map((cell) => cell.trim());
      plan = planColumns(header, options);
      if (!plan.fields.some(({ field }) => field === 'trackingId' || field === 'email')) {
        throw new SyncInputError(`${file} has no column for trackingId or email, so no row could be matched to a contact: name the column that holds either with --map (e.g. --map "E-mail=email").`);
      }
      options.onLayout?.({
        format: sniffed.format,
        ...(sniffed.format === 'csv' ? { encoding: sniffed.encoding, delimiter: sniffed.delimiter } : {}),
        preset: plan.preset?.label ?? null,
        fields: plan.fields,
        ignored: plan.ignored,
      });
      continue;
    }
    if (!('cells' in row)) {
      yield { line: row.line, problems: [{ field: null, code: 'MALFORMED', message: row.problem }], raw: row.raw };
      continue;
    }
    const { cells } = row;
    if (cells.every((cell) => !cell.trim())) continue;
    if (cells.length > header.length && cells.slice(header.length).some((cell) => cell.trim())) {
      const message = `the row has ${cells.length} cells and the header ${header.length}`;
      yield { line: row.line, problems: [{ field: null, code: 'MALFORMED', message }], raw: cells };
      continue;
    }
    yield { line: row.line, input: plan.read(cells), raw: new CellsByColumn(header, cells) };
  }
  if (!plan) throw new SyncInputError(`${file} is empty: it has no header row.`);
}

/**
 * A row as the rejects file shows it, column → cell. Built only when written:
 * most rows are never rejected, and each row is held until its batch is answered.
 */
class CellsByColumn {
  constructor(
    private readonly header: readonly string[],
    private readonly cells: readonly string[],
  ) {}

  toJSON(): Record<string, string> {
    return Object.fromEntries(this.header.map((column, i) => [column, this.cells[i] ?? '']));
  }
}

const fieldByKey = new Map(contactFields.map((field) => [headerKey(field), field]));

async function* ndjsonRows(file: string, options: ReadOptions): AsyncGenerator<Row> {
  const stream = createReadStream(file);
  let bytes = 0;
  stream.on('data', (chunk) => options.onBytes?.((bytes += chunk.length)));
  const columnMap = options.columnMap ?? {};
  const fieldOf = (key: string) => fieldByKey.get(headerKey(columnMap[key] ?? key));
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
      const field = fieldOf(key);
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
