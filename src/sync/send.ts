/**
 * Sends one batch to the API, retrying what a retry can fix: network errors,
 * timeouts, 5xx, 429 (honouring Retry-After) and a temporarily unavailable
 * database. Safe because an upsert is idempotent: a batch applied twice ends as
 * if applied once. What no retry can fix — a wrong URL, an answer that is not
 * GraphQL, a refused key — stops the sync at once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { SyncUpsertContactsMutation, UpsertContactInput } from './graphql/graphql.js';
import { syncUpsertContactsText as query } from './query.js';

/** A batch's answer: its counts, and per row `{}` for a success or the errors of a rejected row. */
export type BatchAnswer = SyncUpsertContactsMutation['upsertContacts'];

export interface SendOptions {
  url: string;
  apiKey: string;
  /** Ask the server to plan and answer without writing. */
  dryRun: boolean;
  /** Attempts per batch before the sync gives up. */
  maxAttempts: number;
  /** The first retry waits up to this long; each further one up to twice as long (30 s at most). */
  retryDelayMs: number;
  /** One attempt, answer read in full, may take this long; then it counts as a network error. */
  requestTimeoutMs: number;
  /** Told about each retry, for the operator. */
  onRetry?: (reason: string, attempt: number, waitMs: number) => void;
}

/** A failure that no retry will fix (a rejected key, a wrong URL, a request the server refuses). */
export class FatalSyncError extends Error {
  override readonly name = 'FatalSyncError';
}

class RetryableError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export async function sendBatch(inputs: UpsertContactInput[], options: SendOptions): Promise<BatchAnswer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptBatch(inputs, options);
    } catch (error) {
      if (!(error instanceof RetryableError)) throw error;
      if (attempt >= options.maxAttempts) {
        throw new FatalSyncError(`gave up after ${attempt} attempts: ${error.message}`);
      }
      const backoff = Math.random() * Math.min(30_000, options.retryDelayMs * 2 ** (attempt - 1));
      const waitMs = Math.max(error.retryAfterMs ?? 0, backoff);
      options.onRetry?.(error.message, attempt, waitMs);
      await sleep(waitMs);
    }
  }
}

/**
 * One attempt under a timeout of its own. The timer is an ordinary (ref'd) one:
 * Node 20's fetch can wait forever on a connection the server closed right
 * after accepting it, holding nothing that keeps the process alive, and the
 * unref'd timer of AbortSignal.timeout would let the process end mid-sync.
 */
async function attemptBatch(inputs: UpsertContactInput[], options: SendOptions): Promise<BatchAnswer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.requestTimeoutMs);
  try {
    return await exchange(inputs, options, controller.signal);
  } catch (error) {
    if (controller.signal.aborted) throw new RetryableError(`no complete answer within ${options.requestTimeoutMs} ms`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function exchange(inputs: UpsertContactInput[], { url, apiKey, dryRun }: SendOptions, signal: AbortSignal): Promise<BatchAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        authorization: `Bearer ${apiKey}`,
      },
      body: JSON.stringify({ query, variables: { inputs, ...(dryRun ? { dryRun } : {}) } }),
      signal,
    });
  } catch (error) {
    throw new RetryableError(`request failed: ${(error as Error).cause ?? (error as Error).message}`);
  }
  if (response.status === 429 || response.status >= 500) {
    await response.body?.cancel();
    throw new RetryableError(`HTTP ${response.status}`, retryAfterMs(response.headers.get('retry-after')));
  }
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    throw new FatalSyncError(`the API key was refused (HTTP ${response.status}): set CONTACTS_API_KEY to a current key of the workspace`);
  }
  if (response.status === 404) {
    await response.body?.cancel();
    throw new FatalSyncError(`nothing answers at ${url} (HTTP 404): --url must be the API's GraphQL endpoint, e.g. http://localhost:4000/graphql`);
  }
  const body = graphqlBody(await response.text());
  if (!body) {
    const type = response.headers.get('content-type')?.split(';')[0] || 'no content type';
    throw new FatalSyncError(`the answer from ${url} is not GraphQL (HTTP ${response.status}, ${type}): --url must be the API's GraphQL endpoint, e.g. http://localhost:4000/graphql`);
  }
  const answer = body.data?.upsertContacts;
  if (answer?.results?.length === inputs.length) return answer;
  const problem = body.errors?.map((error) => error.message).join('; ') || `HTTP ${response.status} without results`;
  if (body.errors?.some((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE')) throw new RetryableError(problem);
  throw new FatalSyncError(`the server refused the batch: ${problem}`);
}

interface GraphQLBody {
  data?: Partial<SyncUpsertContactsMutation> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** The body as a GraphQL response (an object with data or errors), or undefined when it is anything else. */
function graphqlBody(text: string): GraphQLBody | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  if (!('data' in body) && !Array.isArray((body as GraphQLBody).errors)) return undefined;
  return body as GraphQLBody;
}

/** Retry-After as seconds or as an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
