/**
 * The rows of a delimited text file, decoded and split, each with the physical
 * line it starts on. Malformed records (an unclosed quote, a wrong number of
 * fields) become rows with a problem, and the reading goes on.
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import type { Delimiter } from './sniff.js';
import type { TableRow } from './table.js';

export interface CsvOptions {
  encoding: string;
  delimiter: Delimiter;
  onBytes?: (bytes: number) => void;
}

type Parsed = { record: string[]; raw: string };

export async function* csvTable(file: string, options: CsvOptions): AsyncGenerator<TableRow> {
  // iconv-lite's code tables are loaded only for a file that needs them, and before
  // the file is opened: the byte count's listener sets the file flowing.
  const decoder = options.encoding === 'utf8' ? undefined : (await import('iconv-lite')).default.decodeStream(options.encoding);
  const source = createReadStream(file);
  let bytes = 0;
  source.on('data', (chunk) => options.onBytes?.((bytes += chunk.length)));
  // A malformed record is reported while the parser runs ahead of the reader:
  // `after` (how many records came before it) puts it back in its place.
  const skipped: { message: string; raw: string; after: number }[] = [];
  const parser = parse({
    bom: true,
    delimiter: options.delimiter,
    raw: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error, raw) => void skipped.push({ message: error?.message ?? 'malformed record', raw: raw ?? '', after: parser.info.records }),
  });
  // UTF-8 goes to the parser as bytes (it decodes whole fields); other encodings are decoded first.
  // Errors (an unreadable file) end the iteration below; the callback has nothing to add.
  const done = () => {};
  const rows: AsyncIterable<Parsed> = decoder ? pipeline(source, decoder, parser, done) : pipeline(source, parser, done);

  const lines = new LineCounter();
  const skippedUpTo = function* (records: number): Generator<TableRow> {
    while (skipped.length && skipped[0]!.after <= records) {
      const { message, raw } = skipped.shift()!;
      yield { line: lines.next(raw), problem: `unreadable CSV row: ${message}`, raw: raw.replace(/[\r\n]+$/, '') || null };
    }
  };
  let records = 0;
  for await (const { record, raw } of rows) {
    yield* skippedUpTo(records++);
    yield { line: lines.next(raw), cells: record };
  }
  yield* skippedUpTo(Infinity);
}

/**
 * Where each record starts, from the text csv-parse read for it (`raw`: the
 * empty lines skipped before it, the record, its line ending). csv-parse's own
 * `info.lines` counts a quoted CRLF as two lines, so it cannot say this for a
 * Windows file with multi-line fields; a line break here is CRLF, LF or CR.
 */
class LineCounter {
  private consumed = 0;

  next(raw: string): number {
    let breaks = 0;
    let leading = -1;
    for (let i = 0; i < raw.length; i++) {
      const char = raw.charCodeAt(i);
      if (char === 13 || char === 10) {
        breaks++;
        if (char === 13 && raw.charCodeAt(i + 1) === 10) i++;
      } else if (leading < 0) {
        leading = breaks;
      }
    }
    const line = this.consumed + 1 + (leading < 0 ? breaks : leading);
    this.consumed += breaks;
    return line;
  }
}
