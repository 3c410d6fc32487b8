/**
 * What a contact file is, from its first bytes: a workbook, text (in which
 * encoding, split by which delimiter) or a binary the sync cannot read. The
 * content decides, not the file's name: exports are often misnamed.
 */
import { open } from 'node:fs/promises';
import { SyncInputError } from './errors.js';

export type FileFormat = 'csv' | 'ndjson' | 'xlsx';
export type Delimiter = ',' | ';' | '\t';
export const delimiters: readonly Delimiter[] = [',', ';', '\t'];

export interface Sniffed {
  format: FileFormat;
  /** An iconv-lite encoding name; `utf8` also for UTF-8 with a BOM. */
  encoding: string;
  /** For CSV. */
  delimiter: Delimiter;
}

export interface SniffOptions {
  format?: FileFormat;
  encoding?: string;
  delimiter?: Delimiter;
}

/** Enough of the file to see its header row and a few records. */
const sampleBytes = 64 * 1024;

const exportHint = 'export it as CSV (UTF-8) or XLSX and sync that file';

export async function sniffFile(file: string, options: SniffOptions = {}): Promise<Sniffed> {
  const sample = await readSample(file);
  const magic = binaryKind(sample);
  if (magic === 'zip') {
    if (options.format && options.format !== 'xlsx') throw new SyncInputError(`${file} is a ZIP archive, not ${options.format.toUpperCase()}: ${exportHint}.`);
    return { format: 'xlsx', encoding: 'utf8', delimiter: ',' };
  }
  if (magic) throw new SyncInputError(`${file} is ${magic}, which the sync cannot read: ${exportHint}.`);
  if (options.format === 'xlsx') throw new SyncInputError(`${file} is not an XLSX workbook: ${exportHint}.`);

  const encoding = options.encoding ?? detectEncoding(sample);
  const text = await decodeSample(sample, encoding);
  const format = options.format ?? (/\.(nd)?jsonl?$/i.test(file) || text.trimStart().startsWith('{') ? 'ndjson' : 'csv');
  return { format, encoding, delimiter: options.delimiter ?? detectDelimiter(text) };
}

/** The sample as text: UTF-8 and UTF-16 by the runtime's decoder, other encodings by iconv-lite (loaded only then). */
async function decodeSample(sample: Buffer, encoding: string): Promise<string> {
  const native = { utf8: 'utf-8', utf16le: 'utf-16le', utf16be: 'utf-16be' }[encoding];
  if (native) return new TextDecoder(native).decode(sample);
  const { default: iconv } = await import('iconv-lite');
  if (!iconv.encodingExists(encoding)) throw new SyncInputError(`--encoding ${encoding} is not an encoding the sync knows (e.g. utf8, utf16le, windows1252, latin1).`);
  return iconv.decode(sample, encoding);
}

async function readSample(file: string): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, 'r');
    const buffer = Buffer.alloc(sampleBytes);
    const { bytesRead } = await handle.read(buffer, 0, sampleBytes, 0);
    return buffer.subarray(0, bytesRead);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new SyncInputError(`cannot read ${file}: ${why}.`);
  } finally {
    await handle?.close();
  }
}

/**
 * The kind of a binary file, from its magic bytes: 'zip' for a ZIP archive (an
 * XLSX workbook, or another archive the workbook reader will refuse), a
 * description for any other binary, undefined for text.
 */
export function binaryKind(sample: Buffer): 'zip' | string | undefined {
  const starts = (...bytes: number[]) => bytes.every((byte, i) => sample[i] === byte);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return 'zip';
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'an old Excel (.xls) or other Office binary file';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF document';
  if (bomEncoding(sample)?.startsWith('utf16')) return undefined;
  // Text in UTF-8 or a single-byte code page has no NUL byte; nearly every binary format has many.
  if (sample.includes(0)) return 'a binary file, not text';
  return undefined;
}

function bomEncoding(sample: Buffer): string | undefined {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf16be';
  return undefined;
}

/**
 * UTF-8 (with or without a BOM) or UTF-16 with a BOM; text that is not valid
 * UTF-8 is taken as Windows-1252, in which Excel and older CRMs write CSV in
 * Western locales.
 */
export function detectEncoding(sample: Buffer): string {
  const bom = bomEncoding(sample);
  if (bom) return bom;
  try {
    // stream: a multi-byte character cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf8';
  } catch {
    return 'windows1252';
  }
}

/** The delimiter found most often outside quotes in the header row; a comma when there is none. */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<Delimiter, number>(delimiters.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text.replace(/^\uFEFF/, '')) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char as Delimiter)) counts.set(char as Delimiter, counts.get(char as Delimiter)! + 1);
  }
  let best: Delimiter = ',';
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}
