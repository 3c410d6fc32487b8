/**
 * One delivery attempt of a webhook: a POST whose answer is judged by its
 * status. The address is checked again as the connection is made, by a lookup
 * of our own that node:http uses in place of dns.lookup: a host name may
 * resolve elsewhere since the endpoint was accepted (DNS rebinding), and the
 * connection goes only to the addresses just checked.
 *
 * Over node:http rather than fetch, for that lookup and for reading no more
 * of an answer than is kept. One connection per attempt (`agent: false`):
 * attempts to one endpoint are spread over minutes and hours, and a pooled
 * socket would skip the check.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import packageJson from '../../package.json' with { type: 'json' };
import { forbiddenAddressKind, literalAddress, resolvedAddressProblem, systemLookup, type LookupFn } from './addresses.js';

export type AttemptResult =
  | { kind: 'delivered'; status: number }
  /** Any status but 2xx, 3xx and 410; `body` is the answer's start, at most maxResponseBytes of it, as UTF-8. */
  | { kind: 'rejected'; status: number; body: string }
  | { kind: 'gone'; status: 410 }
  /** No answer to judge by its status (or a redirect, which is not followed); `error` is one line. */
  | { kind: 'failed'; error: string; status?: number };

export interface WebhookRequest {
  url: string;
  /** The JSON text that was signed, sent as it is. */
  body: string;
  headers: Record<string, string>;
}

export interface SendOptions {
  /** Private, loopback and other non-public addresses may be connected to (local development, tests). */
  allowPrivate: boolean;
  /** The whole attempt, from connecting to the answer's last byte read, may take this long. */
  timeoutMs?: number;
  /** No more of a refusal's body is read, or kept. */
  maxResponseBytes?: number;
  lookup?: LookupFn;
  /** Certificates trusted for https in place of the system's (a test's own server). */
  ca?: string | Buffer;
  /** Ends the attempt at once, unanswered (the worker is stopping). */
  signal?: AbortSignal;
}

export const defaultTimeoutMs = 10_000;
export const defaultMaxResponseBytes = 64 * 1024;
export const userAgent = `contacts-api-webhooks/${packageJson.version}`;

class ForbiddenAddressError extends Error {}

/** One attempt to deliver `request`. Never rejects for anything the network or the receiver does. */
export async function sendWebhook(request: WebhookRequest, options: SendOptions): Promise<AttemptResult> {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const url = URL.canParse(request.url) ? new URL(request.url) : undefined;
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') return { kind: 'failed', error: `${request.url} is not an http or https URL` };
  // Node connects to an IP address without calling the lookup, so a literal is judged here.
  const literal = literalAddress(url);
  const kind = literal === undefined || options.allowPrivate ? null : forbiddenAddressKind(literal);
  if (kind) return { kind: 'failed', error: `forbidden address: ${literal} is ${kind} address` };

  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: AttemptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abandon);
      outgoing.destroy();
      resolve(result);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const outgoing = send(url, {
      method: 'POST',
      headers: { 'user-agent': userAgent, ...request.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(request.body) },
      agent: false,
      lookup: checkedLookup(options.lookup ?? systemLookup, options.allowPrivate),
      ...(options.ca === undefined ? {} : { ca: options.ca }),
    });
    const timer = setTimeout(() => finish({ kind: 'failed', error: `timed out after ${duration(timeoutMs)}` }), timeoutMs);
    const abandon = () => finish({ kind: 'failed', error: 'abandoned unanswered: the sender is stopping' });
    if (options.signal?.aborted) abandon();
    else options.signal?.addEventListener('abort', abandon);
    outgoing.on('error', (error) => finish({ kind: 'failed', error: describeError(error, url) }));
    outgoing.on('response', (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 200 && status < 300) finish({ kind: 'delivered', status });
      else if (status === 410) finish({ kind: 'gone', status: 410 });
      else if (status >= 300 && status < 400) finish({ kind: 'failed', error: `redirect not followed (status ${status})`, status });
      else readStart(response, options.maxResponseBytes ?? defaultMaxResponseBytes, (body) => finish({ kind: 'rejected', status, body }));
    });
    outgoing.end(request.body);
  });
}

/**
 * dns.lookup's place for node:http: resolves with `resolve`, and fails the
 * connection when any address is refused, as the endpoint's creation would.
 */
function checkedLookup(resolve: LookupFn, allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family || undefined;
    resolve(hostname).then(
      (all) => {
        const addresses = family === undefined ? all : all.filter((address) => address.family === family);
        const first = addresses[0];
        if (!first) return callback(Object.assign(new Error(`${hostname} does not resolve`), { code: 'ENOTFOUND' }), '');
        const problem = allowPrivate ? undefined : resolvedAddressProblem(addresses);
        if (problem) return callback(new ForbiddenAddressError(`forbidden address: ${hostname} ${problem}`), '');
        if (options.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

/** The body's first `limit` bytes as text, given to `done` once they are in; `done` closes the connection, so no more is read. */
function readStart(response: IncomingMessage, limit: number, done: (body: string) => void): void {
  const chunks: Buffer[] = [];
  let bytes = 0;
  // A decoder in stream mode holds back a character cut in two at the limit instead of showing U+FFFD.
  const end = () => done(new TextDecoder().decode(Buffer.concat(chunks), { stream: true }));
  response.on('data', (chunk: Buffer) => {
    const kept = chunk.subarray(0, limit - bytes);
    chunks.push(kept);
    bytes += kept.length;
    if (bytes >= limit) end();
  });
  // Closed at the end or cut short by the receiver: what came is the start of its answer.
  response.on('error', end);
  response.on('close', end);
}

/** One line on why there is no answer. */
function describeError(error: Error, url: URL): string {
  if (error instanceof ForbiddenAddressError) return error.message;
  // Trying several addresses in turn fails with all their errors; the last says enough.
  const cause = (error instanceof AggregateError ? error.errors.at(-1) : error) as NodeJS.ErrnoException;
  switch (cause.code) {
    case 'ECONNREFUSED':
      return `connection refused by ${url.host}`;
    case 'ECONNRESET':
      return `connection reset by ${url.host}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host ${url.hostname} does not resolve`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${url.host} is unreachable`;
    default:
      return (cause.message || String(cause.code ?? 'connection failed')).replace(/\s+/g, ' ');
  }
}

function duration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
