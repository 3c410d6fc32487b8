/**
 * POST /api/v1/idm/contacts/upsert: the original API's upsert, kept for the
 * clients written against it. It runs the same domain function as the GraphQL
 * mutation; only the transport differs — a flat JSON object in and out, and
 * problems told by status code (400 invalid, 409 taken, 413 too large). It
 * answers at /api/v1/idm//contacts/upsert too, the path as the original API's
 * documentation spells it, with its double slash.
 */
import { Hono } from 'hono';
import { contactJson } from '../contacts/contact.js';
import { ValidationError, type FieldError } from '../contacts/errors.js';
import type { ContactStore } from '../contacts/store.js';
import { upsertOne, type UpsertObserver, type UpsertOutcome } from '../contacts/upsert.js';
import { decodeUtf8 } from '../utf8.js';

/** What the route needs from the middlewares in front of it. */
export interface WorkspaceEnv {
  Variables: { workspaceId: string; apiKeyId: string; requestId: string };
}

/** The route's paths below /api: its own, and the original API's as its documentation spells it. */
export const upsertPaths = ['/v1/idm/contacts/upsert', '/v1/idm//contacts/upsert'];

/** Far above the largest valid input, whose bulk is a 10,000-character note: the HTTP app refuses larger bodies. */
export const maxBodyBytes = 256 * 1024;

interface ErrorBody {
  error: 'validation_error' | 'conflict' | 'payload_too_large';
  message: string;
  /** The first offending input field; null when the body as a whole is wrong. */
  field: string | null;
  fieldErrors: FieldError[];
}

export const bodyError = (error: ErrorBody['error'], message: string): ErrorBody => ({ error, message, field: null, fieldErrors: [] });

/** The client closed the connection before its whole body arrived: its doing, not the server's. */
export class BodyNotReceivedError extends Error {
  override readonly name = 'BodyNotReceivedError';
  constructor(cause: unknown) {
    super('The client closed the connection before sending its whole body', { cause });
  }
}

/** The route, to be mounted at /api behind the middleware that sets the workspace and its database. */
export function upsertRoute(store: ContactStore, upserts: UpsertObserver): Hono<WorkspaceEnv> {
  return new Hono<WorkspaceEnv>().on(
    'POST',
    upsertPaths,
    async (c) => {
      // The body is read as JSON whatever its content-type says: the original API did,
      // and its clients (curl -d among them) do not all say application/json.
      const text = decodeUtf8(await c.req.arrayBuffer().catch((error: unknown) => Promise.reject(new BodyNotReceivedError(error))));
      if (text === undefined) return c.json(bodyError('validation_error', 'The body is not valid UTF-8'), 400);
      const body = parseJson(text);
      if (body === undefined) return c.json(bodyError('validation_error', 'The body is not valid JSON'), 400);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        return c.json(bodyError('validation_error', 'The body must be a JSON object of contact fields'), 400);
      }
      const dryRun = dryRunOf(c.req.query('dryRun'));
      if (dryRun === undefined) return c.json(bodyError('validation_error', 'dryRun must be true or false'), 400);
      const outcome = await upsertOne(store, c.get('workspaceId'), body as Record<string, unknown>, {
        dryRun,
        actor: { apiKeyId: c.get('apiKeyId'), requestId: c.get('requestId') },
      });
      // Metrics count what was written; a dry run wrote nothing.
      if (!dryRun) upserts.observeUpserts([outcome]);
      if (!(outcome instanceof ValidationError)) return c.json(flatOutcome(outcome), 200);
      // Conflict only when taken keys are all that is wrong: other errors need fixing first.
      const conflict = outcome.fieldErrors.every((fieldError) => fieldError.code === 'TAKEN');
      const payload: ErrorBody = {
        error: conflict ? 'conflict' : 'validation_error',
        message: outcome.message,
        field: outcome.fieldErrors[0]?.field ?? null,
        fieldErrors: outcome.fieldErrors,
      };
      return c.json(payload, conflict ? 409 : 400);
    },
  );
}

/** `?dryRun=true` (or 1) plans without writing; absent, false or 0 writes; anything else is undefined. */
function dryRunOf(value: string | undefined): boolean | undefined {
  if (value === undefined || value === 'false' || value === '0') return false;
  return value === 'true' || value === '1' || value === '' ? true : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The contact's public fields as the original API sent them, with its lower-case result. */
function flatOutcome({ contact, result }: UpsertOutcome) {
  return { ...contactJson(contact), result: result === 'CREATED' ? 'created' : 'updated' };
}
