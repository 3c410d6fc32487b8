/**
 * What a person at a terminal is told when the server or the CLI cannot do its
 * work: one sentence on stderr that says what is wrong and what to change, then
 * exit code 1. The stack follows only with LOG_LEVEL=debug.
 */
import { ConfigError, maskPassword } from './config.js';

/** A failure already put into words for people: printed as it is. */
export class PlainFailure extends Error {
  override readonly name = 'PlainFailure';
}

/** Prints `error` as one line (a ConfigError as one line per problem) and exits with 1. */
export function exitWithFailure(error: unknown): never {
  const lines = error instanceof ConfigError ? error.problems : [error instanceof PlainFailure ? error.message : unexpected(error)];
  process.stderr.write(`${lines.map((line) => `error: ${line}`).join('\n')}\n`);
  // Read raw: the failure may be that the configuration itself is invalid.
  if (process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace') process.stderr.write(`${stackOf(error instanceof PlainFailure && error.cause !== undefined ? error.cause : error)}\n`);
  process.exit(1);
}

function unexpected(error: unknown): string {
  return `${oneLine(messageOf(error)) || 'failed'} (set LOG_LEVEL=debug to see where)`;
}

/** The database at `url` could not be reached, opened or migrated. */
export function databaseFailure(error: unknown, url: string): Error {
  if (error instanceof PlainFailure || error instanceof ConfigError) return error;
  const password = passwordOf(url);
  const hide = (text: string) => (password ? text.replaceAll(password, '***') : text);
  if (/^file:/.test(url)) {
    const path = url.replace(/^file:/, '').replace(/\?.*$/, '');
    const reason = sqliteReason(error);
    return new PlainFailure(
      `cannot open the database file ${path} (DATABASE_URL)${reason ? `: ${hide(reason)}` : ''}. Set DATABASE_URL to a file: path this user can create and write.`,
      { cause: error },
    );
  }
  const where = postgresAddress(url);
  const { code, reason, unreachable } = postgresReason(error);
  if (unreachable) {
    return new PlainFailure(`cannot reach the database at ${where} (DATABASE_URL): ${reason}. Is PostgreSQL running there? If it runs elsewhere, set DATABASE_URL to its address.`, { cause: error });
  }
  if (code === '28P01' || code === '28000') {
    return new PlainFailure(`the database at ${where} refused to log in (DATABASE_URL): ${hide(reason)}. Set DATABASE_URL's user and password to those of a PostgreSQL role.`, { cause: error });
  }
  if (code === '3D000') {
    return new PlainFailure(`PostgreSQL at ${where} (DATABASE_URL) says: ${hide(reason)}. Create that database (createdb), or set DATABASE_URL to an existing one.`, { cause: error });
  }
  return new PlainFailure(`the database at ${where} failed (DATABASE_URL): ${hide(oneLine(reason))} (set LOG_LEVEL=debug to see where).`, { cause: error });
}

/** The HTTP server could not listen on HOST:PORT. */
export function listenFailure(error: unknown, { host, port }: { host: string; port: number }): PlainFailure {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'EADDRINUSE':
      return new PlainFailure(`port ${port} is already in use on ${host}. Set PORT to a free port, or stop the process that holds this one.`, { cause: error });
    case 'EACCES':
      return new PlainFailure(`no permission to listen on port ${port} (PORT). Set PORT to 1024 or above, or run with the privilege to bind it.`, { cause: error });
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new PlainFailure(`cannot listen on HOST=${JSON.stringify(host)}: it is no address of this machine. Set HOST to one of its addresses, or unset it to listen on all (0.0.0.0).`, { cause: error });
    default:
      return new PlainFailure(`cannot listen on ${host}:${port}: ${oneLine(messageOf(error))}. Check HOST and PORT.`, { cause: error });
  }
}

/** host:port of a PostgreSQL URL, never its user or password. */
function postgresAddress(url: string): string {
  try {
    const { hostname, port } = new URL(url);
    return `${hostname || 'localhost'}:${port || 5432}`;
  } catch {
    return maskPassword(url).replace(/^[a-z]+:\/\/[^@/]*@/i, '');
  }
}

function passwordOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}

const socketReasons: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'its host name could not be resolved',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ECONNRESET: 'the connection was reset',
};

/** Every error in `error`'s chain: causes, the driver adapter's error Prisma carries, and an AggregateError's parts. */
function chainOf(error: unknown): Record<string, unknown>[] {
  const chain: Record<string, unknown>[] = [];
  const visit = (value: unknown) => {
    if (typeof value !== 'object' || value === null || chain.includes(value as Record<string, unknown>) || chain.length > 20) return;
    const node = value as Record<string, unknown>;
    chain.push(node);
    if (value instanceof AggregateError) value.errors.forEach(visit);
    visit((node.meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError);
    visit(node.cause);
  };
  visit(error);
  return chain;
}

function postgresReason(error: unknown): { code?: string; reason: string; unreachable: boolean } {
  for (const node of chainOf(error)) {
    const code = typeof node.code === 'string' ? node.code : typeof node.originalCode === 'string' ? node.originalCode : undefined;
    if (code && socketReasons[code]) return { code, reason: socketReasons[code]!, unreachable: true };
    if (node.kind === 'DatabaseNotReachable') return { reason: 'it does not answer', unreachable: true };
    if (node.kind === 'SocketTimeout' || (typeof node.message === 'string' && /timeout exceeded when trying to connect|connection timeout/i.test(node.message))) {
      return { reason: 'no answer in time (DATABASE_CONNECT_TIMEOUT_MS)', unreachable: true };
    }
    // A PostgreSQL error (five-character SQLSTATE): the server's own message names no secret.
    if (code && /^[0-9A-Z]{5}$/.test(code) && !/^P\d{4}$/.test(code)) {
      const message = typeof node.originalMessage === 'string' ? node.originalMessage : messageOf(node);
      return { code, reason: message, unreachable: false };
    }
  }
  return { reason: messageOf(error), unreachable: false };
}

/** Why SQLite could not open or create the file, where something says so in words. */
function sqliteReason(error: unknown): string | undefined {
  for (const node of chainOf(error)) {
    const code = typeof node.code === 'string' ? node.code : undefined;
    const message = messageOf(node);
    // Node's file errors read "EACCES: permission denied, mkdir '…'".
    if (code && /^E[A-Z]+$/.test(code)) return message.replace(/^E[A-Z]+: /, '');
    if (code?.startsWith('SQLITE_') || /unable to open database file/.test(message)) return oneLine(message).replace(/^.*invocation:\s*/, '') || code;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error) ? String((error as { message: unknown }).message) : String(error);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function stackOf(error: unknown): string {
  return error instanceof Error && error.stack ? error.stack : String(error);
}
