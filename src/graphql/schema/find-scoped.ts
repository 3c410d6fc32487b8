/**
 * Runs `find` with Pothos' `query` (what the selection needs loaded) and a
 * workspace-scoped filter. No filter means nothing can match, so the database is
 * not asked; `query` is read all the same, because Pothos takes an unread query
 * for a resolver that forgot to load the selection and fails it.
 */
export function findScoped<Query extends object, Where, Result>(
  query: Query,
  where: Where | null,
  find: (args: Query & { where: Where }) => Result,
): Result | null {
  const selection = { ...query };
  return where ? find({ ...selection, where }) : null;
}
