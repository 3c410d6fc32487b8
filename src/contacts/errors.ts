/** Domain errors: what callers did wrong, as data that every transport can render. */

export type FieldErrorCode = 'REQUIRED' | 'INVALID' | 'TOO_LONG' | 'TAKEN';

export interface FieldError {
  /** The input field's name, exactly as spelled in the input. */
  field: string;
  code: FieldErrorCode;
  message: string;
}

/** One or more fields were rejected; nothing was written. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(readonly fieldErrors: FieldError[]) {
    super(
      fieldErrors.length === 1
        ? `Invalid input: ${fieldErrors[0]!.message}`
        : `Invalid input: ${fieldErrors.length} fields were rejected`,
    );
  }
}

/** The id names nothing in the caller's workspace (whether or not it exists elsewhere). */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(what: string, id: string) {
    super(`No ${what} with id ${JSON.stringify(id)}`);
  }
}
