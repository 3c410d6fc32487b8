/**
 * The column layouts of the CRM and address-book exports people have, and the
 * plan that turns a header row into contact fields: a preset recognised from
 * the header (or forced), then the field names themselves, then `--map`.
 */
import { contactFields, type ContactField } from '../contacts/fields.js';
import { SyncInputError } from './input/errors.js';

export const presetNames = ['hubspot', 'salesforce', 'pipedrive', 'attio', 'google', 'outlook'] as const;
export type PresetName = (typeof presetNames)[number];

type AddressField = 'numberAndStreet' | 'city' | 'state' | 'zipCode' | 'country';
const addressFields: readonly AddressField[] = ['numberAndStreet', 'city', 'state', 'zipCode', 'country'];

/** A field fed by one full-name column, split when the file has no first/last name columns. */
type Target = ContactField | 'fullName';

/** One postal address of a layout: its columns per field; several street columns are its lines. */
type Address = Partial<Record<AddressField, string[]>>;

export interface Preset {
  name: PresetName;
  label: string;
  /** Headers only this export writes: one of them in a header row names the preset. */
  signature: string[];
  /** Columns per field, in priority: the first one with a value feeds it. */
  fields: Partial<Record<Target, string[]>>;
  /** Postal addresses in priority: the first with any value is taken whole, never mixed with another. */
  addresses?: Address[];
  /** A cell holding several values (emails, phones) keeps the first. */
  listSeparator?: string;
  /** Street columns joined on one line (a house number and a road) rather than as lines. */
  streetOnOneLine?: boolean;
}

/** Pipedrive writes "Person - " before each column of a person export, and nothing before in a list view's. */
const pipedrive = (...headers: string[]) => headers.flatMap((header) => [`Person - ${header}`, header]);

export const presets: readonly Preset[] = [
  {
    name: 'hubspot',
    label: 'HubSpot',
    signature: ['Phone Number', 'Company Name', 'Street Address', 'State/Region', 'Country/Region', 'Mobile Phone Number', 'Lifecycle Stage', 'Contact owner', 'hs_object_id'],
    fields: {
      trackingId: ['Record ID', 'hs_object_id'],
      email: ['Email'],
      firstName: ['First Name', 'firstname'],
      lastName: ['Last Name', 'lastname'],
      phone: ['Phone Number', 'Mobile Phone Number', 'phone', 'mobilephone'],
      company: ['Company Name', 'company'],
      title: ['Job Title', 'jobtitle'],
      prefix: ['Salutation'],
    },
    addresses: [{ numberAndStreet: ['Street Address', 'address'], city: ['City'], state: ['State/Region', 'state'], zipCode: ['Postal Code', 'zip'], country: ['Country/Region', 'country'] }],
  },
  {
    name: 'salesforce',
    label: 'Salesforce',
    signature: ['MailingStreet', 'MailingCity', 'MailingState', 'MailingPostalCode', 'MailingCountry', 'AccountId', 'MobilePhone', 'Mailing Street', 'Mailing City', 'Mailing State/Province', 'Mailing Zip/Postal Code', 'Mailing Country', 'Mailing Address Line 1', 'Contact ID', 'Account Name'],
    fields: {
      trackingId: ['Id', 'Contact ID'],
      prefix: ['Salutation'],
      firstName: ['FirstName', 'First Name'],
      lastName: ['LastName', 'Last Name'],
      suffix: ['Suffix'],
      email: ['Email'],
      phone: ['Phone', 'MobilePhone', 'Mobile'],
      title: ['Title'],
      company: ['Account Name', 'Account.Name'],
      note: ['Description'],
    },
    addresses: [
      {
        numberAndStreet: ['MailingStreet', 'Mailing Street', 'Mailing Address Line 1', 'Mailing Address Line 2', 'Mailing Address Line 3'],
        city: ['MailingCity', 'Mailing City'],
        state: ['MailingState', 'Mailing State/Province', 'Mailing State'],
        zipCode: ['MailingPostalCode', 'Mailing Zip/Postal Code', 'Mailing Postal Code'],
        country: ['MailingCountry', 'Mailing Country'],
      },
    ],
  },
  {
    name: 'pipedrive',
    label: 'Pipedrive',
    signature: ['Person - ID', 'Person - Name', 'Person - Email - Work', 'Person - Phone - Work', 'Person - Organization', 'Email - Work', 'Phone - Work', 'Phone - Mobile'],
    fields: {
      trackingId: pipedrive('ID'),
      firstName: pipedrive('First name'),
      lastName: pipedrive('Last name'),
      fullName: pipedrive('Name'),
      email: pipedrive('Email - Work', 'Email - Home', 'Email - Other', 'Email'),
      phone: pipedrive('Phone - Work', 'Phone - Mobile', 'Phone - Home', 'Phone - Other', 'Phone'),
      company: pipedrive('Organization'),
      title: pipedrive('Job title'),
    },
    addresses: [
      {
        numberAndStreet: pipedrive('Postal address - Street number', 'Postal address - Street/road name'),
        city: pipedrive('Postal address - City/town/village/locality'),
        state: pipedrive('Postal address - State/county'),
        zipCode: pipedrive('Postal address - ZIP/Postal code'),
        country: pipedrive('Postal address - Country'),
      },
    ],
    streetOnOneLine: true,
  },
  {
    name: 'attio',
    label: 'Attio',
    signature: ['Email addresses', 'Phone numbers', 'Primary location'],
    fields: {
      trackingId: ['Record ID'],
      firstName: ['First name'],
      lastName: ['Last name'],
      fullName: ['Name'],
      email: ['Email addresses'],
      phone: ['Phone numbers'],
      company: ['Company'],
      title: ['Job title'],
      note: ['Description'],
    },
    listSeparator: ',',
  },
  {
    name: 'google',
    label: 'Google Contacts',
    signature: ['Given Name', 'Family Name', 'E-mail 1 - Value', 'Phone 1 - Value', 'Organization Name', 'Organization 1 - Name', 'Address 1 - Street', 'Name Prefix', 'File As'],
    fields: {
      prefix: ['Name Prefix'],
      firstName: ['First Name', 'Given Name'],
      lastName: ['Last Name', 'Family Name'],
      suffix: ['Name Suffix'],
      email: ['E-mail 1 - Value', 'E-mail 2 - Value', 'E-mail 3 - Value'],
      phone: ['Phone 1 - Value', 'Phone 2 - Value', 'Phone 3 - Value'],
      company: ['Organization Name', 'Organization 1 - Name'],
      title: ['Organization Title', 'Organization 1 - Title'],
      note: ['Notes'],
    },
    addresses: [1, 2, 3].map((n) => ({
      numberAndStreet: [`Address ${n} - Street`, `Address ${n} - Extended Address`],
      city: [`Address ${n} - City`],
      state: [`Address ${n} - Region`],
      zipCode: [`Address ${n} - Postal Code`],
      country: [`Address ${n} - Country`],
    })),
    // Google writes a cell's several values as "a ::: b".
    listSeparator: ':::',
  },
  {
    name: 'outlook',
    label: 'Outlook',
    signature: ['E-mail Address', 'E-mail 2 Address', 'Business Street', 'Business City', 'Business Phone', 'Home Street', 'Home Phone', 'Business Country/Region'],
    fields: {
      // Outlook's "Title" is the courtesy title (Mr., Dr.); the job is "Job Title".
      prefix: ['Title'],
      firstName: ['First Name'],
      lastName: ['Last Name'],
      suffix: ['Suffix'],
      email: ['E-mail Address', 'E-mail 2 Address', 'E-mail 3 Address'],
      phone: ['Business Phone', 'Mobile Phone', 'Home Phone', 'Primary Phone', 'Business Phone 2', 'Other Phone'],
      company: ['Company'],
      title: ['Job Title'],
      note: ['Notes'],
    },
    addresses: ['Business', 'Home', 'Other'].map((kind) => ({
      numberAndStreet: [`${kind} Street`, `${kind} Street 2`, `${kind} Street 3`],
      city: [`${kind} City`],
      state: [`${kind} State`],
      zipCode: [`${kind} Postal Code`],
      country: [`${kind} Country/Region`, `${kind} Country`],
    })),
  },
];

/** Headers compare in any case, with spaces and punctuation ignored: `E-mail Address` is `email address`. */
export const headerKey = (header: string): string => header.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

const fieldByKey = new Map(contactFields.map((field) => [headerKey(field), field]));

/** The preset a header row is from: the one recognising most of its columns, among those whose signature it carries. */
export function detectPreset(header: readonly string[]): Preset | undefined {
  const keys = new Set(header.map(headerKey));
  let best: { preset: Preset; score: number } | undefined;
  for (const preset of presets) {
    if (!preset.signature.some((column) => keys.has(headerKey(column)))) continue;
    const known = new Set(presetColumns(preset).map(headerKey));
    const score = [...keys].filter((key) => known.has(key)).length;
    if (!best || score > best.score) best = { preset, score };
  }
  return best?.preset;
}

function presetColumns(preset: Preset): string[] {
  return [...Object.values(preset.fields).flat(), ...(preset.addresses ?? []).flatMap((address) => Object.values(address).flat())];
}

/** How one field is read from a row of cells. */
type Source =
  /** The first of these columns with a value (or, for a street, all of them as its lines). */
  | { kind: 'columns'; field: ContactField; columns: number[] }
  /** The first name or the last name, from a full-name column. */
  | { kind: 'fullName'; field: ContactField; column: number; part: 'first' | 'last' }
  /** This field of the first of a preset's addresses that has any value. */
  | { kind: 'address'; field: AddressField; groups: Partial<Record<AddressField, number[]>>[] };

export interface ColumnPlan {
  preset: Preset | undefined;
  /** Each field and the columns that feed it, in the order of the contract. */
  fields: { field: ContactField; columns: string[] }[];
  ignored: string[];
  /** The contact input of one row of cells (a column the file has is a field present, even when empty). */
  read(cells: readonly string[]): Partial<Record<ContactField, string>>;
}

export interface PlanOptions {
  /** A preset by name, instead of the one the header suggests. */
  preset?: PresetName;
  /** Source column → contact field: wins over any preset. */
  columnMap?: Record<string, string>;
}

export function planColumns(header: readonly string[], options: PlanOptions = {}): ColumnPlan {
  const preset = options.preset ? presets.find((p) => p.name === options.preset) : detectPreset(header);
  const indexByKey = new Map<string, number>();
  header.forEach((column, i) => {
    if (!indexByKey.has(headerKey(column))) indexByKey.set(headerKey(column), i);
  });
  const claimed = new Set<number>();
  const sources = new Map<ContactField, Source>();
  /** The columns of these names that the file has and nothing has claimed yet. */
  const find = (columns: readonly string[]) => [...new Set(columns.flatMap((column) => indexByKey.get(headerKey(column)) ?? []))].filter((i) => !claimed.has(i));
  const claim = (field: ContactField, source: Source, columns: number[]) => {
    sources.set(field, source);
    columns.forEach((i) => claimed.add(i));
  };

  // --map first: the user's word on a column and on the field it feeds.
  for (const [column, target] of Object.entries(options.columnMap ?? {})) {
    const field = fieldByKey.get(headerKey(target));
    if (!field) throw new SyncInputError(`--map ${column}=${target}: "${target}" is not a contact field (${contactFields.join(', ')}).`);
    const exact = header.indexOf(column);
    const i = exact >= 0 ? exact : indexByKey.get(headerKey(column));
    if (i === undefined || claimed.has(i)) continue;
    const earlier = sources.get(field);
    const columns = [...(earlier?.kind === 'columns' ? earlier.columns : []), i];
    claim(field, { kind: 'columns', field, columns }, columns);
  }

  if (preset) {
    const groups = (preset.addresses ?? []).map((address) => {
      const group: Partial<Record<AddressField, number[]>> = {};
      for (const field of addressFields) {
        const columns = sources.has(field) ? [] : find(address[field] ?? []);
        if (columns.length) group[field] = columns;
      }
      return group;
    });
    const present = groups.filter((group) => Object.keys(group).length);
    for (const field of addressFields) {
      if (present.some((group) => group[field])) claim(field, { kind: 'address', field, groups: present }, present.flatMap((group) => group[field] ?? []));
    }
    for (const [target, names] of Object.entries(preset.fields) as [Target, string[]][]) {
      if (target === 'fullName' || sources.has(target)) continue;
      const columns = find(names);
      if (columns.length) claim(target, { kind: 'columns', field: target, columns }, columns);
    }
    const [fullName] = find(preset.fields.fullName ?? []);
    if (fullName !== undefined) {
      for (const [field, part] of [['firstName', 'first'], ['lastName', 'last']] as const) {
        if (!sources.has(field)) claim(field, { kind: 'fullName', field, column: fullName, part }, [fullName]);
      }
    }
  }

  // Then the field names themselves, in any case and spelling (`first_name`, `First Name`).
  header.forEach((column, i) => {
    const field = fieldByKey.get(headerKey(column));
    if (field && !claimed.has(i) && !sources.has(field)) claim(field, { kind: 'columns', field, columns: [i] }, [i]);
  });

  const ordered = contactFields.flatMap((field) => sources.get(field) ?? []);
  return {
    preset,
    fields: ordered.map((source) => ({ field: source.field, columns: columnsOf(source).map((i) => header[i]!) })),
    ignored: header.filter((_, i) => !claimed.has(i)),
    read: reader(ordered, preset),
  };
}

function columnsOf(source: Source): number[] {
  if (source.kind === 'columns') return source.columns;
  if (source.kind === 'fullName') return [source.column];
  return source.groups.flatMap((group) => group[source.field] ?? []);
}

function reader(sources: Source[], preset: Preset | undefined): ColumnPlan['read'] {
  const separator = preset?.listSeparator;
  const firstOfList = (value: string) => (separator && value.includes(separator) ? value.split(separator)[0]!.trim() : value);
  const street = (values: string[]) => values.filter((value) => value.trim()).join(preset?.streetOnOneLine ? ' ' : '\n');
  const groups = sources.find((source) => source.kind === 'address')?.groups ?? [];
  const hasValue = (cells: readonly string[], group: Partial<Record<AddressField, number[]>>) => Object.values(group).some((columns) => columns.some((i) => cells[i]?.trim()));
  return (cells) => {
    const input: Partial<Record<ContactField, string>> = {};
    const address = groups.length ? (groups.find((group) => hasValue(cells, group)) ?? groups[0]) : undefined;
    const value = (i: number) => cells[i] ?? '';
    for (const source of sources) {
      if (source.kind === 'fullName') {
        input[source.field] = splitName(value(source.column))[source.part];
      } else if (source.kind === 'address') {
        const values = (address?.[source.field] ?? []).map(value);
        input[source.field] = source.field === 'numberAndStreet' ? street(values) : (values[0] ?? '');
      } else if (source.columns.length === 1) {
        // The usual case, a column per field: no array per row.
        const chosen = value(source.columns[0]!);
        input[source.field] = source.field === 'email' || source.field === 'phone' ? firstOfList(chosen) : chosen;
      } else if (source.field === 'numberAndStreet') {
        input[source.field] = street(source.columns.map(value));
      } else {
        const values = source.columns.map(value);
        const chosen = values.find((v) => v.trim()) ?? values[0]!;
        input[source.field] = source.field === 'email' || source.field === 'phone' ? firstOfList(chosen) : chosen;
      }
    }
    return input;
  };
}

/** "Ada King Lovelace" → first "Ada King", last "Lovelace": the last word is the family name. */
function splitName(fullName: string): { first: string; last: string } {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return { first: words[0] ?? '', last: '' };
  return { first: words.slice(0, -1).join(' '), last: words.at(-1)! };
}
