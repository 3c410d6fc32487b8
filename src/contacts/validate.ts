/**
 * Input normalisation and the checks that need no database: every problem in
 * one pass, each as a field error with the spec's code.
 */
import validator from 'validator';
import { z } from 'zod';
import type { FieldError, FieldErrorCode } from './errors.js';
import {
  allowedControls,
  alwaysRequired,
  contactFields,
  maxLength,
  type AllowedControls,
  type ContactField,
  type NormalizedContactInput,
} from './fields.js';

/** The control characters (C0, DEL and C1) each kind of field refuses. */
const forbiddenControls: Record<AllowedControls, RegExp> = {
  none: /\p{Cc}/u,
  lineBreaks: /[^\P{Cc}\n\r]/u,
  lineBreaksAndTabs: /[^\P{Cc}\n\r\t]/u,
};
const refusal: Record<AllowedControls, string> = {
  none: 'control characters or line breaks',
  lineBreaks: 'control characters other than line breaks',
  lineBreaksAndTabs: 'control characters other than line breaks and tabs',
};

const codePointLength = (value: string) => {
  let length = 0;
  for (const _ of value) length++;
  return length;
};

/**
 * A trimmed string without control characters (line breaks and tabs only where
 * `controls` allows) and at most `max` characters: the rules every free-text field of
 * the service shares, contact fields and names alike. Both rules are one check
 * (a batch runs thousands), and the first that fails is the one reported.
 */
export function textSchema(field: string, { max, controls }: { max: number; controls: AllowedControls }) {
  const forbidden = forbiddenControls[controls];
  const invalid = `${field} must not contain ${refusal[controls]}`;
  const tooLong = `${field} must be at most ${max.toLocaleString('en-US')} characters`;
  return z
    .string({ error: `${field} must be a string or null` })
    .trim()
    .check((payload) => {
      const { value } = payload;
      if (!value.isWellFormed() || forbidden.test(value)) payload.issues.push(failed('INVALID', invalid, value));
      // A string no longer in UTF-16 units than the limit is no longer in code points either.
      else if (value.length > max && codePointLength(value) > max) payload.issues.push(failed('TOO_LONG', tooLong, value));
    });
}

/** A field's problem, as the check that found it reports it: no further check of the field runs. */
const failed = (code: FieldErrorCode, message: string, input: string): z.core.$ZodRawIssue => ({
  code: 'custom',
  params: { code },
  message,
  input,
  continue: false,
});

/**
 * Addresses of the everyday shape (dot-separated atoms at a domain of
 * letter-digit-hyphen labels under a letter TLD), every one of which
 * validator.isEmail accepts: a cheaper first test; anything else is judged by isEmail.
 */
const commonEmail =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

/** validator.isEmail (with its default options), judged faster for the common shape. */
export const isEmail = (value: string) => (value.length <= 64 && commonEmail.test(value)) || validator.isEmail(value);

/** One field's checks, in order; the first that fails is the one reported for the field. */
function fieldSchema(field: ContactField) {
  let text = textSchema(field, { max: maxLength(field), controls: allowedControls(field) });
  if (field === 'email') {
    text = text.refine((value) => value === '' || isEmail(value), {
      params: { code: 'INVALID' satisfies FieldErrorCode },
      message: 'email is not a valid email address',
    });
  }
  return text
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional();
}

const fieldSchemas = Object.fromEntries(contactFields.map((field) => [field, fieldSchema(field)])) as {
  [F in ContactField]: ReturnType<typeof fieldSchema>;
};
const inputSchema = z.strictObject(fieldSchemas);

/** Zod's issues as the spec's field errors (unknown keys become INVALID on the key itself). */
export function toFieldErrors(issues: z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: key, code: 'INVALID', message: `${key} is not a known field` }));
    }
    const code: FieldErrorCode = (issue.code === 'custom' && issue.params?.code) || 'INVALID';
    return [{ field: String(issue.path[0]), code, message: issue.message }];
  });
}

export type Validated =
  | { ok: true; input: NormalizedContactInput; errors: [] }
  | { ok: false; input: NormalizedContactInput; errors: FieldError[] };

/**
 * Trims every string, turns blank strings into null, and reports every problem
 * the input has on its own: wrong types, unknown fields, control characters,
 * length, email syntax, a null required field, and a missing match key.
 * Which fields a *new* contact needs depends on the match, so the upsert checks
 * those after looking the key up. Fields with problems are left out of `input`.
 */
export function validateContactInput(raw: Readonly<Record<string, unknown>>, { requireKey = true } = {}): Validated {
  const parsed = inputSchema.safeParse(raw);
  const errors = parsed.success ? [] : toFieldErrors(parsed.error.issues);
  const rejected = new Set(errors.map((error) => error.field));
  const input = parsed.success ? withoutUndefined(parsed.data) : validFields(raw, rejected);
  for (const field of alwaysRequired) {
    if (input[field] === null) errors.push(required(field));
  }
  if (requireKey && !input.trackingId && !input.email && !rejected.has('trackingId') && !rejected.has('email')) {
    const message = 'either trackingId or email is required to find the contact';
    errors.push({ field: 'trackingId', code: 'REQUIRED', message }, { field: 'email', code: 'REQUIRED', message });
  }
  return errors.length ? { ok: false, input, errors } : { ok: true, input, errors: [] };
}

/** Zod's output holds the fields given, in contract order; one given as undefined was not given. */
function withoutUndefined(data: NormalizedContactInput): NormalizedContactInput {
  for (const field in data) if (data[field as ContactField] === undefined) delete data[field as ContactField];
  return data;
}

/** The fields of an invalid input that are valid on their own: the match key may still tell create from update. */
function validFields(raw: Readonly<Record<string, unknown>>, rejected: ReadonlySet<string>): NormalizedContactInput {
  const input: NormalizedContactInput = {};
  for (const field of contactFields) {
    if (rejected.has(field) || !(field in raw)) continue;
    const one = fieldSchemas[field].safeParse(raw[field]);
    if (one.success && one.data !== undefined) input[field] = one.data;
  }
  return input;
}

export function required(field: ContactField): FieldError {
  return { field, code: 'REQUIRED', message: `${field} is required` };
}
