/**
 * Contact history: `Contact.history`, newest first, and `contactChanges`, the
 * workspace's feed, oldest first. Both page by the change's position in its
 * workspace's feed, which the store gives in commit order (see
 * docs/history.md): a reader that resumes after a cursor never misses a change
 * that committed after it had read past it.
 */
import { createGraphQLError } from 'graphql-yoga';
import { decodeFieldChanges, type ChangeKind, type FieldChange, type ReadChange } from '../../contacts/history.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { Contact } from './contact.js';

export const defaultChangesPageSize = 50;
export const maxChangesPageSize = 500;

/** A change as its table holds it, a create's values filled in (Database.fillCreatedValues). */
interface ChangeRow extends ReadChange {
  position: bigint;
  apiKeyId: string | null;
  requestId: string | null;
}

const cursorPrefix = 'ContactChange:';
const cursorOf = (position: bigint) => Buffer.from(`${cursorPrefix}${position}`).toString('base64url');

/** The position a cursor stands for; a cursor this API did not give is a client's mistake. */
function positionOf(cursor: string): bigint {
  const text = /^[\w-]{1,64}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString() : '';
  const digits = text.startsWith(cursorPrefix) ? text.slice(cursorPrefix.length) : '';
  if (!/^\d{1,19}$/.test(digits)) throw badInput('after', 'after is not a cursor this API gave');
  return BigInt(digits);
}

const badInput = (argumentName: string, message: string) =>
  createGraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argumentName } });

/** `first` as a page size: the default when omitted, the maximum when larger (as `contacts` does). */
function pageSize(first: number | null | undefined): number {
  if (first == null) return defaultChangesPageSize;
  if (first < 0) throw badInput('first', 'first must not be negative');
  return Math.min(first, maxChangesPageSize);
}

const ContactChangeKind = builder.enumType('ContactChangeKind', { values: ['CREATED', 'UPDATED', 'DELETED'] as const });

const FieldChangeRef = builder.objectRef<FieldChange>('FieldChange').implement({
  description: "One field's value before and after the change: `from` is null on create, `to` on delete.",
  fields: (t) => ({
    field: t.exposeString('field'),
    from: t.exposeString('from', { nullable: true }),
    to: t.exposeString('to', { nullable: true }),
  }),
});

const ContactChange = builder.objectRef<ChangeRow>('ContactChange').implement({
  description: 'One committed create, update or delete of a contact. It outlives the contact.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: ContactChangeKind, resolve: (change) => change.kind }),
    time: t.expose('time', { type: 'DateTime' }),
    contactId: t.exposeID('contactId'),
    changes: t.field({
      type: [FieldChangeRef],
      description: 'Every field the change set, in the order of the contact fields.',
      resolve: (change) => decodeFieldChanges(change.kind, change.changes),
    }),
    apiKeyId: t.exposeID('apiKeyId', { nullable: true, description: 'The API key that made the change; null when no key did.' }),
    requestId: t.exposeString('requestId', { nullable: true, description: 'The request that made it (its x-request-id).' }),
  }),
});

interface ChangePage {
  rows: ChangeRow[];
  hasNextPage: boolean;
  /** Where the reader stands when the page is empty: the cursor it came with. */
  after: string | null;
}

const ContactChangeEdge = builder.objectRef<ChangeRow>('ContactChangeEdge').implement({
  fields: (t) => ({
    cursor: t.string({ resolve: (change) => cursorOf(change.position) }),
    node: t.field({ type: ContactChange, resolve: (change) => change }),
  }),
});

const ContactChangeConnection = builder.objectRef<ChangePage>('ContactChangeConnection').implement({
  fields: (t) => ({
    edges: t.field({ type: [ContactChangeEdge], resolve: (page) => page.rows }),
    pageInfo: t.field({
      type: builder.pageInfoRef(),
      description: 'On an empty page, endCursor is the cursor asked with, so a reader can always keep endCursor.',
      resolve: ({ rows, hasNextPage, after }) => ({
        hasNextPage,
        // Pages are read forwards only; whether earlier changes exist is not looked up.
        hasPreviousPage: false,
        startCursor: rows.length ? cursorOf(rows[0]!.position) : after,
        endCursor: rows.length ? cursorOf(rows.at(-1)!.position) : after,
      }),
    }),
  }),
});

const firstDescription = `${defaultChangesPageSize} when omitted, at most ${maxChangesPageSize} (a larger first gets ${maxChangesPageSize}).`;

/** One page of the workspace's changes that `where` selects, in `order` of position past the cursor. */
async function changePage(
  ctx: Context,
  where: { contactId?: string },
  order: 'asc' | 'desc',
  { first, after }: { first?: number | null; after?: string | null },
): Promise<ChangePage> {
  const take = pageSize(first);
  const beyond = after == null ? {} : { position: order === 'asc' ? { gt: positionOf(after) } : { lt: positionOf(after) } };
  const rows = take
    ? await ctx.models.contactChange.findMany({
        where: { ...where, ...beyond, workspaceId: ctx.workspaceId },
        orderBy: { position: order },
        take: take + 1,
      })
    : [];
  const page = rows.slice(0, take).map((row) => ({ ...row, kind: row.kind as ChangeKind }));
  return { rows: await ctx.db.fillCreatedValues(ctx.models, page), hasNextPage: rows.length > take, after: after ?? null };
}

builder.objectField(Contact, 'history', (t) =>
  t.field({
    type: ContactChangeConnection,
    description: "The contact's changes, newest first.",
    args: { first: t.arg.int({ description: firstDescription }), after: t.arg.string() },
    resolve: (contact, args, ctx) => changePage(ctx, { contactId: contact.id }, 'desc', args),
  }),
);

builder.queryFields((t) => ({
  contactChanges: t.field({
    type: ContactChangeConnection,
    description:
      "The workspace's changes, oldest first. Resume after the last endCursor: a change that commits later " +
      'comes after it, so a reader that pages on sees every change once, in commit order per contact.',
    args: { first: t.arg.int({ description: firstDescription }), after: t.arg.string() },
    resolve: (_root, args, ctx) => changePage(ctx, {}, 'asc', args),
  }),
}));
