import { builder } from '../builder.js';
import type { Context } from '../context.js';
import type { Prisma } from '../generated/prisma/sqlite/client.js';
import { ValidationError } from '../contacts/errors.js';
import { contactFields } from '../contacts/fields.js';
import { contactWhere } from '../contacts/lookup.js';
import { upsertContact, type UpsertOutcome } from '../contacts/upsert.js';

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

/** Every contact field as an optional, nullable string: omitted, null and a value all mean something. */
const contactInputFields = (t: PothosSchemaTypes.InputFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<{}>, 'InputObject'>) =>
  Object.fromEntries(contactFields.map((field) => [field, t.string({ required: false })]));

export const UpsertContactInput = builder.inputType('UpsertContactInput', {
  description: 'Matched by trackingId when given, else by email (case-insensitively).',
  fields: (t) => contactInputFields(t as never),
});

const UpsertContactResult = builder.enumType('UpsertContactResult', { values: ['CREATED', 'UPDATED'] as const });
const ContactMatchKey = builder.enumType('ContactMatchKey', { values: ['TRACKING_ID', 'EMAIL'] as const });

export const UpsertContactSuccess = builder.objectRef<UpsertOutcome>('UpsertContactSuccess').implement({
  fields: (t) => ({
    result: t.expose('result', { type: UpsertContactResult }),
    contact: t.field({ type: Contact, resolve: (outcome) => outcome.contact }),
    matchedBy: t.expose('matchedBy', { type: ContactMatchKey, nullable: true }),
    changedFields: t.exposeStringList('changedFields', {
      description: 'Input fields whose stored value changed; empty when a replay changed nothing.',
    }),
  }),
});

/** One contact by a workspace-scoped filter; no filter means nothing can match. */
function findContact(ctx: Context, query: { include?: object; select?: object }, where: Prisma.ContactWhereInput | null) {
  return where ? ctx.db.prisma.contact.findFirst({ ...query, where }) : null;
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

builder.mutationFields((t) => ({
  upsertContact: t.field({
    type: UpsertContactSuccess,
    description: 'Creates the contact if none matches, else updates the match. Safe to retry.',
    args: { input: t.arg({ type: UpsertContactInput, required: true }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'UpsertContactPayload' } },
    resolve: (_root, { input }, ctx) => upsertContact(ctx.db, ctx.workspaceId, input),
  }),
}));
