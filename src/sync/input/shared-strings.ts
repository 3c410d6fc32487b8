/**
 * A workbook's shared-string table (xl/sharedStrings.xml, where exceljs looks
 * for it), read in a pass of its own and held compactly: a few thousand strings
 * joined into one flat string, with where each ends. exceljs's streaming reader
 * would keep every string as a slice of the XML it was parsed from, and that XML
 * with it, for the whole read (docs/decisions.md, "Reading XLSX with exceljs").
 */
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';

const tablePath = 'xl/sharedStrings.xml';
/** Strings per block: a block is one string, so few objects, and a lookup scans nothing. */
const blockSize = 4096;

export class SharedStrings {
  private readonly blocks: string[] = [];
  private readonly ends: Uint32Array[] = [];
  private pending: string[] = [];

  /** The string at a cell's index; undefined for an index the table does not have. */
  get(index: number): string | undefined {
    const block = Math.floor(index / blockSize);
    const at = index % blockSize;
    const ends = this.ends[block];
    if (!ends || at >= ends.length) return undefined;
    return this.blocks[block]!.slice(at ? ends[at - 1] : 0, ends[at]);
  }

  /** Appends the next string of the table. */
  push(text: string): void {
    this.pending.push(text);
    if (this.pending.length === blockSize) this.seal();
  }

  /** Joins the strings not yet in a block into one: a fresh flat string, so the slices of the XML can go. */
  seal(): void {
    if (!this.pending.length) return;
    const ends = new Uint32Array(this.pending.length);
    let end = 0;
    this.pending.forEach((text, i) => (ends[i] = end += text.length));
    this.blocks.push(this.pending.join(''));
    this.ends.push(ends);
    this.pending = [];
  }
}

/**
 * Reads the table of the workbook `file` (empty when it has none). A string is
 * the text of its `<t>` elements, rich-text runs joined; phonetic readings
 * (`<rPh>`) are not part of what a cell shows.
 */
export async function readSharedStrings(file: string): Promise<SharedStrings> {
  const strings = new SharedStrings();
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== tablePath) continue;
      const xml = await zip.openReadStreamPromise(entry);
      xml.setEncoding('utf8');
      const parser = stringParser(strings);
      for await (const chunk of xml) parser.write(chunk as string);
      parser.close();
      break;
    }
  } finally {
    zip.close();
  }
  strings.seal();
  return strings;
}

function stringParser(strings: SharedStrings): SaxesParser {
  const parser = new SaxesParser();
  let text: string[] | undefined;
  let phonetic = false;
  let inText = false;
  parser.on('opentag', ({ name }) => {
    if (name === 'si') text = [];
    else if (name === 'rPh') phonetic = true;
    else if (name === 't') inText = text !== undefined && !phonetic;
  });
  parser.on('closetag', ({ name }) => {
    if (name === 't') inText = false;
    else if (name === 'rPh') phonetic = false;
    else if (name === 'si' && text) {
      strings.push(text.join(''));
      text = undefined;
    }
  });
  const characters = (chars: string) => {
    if (inText) text!.push(chars);
  };
  parser.on('text', characters);
  parser.on('cdata', characters);
  return parser;
}
