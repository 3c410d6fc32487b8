/**
 * Sends one batch to the API, retrying what a retry can fix: network errors,
 * timeouts, 5xx, 429 (honouring Retry-After) and a temporarily unavailable
 * database. Safe because an upsert is idempotent: a batch applied twice ends as
 * if applied once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { print } from 'graphql';
import { SyncUpsertContacts } from './documents.js';
import type { SyncUpsertContactsMutation, UpsertContactInput } from './graphql/graphql.js';

export type BatchResult = SyncUpsertContactsMutation['upsertContacts']['results'][number];

export interface SendOptions {
  url: string;
  apiKey: string;
  /** Attempts per batch before the sync gives up. */
  maxAttempts: number;
  /** The first retry waits up to this long; each further one up to twice as long (30 s at most). */
  retryDelayMs: number;
  /** Told about each retry, for the operator. */
  onRetry?: (reason: string, attempt: number, waitMs: number) => void;
}

/** A failure that no retry will fix (a rejected key, a request the server refuses). */
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

const query = print(SyncUpsertContacts);
const requestTimeoutMs = 120_000;

export async function sendBatch(inputs: UpsertContactInput[], options: SendOptions): Promise<BatchResult[]> {
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

async function attemptBatch(inputs: UpsertContactInput[], { url, apiKey }: SendOptions): Promise<BatchResult[]> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        authorization: `Bearer ${apiKey}`,
      },
      body: JSON.stringify({ query, variables: { inputs } }),
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
  } catch (error) {
    throw new RetryableError(`request failed: ${(error as Error).cause ?? (error as Error).message}`);
  }
  if (response.status === 429 || response.status >= 500) {
    await response.body?.cancel();
    throw new RetryableError(`HTTP ${response.status}`, retryAfterMs(response.headers.get('retry-after')));
  }
  if (response.status === 401 || response.status === 403) {
    throw new FatalSyncError(`the API key was refused (HTTP ${response.status})`);
  }
  let body: { data?: SyncUpsertContactsMutation | null; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new RetryableError(`HTTP ${response.status} with a body that is not JSON`);
  }
  if (body.data?.upsertContacts) return body.data.upsertContacts.results;
  const problem = body.errors?.map((error) => error.message).join('; ') ?? `HTTP ${response.status}`;
  if (body.errors?.some((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE')) throw new RetryableError(problem);
  throw new FatalSyncError(`the server refused the batch: ${problem}`);
}

/** Retry-After as seconds or as an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
