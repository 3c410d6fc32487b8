/** Which CRM an export's header row is from, and which column feeds which contact field. */
import { describe, expect, it } from 'vitest';
import { SyncInputError } from '../../src/sync/input/errors.js';
import { detectPreset, planColumns } from '../../src/sync/presets.js';

/** Headers as each export writes them (the first ones of a default export, plus a column no field takes). */
const exportHeaders = {
  hubspot: ['Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number', 'Company Name', 'Job Title', 'Street Address', 'City', 'State/Region', 'Postal Code', 'Country/Region', 'Lifecycle Stage', 'Contact owner'],
  salesforce: ['Id', 'AccountId', 'Salutation', 'FirstName', 'LastName', 'Email', 'Phone', 'MobilePhone', 'Title', 'MailingStreet', 'MailingCity', 'MailingState', 'MailingPostalCode', 'MailingCountry', 'Description', 'OwnerId'],
  salesforceReport: ['Contact ID', 'Salutation', 'First Name', 'Last Name', 'Title', 'Account Name', 'Mailing Street', 'Mailing City', 'Mailing State/Province', 'Mailing Zip/Postal Code', 'Mailing Country', 'Phone', 'Email', 'Lead Source'],
  pipedrive: ['Person - ID', 'Person - Name', 'Person - First name', 'Person - Last name', 'Person - Organization', 'Person - Email - Work', 'Person - Email - Home', 'Person - Phone - Work', 'Person - Phone - Mobile', 'Person - Job title', 'Person - Label', 'Person - Owner'],
  attio: ['Record ID', 'Name', 'Email addresses', 'Phone numbers', 'Company', 'Job title', 'Description', 'Primary location', 'LinkedIn'],
  google: ['First Name', 'Middle Name', 'Last Name', 'Name Prefix', 'Name Suffix', 'Nickname', 'File As', 'Organization Name', 'Organization Title', 'Notes', 'Labels', 'E-mail 1 - Label', 'E-mail 1 - Value', 'Phone 1 - Label', 'Phone 1 - Value', 'Address 1 - Label', 'Address 1 - Street', 'Address 1 - City', 'Address 1 - Region', 'Address 1 - Postal Code', 'Address 1 - Country'],
  outlook: ['Title', 'First Name', 'Middle Name', 'Last Name', 'Suffix', 'Company', 'Department', 'Job Title', 'Business Street', 'Business Street 2', 'Business City', 'Business State', 'Business Postal Code', 'Business Country/Region', 'Home Street', 'Home City', 'Home State', 'Home Postal Code', 'Home Country/Region', 'Business Phone', 'Mobile Phone', 'E-mail Address', 'E-mail 2 Address', 'Notes'],
};

const fieldsOf = (header: string[], options = {}) => Object.fromEntries(planColumns(header, options).fields.map(({ field, columns }) => [field, columns]));

describe('preset detection', () => {
  it.each([
    ['hubspot', exportHeaders.hubspot, 'HubSpot'],
    ['salesforce', exportHeaders.salesforce, 'Salesforce'],
    ['salesforceReport', exportHeaders.salesforceReport, 'Salesforce'],
    ['pipedrive', exportHeaders.pipedrive, 'Pipedrive'],
    ['attio', exportHeaders.attio, 'Attio'],
    ['google', exportHeaders.google, 'Google Contacts'],
    ['outlook', exportHeaders.outlook, 'Outlook'],
  ])('knows a %s export by its header', (_, header, label) => {
    expect(detectPreset(header)?.label).toBe(label);
  });

  it('knows Salesforce Data Loader’s upper-case headers, and exports whatever the case and spacing', () => {
    expect(detectPreset(['ID', 'FIRSTNAME', 'LASTNAME', 'EMAIL', 'MAILINGSTREET'])?.name).toBe('salesforce');
    expect(detectPreset(['record id', 'EMAIL', 'phone number'])?.name).toBe('hubspot');
  });

  it('takes no preset for a file named by field names, or for a header it does not know', () => {
    expect(detectPreset(['trackingId', 'email', 'firstName', 'lastName'])).toBeUndefined();
    expect(detectPreset(['Id', 'Email', 'First Name'])).toBeUndefined();
  });
});

describe('column plan', () => {
  it('maps a HubSpot export, Record ID as the trackingId, and lists what it ignores', () => {
    const plan = planColumns(exportHeaders.hubspot);
    expect(fieldsOf(exportHeaders.hubspot)).toEqual({
      trackingId: ['Record ID'],
      email: ['Email'],
      firstName: ['First Name'],
      lastName: ['Last Name'],
      phone: ['Phone Number'],
      company: ['Company Name'],
      title: ['Job Title'],
      numberAndStreet: ['Street Address'],
      city: ['City'],
      state: ['State/Region'],
      zipCode: ['Postal Code'],
      country: ['Country/Region'],
    });
    expect(plan.ignored).toEqual(['Lifecycle Stage', 'Contact owner']);
  });

  it('maps Salesforce exports: Id and Contact ID as the trackingId, Salutation, Description, the account’s name (not its id)', () => {
    expect(fieldsOf(exportHeaders.salesforce)).toMatchObject({ trackingId: ['Id'], prefix: ['Salutation'], phone: ['Phone', 'MobilePhone'], note: ['Description'], numberAndStreet: ['MailingStreet'], zipCode: ['MailingPostalCode'] });
    expect(planColumns(exportHeaders.salesforce).ignored).toEqual(['AccountId', 'OwnerId']);
    expect(fieldsOf(exportHeaders.salesforceReport)).toMatchObject({ trackingId: ['Contact ID'], company: ['Account Name'], state: ['Mailing State/Province'], zipCode: ['Mailing Zip/Postal Code'] });
  });

  it('takes the first column with a value where several feed one field, and the first value of a list cell', () => {
    const pipedrive = planColumns(exportHeaders.pipedrive);
    const row = (values: Record<string, string>) => exportHeaders.pipedrive.map((column) => values[column] ?? '');
    expect(pipedrive.read(row({ 'Person - ID': '7', 'Person - First name': 'Ada', 'Person - Last name': 'Lovelace', 'Person - Email - Home': 'ada@home.test', 'Person - Phone - Mobile': '+44 2' }))).toMatchObject({
      trackingId: '7',
      email: 'ada@home.test',
      phone: '+44 2',
    });
    const attio = planColumns(exportHeaders.attio);
    const cells = ['rec-1', 'Ada King Lovelace', 'ada@x.test, ada@y.test', '+44 1,+44 2', 'Engines', 'Countess', 'Met at a ball', 'London', 'https://linkedin.test/ada'];
    expect(attio.read(cells)).toEqual({ trackingId: 'rec-1', email: 'ada@x.test', firstName: 'Ada King', lastName: 'Lovelace', phone: '+44 1', company: 'Engines', title: 'Countess', note: 'Met at a ball' });
    expect(attio.ignored).toEqual(['Primary location', 'LinkedIn']);
  });

  it('takes one postal address whole (Outlook: business, else home) and joins street columns as lines', () => {
    const plan = planColumns(exportHeaders.outlook);
    const row = (values: Record<string, string>) => exportHeaders.outlook.map((column) => values[column] ?? '');
    const business = plan.read(row({ 'Business Street': '1 Main St', 'Business Street 2': 'Suite 4', 'Business City': 'Oslo', 'Home Street': '9 Side St', 'Home City': 'Bergen', Title: 'Dr.', 'Job Title': 'Surgeon' }));
    expect(business).toMatchObject({ numberAndStreet: '1 Main St\nSuite 4', city: 'Oslo', state: '', zipCode: '', country: '', prefix: 'Dr.', title: 'Surgeon' });
    const home = plan.read(row({ 'Home Street': '9 Side St', 'Home City': 'Bergen', 'Home Postal Code': '5003' }));
    expect(home).toMatchObject({ numberAndStreet: '9 Side St', city: 'Bergen', zipCode: '5003' });
  });

  it('lets --map win over the preset, and a forced preset over the detected one', () => {
    expect(fieldsOf(exportHeaders.hubspot, { columnMap: { 'Lifecycle Stage': 'note', 'Company Name': 'title' } })).toMatchObject({ note: ['Lifecycle Stage'], title: ['Company Name'] });
    expect(fieldsOf(exportHeaders.hubspot, { columnMap: { 'Company Name': 'title' } }).company).toBeUndefined();
    // As Outlook, "Title" is the courtesy title; as Salesforce, the job title.
    const header = ['Id', 'Title', 'First Name', 'Last Name', 'E-mail Address', 'Email'];
    expect(fieldsOf(header, { preset: 'outlook' })).toMatchObject({ prefix: ['Title'], email: ['E-mail Address'] });
    expect(fieldsOf(header, { preset: 'salesforce' })).toMatchObject({ title: ['Title'], email: ['Email'], trackingId: ['Id'] });
  });

  it('reads field names in any case and spelling when no preset knows the column', () => {
    expect(fieldsOf(['Tracking ID', 'E-Mail', 'first_name', 'zip-code', 'Favourite Colour'])).toEqual({ trackingId: ['Tracking ID'], email: ['E-Mail'], firstName: ['first_name'], zipCode: ['zip-code'] });
  });

  it('refuses a --map to something that is no contact field, before anything is read', () => {
    expect(() => planColumns(['a'], { columnMap: { a: 'shoeSize' } })).toThrow(SyncInputError);
    expect(() => planColumns(['a'], { columnMap: { a: 'shoeSize' } })).toThrow(/"shoeSize" is not a contact field/);
  });
});
