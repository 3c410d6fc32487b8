/**
 * A file the sync cannot use at all (missing, a binary, no column to match
 * contacts by, a `--map` naming no field): the message is one sentence for the
 * person at the terminal, and nothing has been sent.
 */
export class SyncInputError extends Error {
  override readonly name = 'SyncInputError';
}
