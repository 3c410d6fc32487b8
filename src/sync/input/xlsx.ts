/**
 * The rows of one worksheet of an XLSX workbook, streamed (exceljs's
 * WorkbookReader): memory holds the shared strings (read compactly, by
 * shared-strings.ts) and the styles, never the sheet. Each cell becomes the
 * text a person sees in it.
 */
import { createReadStream } from 'node:fs';
import ExcelJS, { type Cell, type CellValue, type Row } from 'exceljs';
import { format as formatNumber } from 'numfmt';
import { SyncInputError } from './errors.js';
import { readSharedStrings, type SharedStrings } from './shared-strings.js';
import type { TableRow } from './table.js';

export interface XlsxOptions {
  /** A sheet's position in the workbook (1 = the first, the default). */
  sheet?: number;
  onBytes?: (bytes: number) => void;
}

const exportHint = 'export it as CSV (UTF-8) or XLSX and sync that file';

export async function* xlsxTable(file: string, options: XlsxOptions): AsyncGenerator<TableRow> {
  let strings: SharedStrings;
  try {
    strings = await readSharedStrings(file);
  } catch (error) {
    throw unreadable(file, error);
  }
  // Opened only now: the byte counter below sets the stream flowing, and the workbook reader must see its first byte.
  const source = createReadStream(file);
  let bytes = 0;
  source.on('data', (chunk) => options.onBytes?.((bytes += chunk.length)));
  // Hyperlinks are not needed (a cell's text is kept) and would cost memory. Shared strings
  // are ignored: exceljs then gives a cell the string's index in the table read above.
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(source, { sharedStrings: 'ignore', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  // By position: the streaming reader's typings give a worksheet no name to match.
  const wanted = options.sheet ?? 1;
  let sheets = 0;
  let found = false;
  try {
    for await (const worksheet of workbook) {
      if (++sheets !== wanted) continue;
      found = true;
      for await (const rows of worksheet as AsyncIterable<Row | Row[]>) {
        // The reader yields rows in arrays, for speed.
        for (const row of Array.isArray(rows) ? rows : [rows]) yield { line: row.number, cells: rowCells(row, strings) };
      }
      break;
    }
  } catch (error) {
    if (error instanceof SyncInputError) throw error;
    throw unreadable(file, error);
  } finally {
    source.destroy();
  }
  if (found) return;
  if (!sheets) throw new SyncInputError(`${file} is a ZIP archive with no worksheet, not an XLSX workbook: ${exportHint}.`);
  throw new SyncInputError(`${file} has no sheet ${wanted}: it has ${sheets === 1 ? 'one sheet' : `${sheets} sheets`}.`);
}

const unreadable = (file: string, error: unknown) => new SyncInputError(`${file} could not be read as an XLSX workbook (${(error as Error).message}): ${exportHint}.`);

function rowCells(row: Row, strings: SharedStrings): string[] {
  const cells: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    cells[column - 1] = cellText(cell, strings);
  });
  return Array.from(cells, (text) => text ?? '');
}

/** A cell as shown: numbers through their number format (leading zeros kept), big ids in full. */
export function cellText(cell: Pick<Cell, 'value' | 'numFmt'>, strings?: SharedStrings): string {
  const { value } = cell;
  // A shared string's cell, as exceljs gives it when it does not hold the table: the index into it.
  if (value && typeof value === 'object' && 'sharedString' in value) return strings?.get(value.sharedString as number) ?? '';
  return valueText(value, cell.numFmt);
}

function valueText(value: CellValue | undefined, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return numberText(value, numFmt);
  if (value instanceof Date) return numFmt && numFmt !== 'General' ? formatNumber(numFmt, value) : value.toISOString().replace(/T00:00:00\.000Z$/, '');
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) return '';
  if ('result' in value) return valueText(value.result as CellValue, numFmt);
  if ('text' in value) return typeof value.text === 'string' ? value.text : valueText(value.text as CellValue, numFmt);
  return '';
}

/** Made once: toLocaleString with options builds a formatter on every call, a heavy allocation per id cell. */
const wholeNumber = new Intl.NumberFormat('en-US', { useGrouping: false, maximumFractionDigits: 0 });

/**
 * "General" and text formats show an integer in full (Excel would switch a long
 * id to 1.23E+15 in a narrow column, which no CRM id means); other formats
 * (`00000` for a postal code, `#,##0.00`) as Excel renders them.
 */
function numberText(value: number, numFmt: string | undefined): string {
  if (!numFmt || numFmt === 'General' || numFmt === '@') {
    if (Number.isInteger(value)) return wholeNumber.format(value);
    return String(Number(value.toPrecision(15)));
  }
  try {
    return formatNumber(numFmt, value);
  } catch {
    return String(value);
  }
}
