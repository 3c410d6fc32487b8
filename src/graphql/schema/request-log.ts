/** The caller's recent requests, as the request log recorded them. */
import { GraphQLError } from 'graphql';
import { roundDurationMs } from '../../request-log/duration.js';
import { builder } from '../builder.js';

/**
 * A page of the newest entries, 20 unless asked otherwise. Asking for more than
 * 100 (or fewer than 0) is refused rather than quietly cut, so that a short
 * answer always means there are no more entries.
 */
const defaultRecentRequests = 20;
const maxRecentRequests = 100;

builder.prismaObject('RequestLog', {
  name: 'RequestLogEntry',
  description: 'One authenticated request to this workspace.',
  fields: (t) => ({
    id: t.exposeID('id'),
    time: t.expose('time', { type: 'DateTime', description: 'When the request arrived.' }),
    method: t.exposeString('method'),
    path: t.exposeString('path'),
    operationName: t.exposeString('operationName', { nullable: true, description: 'The GraphQL operation, if one ran.' }),
    status: t.exposeInt('status', { description: 'The HTTP status of the response.' }),
    userAgent: t.exposeString('userAgent', { nullable: true }),
    // Rounded when recorded; rounded here too for entries recorded before that.
    durationMs: t.float({ description: 'How long the answer took, in milliseconds, to 0.1 ms.', resolve: (entry) => roundDurationMs(entry.durationMs) }),
  }),
});

builder.queryFields((t) => ({
  recentRequests: t.prismaField({
    type: ['RequestLog'],
    description: `The workspace's newest requests first (at most ${maxRecentRequests}).`,
    args: { first: t.arg.int({ defaultValue: defaultRecentRequests }) },
    resolve: (query, _root, { first }, ctx) => {
      const take = first ?? defaultRecentRequests;
      if (take < 0 || take > maxRecentRequests) {
        throw new GraphQLError(`first must be between 0 and ${maxRecentRequests}`, {
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
      return ctx.models.requestLog.findMany({
        ...query,
        where: { workspaceId: ctx.workspaceId },
        orderBy: [{ time: 'desc' }, { id: 'desc' }],
        take,
      });
    },
  }),
}));
