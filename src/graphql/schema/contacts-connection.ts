/** `contacts`: the workspace's contacts as a Relay connection, oldest first, optionally searched. */
import { PothosValidationError } from '@pothos/core';
import { builder } from '../builder.js';
import { canMatch } from '../../contacts/lookup.js';
import { contactWhere } from './filters.js';
import type { Prisma } from '../../generated/prisma/sqlite/client.js';

export const defaultPageSize = 50;
export const maxPageSize = 500;

interface ConnectionQuery {
  include?: Prisma.ContactInclude;
  select?: Prisma.ContactSelect;
  cursor?: { id?: unknown };
  skip: number;
  take: number;
}

/**
 * Pothos' page query as a keyset on id: the query without its cursor, and the
 * filter that takes the cursor's place. Prisma's `cursor` locates a page through
 * the cursor's own row, so a cursor whose contact was deleted meanwhile would end
 * the listing early; comparing ids (unique, and time-ordered as UUIDv7) pages on
 * past it. The comparison also replaces the `skip` that steps over the cursor row.
 */
function keyset({ cursor, skip: _overCursorRow, ...query }: ConnectionQuery) {
  const ordered = { ...query, orderBy: { id: 'asc' as const } };
  if (!cursor) return { query: ordered, beyondCursor: {} };
  const { id } = cursor;
  if (typeof id !== 'string' || !canMatch(id)) throw new PothosValidationError('Invalid cursor');
  // A negative take (`last`/`before`) reads backwards from the cursor.
  return { query: ordered, beyondCursor: { id: query.take < 0 ? { lt: id } : { gt: id } } };
}

builder.queryFields((t) => ({
  contacts: t.prismaConnection(
    {
      type: 'Contact',
      cursor: 'id',
      description:
        `The workspace's contacts, oldest first. Pages hold \`first\` contacts: ${defaultPageSize} when omitted, ` +
        `at most ${maxPageSize} (a larger \`first\` gets ${maxPageSize}).`,
      defaultSize: defaultPageSize,
      maxSize: maxPageSize,
      args: {
        search: t.arg.string({
          required: false,
          description:
            'Only contacts whose first or last name, email, company or trackingId contain every word of it, ignoring case.',
        }),
      },
      totalCount: (_connection, { search }, ctx) => {
        const where = contactWhere.search(ctx.workspaceId, search, ctx.db.containing);
        return where ? ctx.models.contact.count({ where }) : 0;
      },
      resolve: (query, _root, { search }, ctx) => {
        const page = keyset(query);
        const where = contactWhere.search(ctx.workspaceId, search, ctx.db.containing);
        return where ? ctx.models.contact.findMany({ ...page.query, where: { AND: [where, page.beyondCursor] } }) : [];
      },
    },
    { name: 'ContactConnection' },
    { name: 'ContactEdge' },
  ),
}));
