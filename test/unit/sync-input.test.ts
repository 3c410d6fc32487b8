/** How the sync tells what a file is: binaries refused, encodings, delimiters, lines, XLSX cells. */
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { csvTable } from '../../src/sync/input/csv.js';
import { SyncInputError } from '../../src/sync/input/errors.js';
import { binaryKind, detectDelimiter, detectEncoding, sniffFile } from '../../src/sync/input/sniff.js';
import type { TableRow } from '../../src/sync/input/table.js';
import { cellText, xlsxTable } from '../../src/sync/input/xlsx.js';
import { readRows, type Row } from '../../src/sync/records.js';

const dir = mkdtempSync(`${tmpdir()}/contacts-sync-input-`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: string | Buffer) => {
  const path = `${dir}/${name}`;
  writeFileSync(path, content);
  return path;
};

async function all<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

describe('binary files', () => {
  it.each([
    ['an .xls workbook (OLE2)', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), /old Excel \(\.xls\)/],
    ['a PDF', Buffer.from('%PDF-1.7\n%\xe2\xe3\n1 0 obj'), /a PDF document/],
    ['a "CSV" with NUL bytes', Buffer.from('email,firstName\n\0\0\x01\x02garbage'), /a binary file/],
  ])('refuses %s in one sentence that says to export CSV or XLSX', async (_, bytes, kind) => {
    const file = write('export.csv', bytes);
    const error = await sniffFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncInputError);
    expect((error as Error).message).toMatch(kind);
    expect((error as Error).message).toMatch(/export it as CSV \(UTF-8\) or XLSX/);
    expect((error as Error).message.split(/\.\s/)).toHaveLength(1);
  });

  it('takes a ZIP archive for a workbook, and refuses one that holds no worksheet', async () => {
    expect(binaryKind(Buffer.from('PK\x03\x04rest'))).toBe('zip');
    // An empty ZIP archive: only its end-of-central-directory record.
    const file = write('archive.xlsx', Buffer.concat([Buffer.from('PK\x05\x06'), Buffer.alloc(18)]));
    expect((await sniffFile(file)).format).toBe('xlsx');
    await expect(all(readRows(file, {}))).rejects.toThrow(/a ZIP archive with no worksheet, not an XLSX workbook: export it as CSV/);
  });

  it('says so in one sentence when the file is missing', async () => {
    await expect(sniffFile(`${dir}/nope.csv`)).rejects.toThrow(new SyncInputError(`cannot read ${dir}/nope.csv: there is no such file.`));
  });

  it('leaves text alone, UTF-16 (which has NUL bytes) included', () => {
    expect(binaryKind(Buffer.from('email\nada@example.com\n'))).toBeUndefined();
    expect(binaryKind(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('email', 'utf16le')]))).toBeUndefined();
  });
});

describe('encoding', () => {
  it('detects UTF-8 with and without a BOM, UTF-16 by its BOM, and Windows-1252 from invalid UTF-8', () => {
    expect(detectEncoding(Buffer.from('\uFEFFemail,Name\nx,Zoë\n'))).toBe('utf8');
    expect(detectEncoding(Buffer.from('email,Name\nx,Zoë\n'))).toBe('utf8');
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x65, 0x00]))).toBe('utf16le');
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0x00, 0x65]))).toBe('utf16be');
    expect(detectEncoding(iconv.encode('email,Name\nx,Zoë – “quoted”\n', 'windows1252'))).toBe('windows1252');
  });

  it('does not take a multi-byte character cut by the end of the sample for invalid UTF-8', () => {
    const bytes = Buffer.from('email,Name\nx,Zoë');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1))).toBe('utf8');
  });

  it.each([
    ['utf8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('email;lastName\r\nzoe@example.com;Zoë Ångström\r\n')])],
    ['utf16le with a BOM', iconv.encode('email;lastName\r\nzoe@example.com;Zoë Ångström\r\n', 'utf16le', { addBOM: true })],
    ['utf16be with a BOM', iconv.encode('email;lastName\r\nzoe@example.com;Zoë Ångström\r\n', 'utf16be', { addBOM: true })],
    ['windows1252', iconv.encode('email;lastName\r\nzoe@example.com;Zoë Ångström\r\n', 'windows1252')],
  ])('reads %s to the same text', async (name, bytes) => {
    const rows = await all(readRows(write(`${name}.csv`, bytes), {}));
    expect(rows).toMatchObject([{ line: 2, input: { email: 'zoe@example.com', lastName: 'Zoë Ångström' } }]);
    // The row as the rejects file would show it.
    expect(JSON.parse(JSON.stringify(rows[0]!.raw))).toEqual({ email: 'zoe@example.com', lastName: 'Zoë Ångström' });
  });

  it('reads the encoding it is told over the one it would detect', async () => {
    // ISO-8859-7 (Greek) bytes are invalid UTF-8 and would be taken as Windows-1252.
    const file = write('greek.csv', iconv.encode('email,lastName\nx@example.com,Αλφα\n', 'iso88597'));
    const [row] = await all(readRows(file, { encoding: 'iso88597' }));
    expect(row).toMatchObject({ input: { lastName: 'Αλφα' } });
    await expect(all(readRows(file, { encoding: 'klingon' }))).rejects.toThrow(/--encoding klingon is not an encoding/);
  });
});

describe('delimiter', () => {
  it('is the one found most often outside quotes in the header row', () => {
    expect(detectDelimiter('a,b,c\n1;2;3;4;5;6')).toBe(',');
    expect(detectDelimiter('"Name, full";Email;Phone\n')).toBe(';');
    expect(detectDelimiter('Name\tEmail\t"a;b;c"\n')).toBe('\t');
    expect(detectDelimiter('"a ;\n;; b",c\r\nx')).toBe(',');
    expect(detectDelimiter('email\n')).toBe(',');
  });

  it('is the one it is told, when told', async () => {
    // Two semicolons against one comma: detected as ';', which leaves no email column.
    const file = write('forced.csv', 'email,note;more;text\nx@example.com,a;b;c\n');
    await expect(all(readRows(file, {}))).rejects.toThrow(/has no column for trackingId or email/);
    expect(await all(readRows(file, { delimiter: ',' }))).toMatchObject([{ line: 2, input: { email: 'x@example.com' } }]);
  });
});

describe('line numbers', () => {
  // Line 1 header; 2–3 a quoted two-line note; 4 empty; 5 a row; 6–8 a three-line street; 9 too many fields; 10 a row.
  const lines = ['email,lastName,note', 'a@x.test,A,"one', 'two"', '', 'b@x.test,B,', 'c@x.test,C,"x', 'y', 'z"', 'd@x.test,D,,extra', 'e@x.test,E,'];
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('are each record’s first physical line in a %s file, after multi-line fields and empty lines', async (_, eol) => {
    const file = write(`lines-${eol.length}.csv`, lines.join(eol) + eol);
    const rows = await all(csvTable(file, { encoding: 'utf8', delimiter: ',' }));
    expect(rows.map((row: TableRow) => [row.line, 'cells' in row ? row.cells[0] : 'problem'])).toEqual([
      [1, 'email'],
      [2, 'a@x.test'],
      [5, 'b@x.test'],
      [6, 'c@x.test'],
      [9, 'problem'],
      [10, 'e@x.test'],
    ]);
    const c = rows.find((row) => 'cells' in row && row.cells[0] === 'c@x.test') as { cells: string[] };
    expect(c.cells[2]).toBe(['x', 'y', 'z'].join(eol));
  });

  it('count in UTF-16 files too', async () => {
    const file = write('lines-utf16.csv', iconv.encode(lines.join('\r\n'), 'utf16le', { addBOM: true }));
    const rows = await all(readRows(file, {}));
    expect(rows.map((row: Row) => row.line)).toEqual([2, 5, 6, 9, 10]);
  });
});

describe('XLSX', () => {
  it('shows cells as Excel does: number formats, big ids in full, rich text, formulas, dates', () => {
    expect(cellText({ value: 1234, numFmt: '00000' })).toBe('01234');
    expect(cellText({ value: 123456789012345, numFmt: 'General' })).toBe('123456789012345');
    expect(cellText({ value: 9007199254740993, numFmt: '' })).toBe('9007199254740992');
    expect(cellText({ value: 0.1 + 0.2, numFmt: 'General' })).toBe('0.3');
    expect(cellText({ value: 1234.5, numFmt: '#,##0.00' })).toBe('1,234.50');
    expect(cellText({ value: { richText: [{ text: 'Ada ' }, { text: 'King' }] }, numFmt: '' })).toBe('Ada King');
    expect(cellText({ value: { formula: 'A1', result: 42 }, numFmt: '00000' })).toBe('00042');
    expect(cellText({ value: new Date(Date.UTC(2024, 0, 5)), numFmt: 'yyyy-mm-dd' })).toBe('2024-01-05');
    expect(cellText({ value: true, numFmt: '' })).toBe('TRUE');
    expect(cellText({ value: null, numFmt: '' })).toBe('');
  });

  async function workbook(name: string) {
    const book = new ExcelJS.Workbook();
    const first = book.addWorksheet('People');
    first.addRow(['email', 'zipCode']);
    first.addRow(['first@x.test', 501]).getCell(2).numFmt = '00000';
    const second = book.addWorksheet('Leads');
    second.addRow(['email']);
    second.addRow([]);
    second.addRow(['second@x.test']);
    const file = `${dir}/${name}`;
    await book.xlsx.writeFile(file);
    return file;
  }

  it('reads the first sheet, or the one numbered, with sheet row numbers as lines', async () => {
    const file = await workbook('sheets.xlsx');
    expect(await all(xlsxTable(file, {}))).toEqual([
      { line: 1, cells: ['email', 'zipCode'] },
      { line: 2, cells: ['first@x.test', '00501'] },
    ]);
    const leads = [{ line: 1, cells: ['email'] }, { line: 3, cells: ['second@x.test'] }];
    expect(await all(xlsxTable(file, { sheet: 2 }))).toEqual(leads);
    await expect(all(xlsxTable(file, { sheet: 3 }))).rejects.toThrow(`${file} has no sheet 3: it has 2 sheets.`);
  });

  it('reads more shared strings than one block holds, the sheet before its table (as the streaming writer orders them)', async () => {
    const file = `${dir}/streamed.xlsx`;
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
    const sheet = book.addWorksheet('Contacts');
    sheet.addRow(['email', 'city']).commit();
    const rows = Array.from({ length: 5000 }, (_, i) => [`row-${i}@x.test`, i % 2 ? `Zürich ${i}` : `東京 ${i}`]);
    for (const row of rows) sheet.addRow(row).commit();
    sheet.commit();
    await book.commit();
    const read = await all(xlsxTable(file, {}));
    expect(read).toHaveLength(5001);
    expect(read.slice(1)).toEqual(rows.map((cells, i) => ({ line: i + 2, cells })));
  });

  /** A workbook made by hand, for what exceljs does not write: its shared strings as given. */
  async function handMadeWorkbook(name: string, sharedStrings: string, cells: string) {
    const zip = new yazl.ZipFile();
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const parts: Record<string, string> = {
      '[Content_Types].xml': `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
      '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      'xl/workbook.xml': `<workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="People" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      'xl/sharedStrings.xml': `<sst xmlns="${ns}">${sharedStrings}</sst>`,
      'xl/worksheets/sheet1.xml': `<worksheet xmlns="${ns}"><sheetData>${cells}</sheetData></worksheet>`,
    };
    for (const [path, xml] of Object.entries(parts)) zip.addBuffer(Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${xml}`), path);
    zip.end();
    const file = `${dir}/${name}`;
    await finished(zip.outputStream.pipe(createWriteStream(file)));
    return file;
  }

  it('shows a shared string as its cell does: rich-text runs joined, phonetic readings left out, entities decoded', async () => {
    const file = await handMadeWorkbook(
      'phonetic.xlsx',
      '<si><t>email</t></si><si><t>city</t></si><si><t>tokyo@x.test</t></si>' +
        '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>' +
        '<si><r><rPr><b/></rPr><t xml:space="preserve">Ada </t></r><r><t>King</t></r></si><si/><si><t>R&amp;D &lt;2&gt;</t></si>',
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' +
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>' +
        '<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3" t="s"><v>5</v></c><c r="C3" t="s"><v>6</v></c></row>',
    );
    expect(await all(xlsxTable(file, {}))).toEqual([
      { line: 1, cells: ['email', 'city'] },
      { line: 2, cells: ['tokyo@x.test', '東京'] },
      { line: 3, cells: ['Ada King', '', 'R&D <2>'] },
    ]);
  });
});
