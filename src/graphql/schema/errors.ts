/** The GraphQL face of the domain errors: an `Error` interface and typed field errors. */
import { builder } from '../builder.js';
import { NotFoundError, ValidationError, type FieldError } from '../../contacts/errors.js';

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  fields: (t) => ({ message: t.exposeString('message') }),
});

export const FieldErrorCode = builder.enumType('FieldErrorCode', {
  values: ['REQUIRED', 'INVALID', 'TOO_LONG', 'TAKEN'] as const,
});

export const FieldErrorRef = builder.objectRef<FieldError>('FieldError').implement({
  description: 'A problem with one input field.',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'The input field, spelled as in the input.' }),
    code: t.expose('code', { type: FieldErrorCode }),
    message: t.exposeString('message'),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input was rejected; nothing was written.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    fieldErrors: t.field({ type: [FieldErrorRef], resolve: (error) => error.fieldErrors }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  interfaces: [ErrorInterface],
  fields: () => ({}),
});
