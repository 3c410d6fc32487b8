/**
 * The sync command on exports as each CRM writes them, against a real server:
 * headers recognised without --map, delimiters, encodings, line endings, XLSX,
 * multi-line street addresses kept as they are, and the exact line of each reject.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { createEmptyDatabase } from '../support/database.js';
import { npmRun, startServer, type ServerProcess } from '../support/processes.js';

let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
let server: ServerProcess;
let db: Database;
let apiKey: string;
let dir: string;

beforeAll(async () => {
  database = await createEmptyDatabase();
  ({ apiKey } = JSON.parse((await npmRun('cli', ['workspace', 'create', 'formats', '--json'], { DATABASE_URL: database.url })).stdout) as { apiKey: string });
  server = await startServer({ DATABASE_URL: database.url });
  db = await openDatabase(database.url);
  dir = mkdtempSync(`${tmpdir()}/contacts-sync-formats-`);
});
afterAll(async () => {
  server?.child.kill('SIGKILL');
  await db?.close();
  await database?.remove();
  rmSync(dir, { recursive: true, force: true });
});

interface Summary {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  rejectedFile: string | null;
  layout?: { format: string; encoding?: string; delimiter?: string; preset: string | null; fields: { field: string; columns: string[] }[]; ignored: string[] };
}

/** Runs `cli sync` as a user would; the summary is the last line of stdout. */
async function sync(file: string, args: string[] = [], json = true) {
  const argv = ['sync', file, '--url', `${server.url}/graphql`, ...(json ? ['--json'] : []), ...args];
  const parse = (stdout: string) => (json && stdout.trim() ? (JSON.parse(stdout.trim().split('\n').at(-1)!) as Summary) : undefined);
  try {
    const { stdout, stderr } = await npmRun('cli', argv, { CONTACTS_API_KEY: apiKey });
    return { code: 0, summary: parse(stdout), stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, summary: parse(stdout), stdout, stderr };
  }
}

const write = (name: string, content: string | Buffer) => {
  const path = `${dir}/${name}`;
  writeFileSync(path, content);
  return path;
};

/** The rejects file as line number → the first error's field and code. */
function rejects(summary: Summary | undefined): [number, string | null, string][] {
  const lines = readFileSync(summary!.rejectedFile!, 'utf8').trim().split('\n');
  return lines
    .map((line) => JSON.parse(line) as { line: number; errors: { field: string | null; code: string }[] })
    .map((r): [number, string | null, string] => [r.line, r.errors[0]!.field, r.errors[0]!.code])
    .sort((a, b) => a[0] - b[0]);
}

const contact = (where: { trackingId?: string; email?: string }) => db.models.contact.findFirstOrThrow({ where });

/** The stored fields a sync may set, for field-by-field comparison. */
const fields = ['trackingId', 'email', 'firstName', 'lastName', 'phone', 'company', 'title', 'country', 'numberAndStreet', 'city', 'state', 'zipCode', 'prefix', 'suffix', 'note'] as const;
const stored = async (where: { trackingId?: string; email?: string }) => {
  const row = (await contact(where)) as unknown as Record<string, unknown>;
  return Object.fromEntries(fields.map((field) => [field, row[field] ?? null]));
};
const empty = Object.fromEntries(fields.map((field) => [field, null]));

describe('CRM exports without --map', () => {
  it('HubSpot (CSV, UTF-8 with BOM, CRLF): Record ID is the trackingId, a two-line street is kept, rejects on their lines', async () => {
    const file = write(
      'hubspot.csv',
      '\uFEFF' +
        [
          'Record ID,First Name,Last Name,Email,Phone Number,Company Name,Job Title,Street Address,City,State/Region,Postal Code,Country/Region,Lifecycle Stage',
          '5101,Ada,Lovelace,ada@hubspot.test,+44 20 7946 0001,"Analytical Engines, Ltd.",Countess,"12 St James\'s Square',
          'Flat 2",London,,SW1Y 4JH,United Kingdom,customer',
          '5102,Grace,Hopper,not-an-email,,,,,,,,,lead',
          '5103,Katherine,Johnson,katherine@hubspot.test,,NASA,Mathematician,"1 Langley Blvd',
          'Building 1244',
          'Room 3",Hampton,VA,23666,United States,customer',
          '5104,,Nobody,nobody@hubspot.test,,,,,,,,,lead',
        ].join('\r\n') +
        '\r\n',
    );
    const { code, summary } = await sync(file);
    expect(code).toBe(1);
    expect(summary).toMatchObject({ rows: 4, created: 2, failed: 2 });
    expect(summary!.layout).toMatchObject({ format: 'csv', encoding: 'utf8', delimiter: ',', preset: 'HubSpot', ignored: ['Lifecycle Stage'] });
    expect(summary!.layout!.fields).toContainEqual({ field: 'trackingId', columns: ['Record ID'] });
    expect(await stored({ trackingId: '5101' })).toEqual({
      ...empty,
      trackingId: '5101',
      email: 'ada@hubspot.test',
      firstName: 'Ada',
      lastName: 'Lovelace',
      phone: '+44 20 7946 0001',
      company: 'Analytical Engines, Ltd.',
      title: 'Countess',
      numberAndStreet: "12 St James's Square\r\nFlat 2",
      city: 'London',
      zipCode: 'SW1Y 4JH',
      country: 'United Kingdom',
    });
    expect((await stored({ trackingId: '5103' })).numberAndStreet).toBe('1 Langley Blvd\r\nBuilding 1244\r\nRoom 3');
    expect(rejects(summary)).toEqual([
      [4, 'email', 'INVALID'],
      [8, 'firstName', 'REQUIRED'],
    ]);
  });

  it('Salesforce Data Loader (upper-case headers, every field quoted, LF): Id, Salutation, MailingStreet, Description', async () => {
    const file = write(
      'salesforce.csv',
      [
        '"ID","ACCOUNTID","SALUTATION","FIRSTNAME","LASTNAME","EMAIL","PHONE","MOBILEPHONE","TITLE","MAILINGSTREET","MAILINGCITY","MAILINGSTATE","MAILINGPOSTALCODE","MAILINGCOUNTRY","DESCRIPTION"',
        '"0035g00000AbCdEAAV","0015g00000XyZaBAAV","Dr.","Mary","Jackson","mary@salesforce.test","","+1 757 555 0100","Engineer","4 Wind Tunnel Rd\nSuite 100","Hampton","VA","23681","USA","Met at ""Langley""\nFollow up in May"',
        '"0035g00000AbCdFAAV","","","Dorothy","Vaughan","dorothy@@salesforce.test","","","","","","","","",""',
      ].join('\n'),
    );
    const { code, summary } = await sync(file);
    expect(code).toBe(1);
    expect(summary!.layout).toMatchObject({ preset: 'Salesforce', ignored: ['ACCOUNTID'] });
    expect(await stored({ trackingId: '0035g00000AbCdEAAV' })).toEqual({
      ...empty,
      trackingId: '0035g00000AbCdEAAV',
      email: 'mary@salesforce.test',
      prefix: 'Dr.',
      firstName: 'Mary',
      lastName: 'Jackson',
      phone: '+1 757 555 0100',
      title: 'Engineer',
      numberAndStreet: '4 Wind Tunnel Rd\nSuite 100',
      city: 'Hampton',
      state: 'VA',
      zipCode: '23681',
      country: 'USA',
      note: 'Met at "Langley"\nFollow up in May',
    });
    // The first data row spans lines 2-4 (street and description each add one).
    expect(rejects(summary)).toEqual([[5, 'email', 'INVALID']]);
  });

  it('a Salesforce report saved by Excel as Unicode text (UTF-16 LE, tab-separated): Contact ID and Account Name', async () => {
    const text = [
      ['Contact ID', 'Salutation', 'First Name', 'Last Name', 'Title', 'Account Name', 'Mailing Street', 'Mailing City', 'Mailing State/Province', 'Mailing Zip/Postal Code', 'Mailing Country', 'Phone', 'Email'].join('\t'),
      ['0035g00000Report1', 'Ms.', 'Zoë', 'Ångström', 'Físico', 'Café Société', '"Rue de l’Église 3\r\n2e étage"', 'Genève', 'GE', '1204', 'Suisse', '+41 22 000 00 00', 'zoe@report.test'].join('\t'),
    ].join('\r\n');
    const file = write('report.txt', iconv.encode(text, 'utf16le', { addBOM: true }));
    const { code, summary } = await sync(file);
    expect(code).toBe(0);
    expect(summary!.layout).toMatchObject({ encoding: 'utf16le', delimiter: '\t', preset: 'Salesforce', ignored: [] });
    expect(await stored({ trackingId: '0035g00000Report1' })).toEqual({
      ...empty,
      trackingId: '0035g00000Report1',
      email: 'zoe@report.test',
      prefix: 'Ms.',
      firstName: 'Zoë',
      lastName: 'Ångström',
      title: 'Físico',
      company: 'Café Société',
      numberAndStreet: 'Rue de l’Église 3\r\n2e étage',
      city: 'Genève',
      state: 'GE',
      zipCode: '1204',
      country: 'Suisse',
      phone: '+41 22 000 00 00',
    });
  });

  it('Pipedrive (semicolons, as Excel writes in many European locales): Person - ID, the first email with a value', async () => {
    const file = write(
      'pipedrive.csv',
      [
        'Person - ID;Person - Name;Person - First name;Person - Last name;Person - Organization;Person - Email - Work;Person - Email - Home;Person - Phone - Work;Person - Job title;Person - Label',
        '77;Hedy Lamarr;Hedy;Lamarr;"Frequency; Hopping AG";;hedy@pipedrive.test;+43 1 000;Inventor;Hot',
        '78;Broken Row;Broken;Row;;x@pipedrive.test',
      ].join('\n'),
    );
    const { code, summary } = await sync(file);
    expect(code).toBe(1);
    expect(summary!.layout).toMatchObject({ delimiter: ';', preset: 'Pipedrive', ignored: ['Person - Name', 'Person - Label'] });
    expect(await stored({ trackingId: '77' })).toEqual({
      ...empty,
      trackingId: '77',
      firstName: 'Hedy',
      lastName: 'Lamarr',
      company: 'Frequency; Hopping AG',
      email: 'hedy@pipedrive.test',
      phone: '+43 1 000',
      title: 'Inventor',
    });
    expect(rejects(summary)).toEqual([[3, null, 'MALFORMED']]);
  });

  it('Attio (a full name, several emails in a cell): Record ID, the name split, the first email', async () => {
    const file = write(
      'attio.csv',
      [
        'Record ID,Name,Email addresses,Phone numbers,Company,Job title,Description,Primary location',
        '8f3a1c2e-0000-4000-8000-000000000001,Rosalind Elsie Franklin,"rosalind@attio.test, r.franklin@attio.test",+44 1223 000000,King\'s College,Chemist,"Photo 51",London',
      ].join('\n'),
    );
    const { code, summary } = await sync(file);
    expect(code).toBe(0);
    expect(summary!.layout).toMatchObject({ preset: 'Attio', ignored: ['Primary location'] });
    expect(await stored({ trackingId: '8f3a1c2e-0000-4000-8000-000000000001' })).toEqual({
      ...empty,
      trackingId: '8f3a1c2e-0000-4000-8000-000000000001',
      firstName: 'Rosalind Elsie',
      lastName: 'Franklin',
      email: 'rosalind@attio.test',
      phone: '+44 1223 000000',
      company: "King's College",
      title: 'Chemist',
      note: 'Photo 51',
    });
  });

  it('Google Contacts (no record id: matched by email; "a ::: b" cells)', async () => {
    const file = write(
      'google.csv',
      [
        'First Name,Middle Name,Last Name,Name Prefix,Name Suffix,Organization Name,Organization Title,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - Street,Address 1 - City,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country',
        'Alan,Mathison,Turing,Dr.,OBE,Bletchley Park,Cryptanalyst,"Enigma\nBombe",* myContacts,* Work,alan@google.test ::: alan@home.test,Mobile,+44 7700 900000,Work,"The Mansion\nSherwood Drive",Milton Keynes,Bucks,MK3 6EB,UK',
      ].join('\n'),
    );
    const { code, summary } = await sync(file);
    expect(code).toBe(0);
    expect(summary!.layout).toMatchObject({ preset: 'Google Contacts' });
    expect(await stored({ email: 'alan@google.test' })).toEqual({
      ...empty,
      email: 'alan@google.test',
      prefix: 'Dr.',
      firstName: 'Alan',
      lastName: 'Turing',
      suffix: 'OBE',
      company: 'Bletchley Park',
      title: 'Cryptanalyst',
      note: 'Enigma\nBombe',
      phone: '+44 7700 900000',
      numberAndStreet: 'The Mansion\nSherwood Drive',
      city: 'Milton Keynes',
      state: 'Bucks',
      zipCode: 'MK3 6EB',
      country: 'UK',
    });
  });

  it('Outlook (Windows-1252, CRLF): Title is the courtesy title, the business address whole, Street 2 as its second line', async () => {
    const text = [
      'Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,Business Street,Business Street 2,Business City,Business State,Business Postal Code,Business Country/Region,Home Street,Home City,Home Postal Code,Business Phone,Mobile Phone,E-mail Address,Notes',
      'Mme,Émilie,,du Châtelet,,Académie,,Physicienne,Rue Saint-Honoré 1,Bâtiment B,Paris,,75001,France,Cirey 2,Cirey,52110,,+33 6 00 00 00 00,emilie@outlook.test,Traduction de Newton – «Principia»',
      'Mr,Home,,Only,,,,,,,,,,,9 Side Street,Leeds,LS1 1AA,,,home@outlook.test,',
    ].join('\r\n');
    const file = write('outlook.csv', iconv.encode(text, 'windows1252'));
    const { code, summary } = await sync(file);
    expect(code).toBe(0);
    expect(summary!.layout).toMatchObject({ encoding: 'windows1252', preset: 'Outlook', ignored: ['Middle Name', 'Department'] });
    expect(await stored({ email: 'emilie@outlook.test' })).toEqual({
      ...empty,
      email: 'emilie@outlook.test',
      prefix: 'Mme',
      firstName: 'Émilie',
      lastName: 'du Châtelet',
      suffix: null,
      company: 'Académie',
      title: 'Physicienne',
      numberAndStreet: 'Rue Saint-Honoré 1\nBâtiment B',
      city: 'Paris',
      zipCode: '75001',
      country: 'France',
      phone: '+33 6 00 00 00 00',
      note: 'Traduction de Newton – «Principia»',
    });
    expect(await stored({ email: 'home@outlook.test' })).toMatchObject({ numberAndStreet: '9 Side Street', city: 'Leeds', zipCode: 'LS1 1AA', country: null });
  });

  it('an XLSX workbook (written by exceljs): numeric ids and zero-padded postal codes as shown, sheet rows as reject lines', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Contacts');
    sheet.addRow(['Record ID', 'First Name', 'Last Name', 'Email', 'Street Address', 'Postal Code', 'Lifecycle Stage']);
    const first = sheet.addRow([123456789012345, 'Lise', 'Meitner', 'lise@xlsx.test', 'Kaiser-Wilhelm-Platz 1\nHaus 2', 1234, 'customer']);
    first.getCell(6).numFmt = '00000';
    sheet.addRow([]);
    sheet.addRow([123456789012346, 'Bad', 'Email', 'bad@', '', '', 'lead']);
    book.addWorksheet('Notes').addRow(['not contacts']);
    const file = `${dir}/contacts.xlsx`;
    await book.xlsx.writeFile(file);

    const { code, summary } = await sync(file);
    expect(code).toBe(1);
    expect(summary).toMatchObject({ rows: 2, created: 1, failed: 1, layout: { format: 'xlsx', preset: 'HubSpot', ignored: ['Lifecycle Stage'] } });
    expect(await stored({ trackingId: '123456789012345' })).toEqual({
      ...empty,
      trackingId: '123456789012345',
      email: 'lise@xlsx.test',
      firstName: 'Lise',
      lastName: 'Meitner',
      numberAndStreet: 'Kaiser-Wilhelm-Platz 1\nHaus 2',
      zipCode: '01234',
    });
    expect(rejects(summary)).toEqual([[4, 'email', 'INVALID']]);

    const other = await sync(file, ['--sheet', '3']);
    expect(other.code).toBe(2);
    expect(other.stderr.trim()).toBe(`sync stopped: ${file} has no sheet 3: it has 2 sheets.`);
  });
});

describe('what the command says and when it stops', () => {
  it('prints which column feeds which field, and what it ignores, without --json', async () => {
    const file = write('shown.csv', 'Record ID,Email,First Name,Last Name,Phone Number,Mobile Phone Number,Lifecycle Stage\n9001,shown@x.test,Show,Me,,+1 555,lead\n');
    const { code, stdout, stderr } = await sync(file, [], false);
    expect(code).toBe(0);
    expect(stderr).toContain('reading shown.csv (CSV, utf8, delimiter ",") as a HubSpot export:');
    expect(stderr).toContain('Record ID → trackingId');
    expect(stderr).toContain('Phone Number, Mobile Phone Number → phone (the first with a value)');
    expect(stderr).toContain('ignored: Lifecycle Stage');
    expect(stdout).toMatch(/1 rows in .* 1 created/);
    expect((await contact({ trackingId: '9001' })).phone).toBe('+1 555');
  });

  it('lets --map and --preset decide over detection', async () => {
    const file = write('forced.csv', 'Id,Title,First Name,Last Name,E-mail Address,Stage\nforced-1,Dr.,Forced,Preset,forced@x.test,won\n');
    const { code, summary } = await sync(file, ['--preset', 'outlook', '--map', 'Id=trackingId', '--map', 'Stage=note']);
    expect(code).toBe(0);
    expect(summary!.layout).toMatchObject({ preset: 'Outlook', ignored: [] });
    expect(await contact({ trackingId: 'forced-1' })).toMatchObject({ prefix: 'Dr.', title: null, email: 'forced@x.test', note: 'won' });
  });

  it.each([
    ['a file with neither a trackingId nor an email column', 'names.csv', 'First Name,Last Name\nNo,Key\n', /has no column for trackingId or email, so no row could be matched to a contact/],
    ['an .xls workbook', 'old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00, 0x00]), /is an old Excel \(\.xls\) or other Office binary file, which the sync cannot read: export it as CSV \(UTF-8\) or XLSX/],
    ['a PDF named .csv', 'report.csv', Buffer.from('%PDF-1.4\n'), /is a PDF document/],
  ])('stops with exit code 2 and one sentence on %s, sending nothing', async (_, name, content, message) => {
    const before = await db.models.contact.count();
    const { code, stdout, stderr } = await sync(write(name, content));
    expect(code).toBe(2);
    // With --json the summary is still the last (here the only) line of stdout, carrying the sentence.
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ rows: 0, created: 0, updated: 0, failed: 0, error: expect.stringMatching(message) });
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
    expect(await db.models.contact.count()).toBe(before);
  });

  it('keeps reading NDJSON', async () => {
    const file = write('people.ndjson', `${JSON.stringify({ trackingId: 'nd-1', email: 'nd@x.test', firstName: 'Nd', lastName: 'Json', numberAndStreet: 'Line 1\nLine 2' })}\n`);
    const { code, summary } = await sync(file);
    expect(code).toBe(0);
    expect(summary).toMatchObject({ rows: 1, created: 1 });
    expect((await contact({ trackingId: 'nd-1' })).numberAndStreet).toBe('Line 1\nLine 2');
  });
});
