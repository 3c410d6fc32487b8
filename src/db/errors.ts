/**
 * The one place where Prisma's error codes get a meaning for this service.
 * https://www.prisma.io/docs/orm/reference/error-reference
 */

/** The `code` of a Prisma known request error, if `error` is one. */
export function prismaErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'PrismaClientKnownRequestError' && typeof code === 'string' ? code : undefined;
}

/** What the driver adapter said caused a Prisma error, if it said anything. */
function driverCause(error: unknown): { kind?: string; originalCode?: string } | undefined {
  return (error as { meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } } } | null)?.meta?.driverAdapterError?.cause;
}

const conflictKinds = new Set(['UniqueConstraintViolation', 'TransactionWriteConflict']);
/** PostgreSQL's serialization failure and deadlock, however the adapter names them. */
const conflictStates = new Set(['40001', '40P01']);

/**
 * Conflicts that a fresh attempt of the whole transaction resolves:
 * P2002 unique constraint (a concurrent insert of the same key won the race),
 * P2034 write conflict or deadlock (PostgreSQL 40001, 40P01) — and the
 * same two from raw statements, which Prisma reports as P2010 with the driver's cause.
 */
export function isRetryableConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = prismaErrorCode(error);
  const cause = driverCause(error);
  return code === 'P2002' || code === 'P2034' || conflictKinds.has(cause?.kind ?? '') || conflictStates.has(cause?.originalCode ?? '');
}

/**
 * SQLite: another process holds the lock. A transaction that has already
 * read cannot wait for it (SQLite answers at once rather than risk a deadlock),
 * so the whole transaction has to be tried again.
 */
export function isLockedByAnotherProcess(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  return driverCause(error)?.originalCode?.startsWith('SQLITE_BUSY') ?? false;
}

const unavailableCodes = new Set([
  'P1001', // can't reach the database server
  'P1002', // the server was reached but timed out
  'P1008', // operation timed out (SQLite: another process holds the lock past the busy timeout)
  'P1017', // the server closed the connection
  'P2024', // timed out waiting for a connection from the pool
  'P2028', // could not start a transaction in time
]);
const unavailableAdapterKinds = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const unavailableSocketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);

/**
 * The database could not be reached or did not answer in time: nothing the
 * client did wrong, and worth retrying shortly (HTTP 503), unlike a bug.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code === 'string' && (unavailableCodes.has(code) || unavailableSocketCodes.has(code))) return true;
  if (unavailableAdapterKinds.has(driverCause(error)?.kind ?? '')) return true;
  // pg reports lost and timed-out connections as plain errors.
  if (typeof message === 'string' && /^Connection terminated|timeout exceeded when trying to connect|^Query read timeout/.test(message)) return true;
  return cause !== undefined && cause !== error && isDatabaseUnavailable(cause);
}
