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

/**
 * Conflicts that a fresh attempt of the whole transaction resolves:
 * P2002 unique constraint (a concurrent insert of the same key won the race),
 * P2034 write conflict or deadlock (PostgreSQL serialization failure).
 */
export function isRetryableConflict(error: unknown): boolean {
  const code = prismaErrorCode(error);
  return code === 'P2002' || code === 'P2034';
}

/** P2025: the record to update or delete no longer exists. */
export function isRecordNotFound(error: unknown): boolean {
  return prismaErrorCode(error) === 'P2025';
}

/** The columns behind a P2002 unique violation, as far as the driver tells them. */
export function uniqueViolationTarget(error: unknown): string[] {
  if (prismaErrorCode(error) !== 'P2002') return [];
  const meta = (error as { meta?: Record<string, unknown> }).meta ?? {};
  const target = meta.target ?? (meta.driverAdapterError as { cause?: { constraint?: { fields?: unknown } } } | undefined)?.cause?.constraint?.fields;
  return Array.isArray(target) ? target.map(String) : [];
}
