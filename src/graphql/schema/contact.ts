import { builder } from '../builder.js';
import type { Context } from '../context.js';
import type { Prisma } from '../../generated/prisma/sqlite/client.js';
import { contactWhere } from './filters.js';
import { findScoped } from './find-scoped.js';

export const Contact = builder.prismaObject('Contact', {
  fields: (t) => ({
    id: t.exposeID('id'),
    trackingId: t.exposeString('trackingId', { nullable: true }),
    email: t.exposeString('email'),
    firstName: t.exposeString('firstName'),
    lastName: t.exposeString('lastName'),
    phone: t.exposeString('phone', { nullable: true }),
    company: t.exposeString('company', { nullable: true }),
    title: t.exposeString('title', { nullable: true }),
    country: t.exposeString('country', { nullable: true }),
    numberAndStreet: t.exposeString('numberAndStreet', { nullable: true }),
    city: t.exposeString('city', { nullable: true }),
    state: t.exposeString('state', { nullable: true }),
    zipCode: t.exposeString('zipCode', { nullable: true }),
    prefix: t.exposeString('prefix', { nullable: true }),
    suffix: t.exposeString('suffix', { nullable: true }),
    note: t.exposeString('note', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    clients: t.relation('clients'),
    investmentEntities: t.relation('investmentEntities'),
  }),
});

/** One contact by a workspace-scoped filter; no filter means nothing can match. */
function findContact(ctx: Context, query: { include?: object; select?: object }, where: Prisma.ContactWhereInput | null) {
  return findScoped(query, where, (args) => ctx.models.contact.findFirst(args));
}

builder.queryFields((t) => ({
  contact: t.prismaField({
    type: 'Contact',
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) =>
      findContact(ctx, query, contactWhere.id(ctx.workspaceId, String(id))),
  }),
  contactByTrackingId: t.prismaField({
    type: 'Contact',
    nullable: true,
    args: { trackingId: t.arg.string({ required: true }) },
    resolve: (query, _root, { trackingId }, ctx) =>
      findContact(ctx, query, contactWhere.trackingId(ctx.workspaceId, trackingId)),
  }),
  contactByEmail: t.prismaField({
    type: 'Contact',
    nullable: true,
    description: 'Case-insensitive.',
    args: { email: t.arg.string({ required: true }) },
    resolve: (query, _root, { email }, ctx) =>
      findContact(ctx, query, contactWhere.email(ctx.workspaceId, email)),
  }),
}));
