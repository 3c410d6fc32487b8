/**
 * The contact fields a client can send, in the order of the public contract,
 * with the limits of the spec. Validation, the GraphQL input types, the REST
 * route and `changedFields` are all driven by this one table.
 */
export const contactFields = [
  'trackingId',
  'email',
  'firstName',
  'lastName',
  'phone',
  'company',
  'title',
  'country',
  'numberAndStreet',
  'city',
  'state',
  'zipCode',
  'prefix',
  'suffix',
  'note',
] as const;

export type ContactField = (typeof contactFields)[number];

/** Fields an upsert may replace on a matched contact (the match keys are never changed by it). */
export const upsertUpdatableFields = contactFields.filter(
  (field): field is Exclude<ContactField, 'trackingId' | 'email'> => field !== 'trackingId' && field !== 'email',
);

/** Fields that can never be empty. */
export const alwaysRequired: readonly ContactField[] = ['firstName', 'lastName'];

/** Fields a new contact must have. */
export const requiredOnCreate: readonly ContactField[] = ['email', 'firstName', 'lastName'];

/** Maximum length in characters (Unicode code points). */
export function maxLength(field: ContactField): number {
  switch (field) {
    case 'email':
      return 254;
    case 'note':
      return 10_000;
    case 'phone':
      return 50;
    case 'zipCode':
      return 20;
    default:
      return 255;
  }
}

/**
 * Which control characters a field may hold: the note line breaks and tabs, a
 * street address line breaks (CRM exports keep multi-line streets), others none.
 */
export type AllowedControls = 'none' | 'lineBreaks' | 'lineBreaksAndTabs';

export function allowedControls(field: ContactField): AllowedControls {
  return field === 'note' ? 'lineBreaksAndTabs' : field === 'numberAndStreet' ? 'lineBreaks' : 'none';
}

/** Values as the client sent them: omitted (absent), null, or a string. */
export type ContactInput = { [F in ContactField]?: string | null };

/** Validated values: trimmed, blank turned into null, absent when omitted. */
export type NormalizedContactInput = { [F in ContactField]?: string | null };

/** The case-insensitive identity of an email address. */
export function emailKey(email: string): string {
  return email.normalize('NFC').toLowerCase();
}
