/**
 * Sends one batch to the API, retrying what a retry can fix: network errors,
 * timeouts, 5xx, 429 (honouring Retry-After) and a temporarily unavailable
 * database. Safe because an upsert is idempotent: a batch applied twice ends as
 * if applied once. What no retry can fix — a wrong URL, an answer that is not
 * GraphQL, a refused key — stops the sync at once.
 *
 * Over node:http rather than fetch: fetch (undici) brings an HTTP parser of
 * its own as WebAssembly and a web stream per body, which a sync holds in its
 * memory to the end; node:http's parser is part of node itself.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
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

/** The longest Retry-After the sync waits for before its next attempt. */
export const maxRetryAfterMs = 5 * 60_000;

/** No answer to a batch comes near this; a larger one is not the API's (a wrong --url serving a download). */
export const maxAnswerBytes = 16 * 1024 * 1024;

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
      // A server's Retry-After is honoured, up to a bound: a misconfigured one must not park the sync for a day.
      const waitMs = Math.max(Math.min(error.retryAfterMs ?? 0, maxRetryAfterMs), backoff);
      options.onRetry?.(error.message, attempt, waitMs);
      await sleep(waitMs);
    }
  }
}

/**
 * One attempt under a timeout of its own, for a server that accepts and never
 * answers. The timer is an ordinary (ref'd) one: the unref'd timer of
 * AbortSignal.timeout would let the process end mid-sync while it waits.
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
  const endpoint = URL.canParse(url) ? new URL(url) : undefined;
  if (endpoint?.protocol !== 'http:' && endpoint?.protocol !== 'https:') {
    throw new FatalSyncError(`--url ${url} is no http or https URL: it must be the API's GraphQL endpoint, e.g. http://localhost:4000/graphql`);
  }
  const body = JSON.stringify({ query, variables: { inputs, ...(dryRun ? { dryRun } : {}) } });
  let response: IncomingMessage;
  try {
    response = await post(endpoint, body, apiKey, signal);
  } catch (error) {
    throw new RetryableError(`request failed: ${(error as Error).message}`);
  }
  const status = response.statusCode ?? 0;
  if (status === 429 || status >= 500) {
    response.resume();
    throw new RetryableError(`HTTP ${status}`, retryAfterMs(response.headers['retry-after']));
  }
  if (status === 401 || status === 403) {
    response.resume();
    throw new FatalSyncError(`the API key was refused (HTTP ${status}): set CONTACTS_API_KEY to a current key of the workspace`);
  }
  if (status === 413) {
    response.resume();
    throw new FatalSyncError(`the server refused a batch of ${inputs.length} rows as too large (HTTP 413): lower --batch-size`);
  }
  if (status === 404) {
    response.resume();
    throw new FatalSyncError(`nothing answers at ${url} (HTTP 404): --url must be the API's GraphQL endpoint, e.g. http://localhost:4000/graphql`);
  }
  let text: string;
  try {
    text = await readText(response, url);
  } catch (error) {
    if (error instanceof FatalSyncError) throw error;
    throw new RetryableError(`the answer broke off: ${(error as Error).message}`);
  }
  const answer = graphqlBody(text);
  if (!answer) {
    const type = response.headers['content-type']?.split(';')[0] || 'no content type';
    throw new FatalSyncError(`the answer from ${url} is not GraphQL (HTTP ${status}, ${type}): --url must be the API's GraphQL endpoint, e.g. http://localhost:4000/graphql`);
  }
  const payload = answer.data?.upsertContacts;
  if (payload?.results?.length === inputs.length) return payload;
  const problem = answer.errors?.map((error) => error.message).join('; ') || `HTTP ${status} without results`;
  if (answer.errors?.some((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE')) throw new RetryableError(problem);
  throw new FatalSyncError(`the server refused the batch: ${problem}`);
}

/** POSTs `body` as JSON; resolves with the response once its head has arrived. Connections are kept alive (node's global agents). */
function post(url: URL, body: string, apiKey: string, signal: AbortSignal): Promise<IncomingMessage> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        accept: 'application/graphql-response+json, application/json',
        authorization: `Bearer ${apiKey}`,
      },
      signal,
    })
      .on('response', resolve)
      .on('error', reject)
      .end(body);
  });
}

async function readText(response: IncomingMessage, url: string): Promise<string> {
  const tooLarge = () => {
    response.destroy();
    return new FatalSyncError(`the answer from ${url} is larger than ${maxAnswerBytes / 1024 / 1024} MiB, which no answer of the API is: --url must be the API's GraphQL endpoint, e.g. http://localhost:4000/graphql`);
  };
  if (Number(response.headers['content-length'] ?? 0) > maxAnswerBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of response) {
    bytes += (chunk as Buffer).length;
    if (bytes > maxAnswerBytes) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
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
function retryAfterMs(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
