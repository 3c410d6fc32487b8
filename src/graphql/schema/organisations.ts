/** Clients and investment entities: their types, lookups by id and creation. */
import { builder } from '../builder.js';
import { ValidationError } from '../../contacts/errors.js';
import { createOrganisation } from '../../contacts/organisations.js';
import { idInWorkspace } from './filters.js';
import { findScoped } from './find-scoped.js';

// Assigned contacts in a stable order: oldest first, as everywhere else.
const contactsInOrder = { query: { orderBy: { id: 'asc' as const } } };

export const Client = builder.prismaObject('Client', {
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    contacts: t.relation('contacts', contactsInOrder),
  }),
});

export const InvestmentEntity = builder.prismaObject('InvestmentEntity', {
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    contacts: t.relation('contacts', contactsInOrder),
  }),
});

const CreateClientInput = builder.inputType('CreateClientInput', {
  fields: (t) => ({ name: t.string({ required: true, description: 'Trimmed; at most 255 characters.' }) }),
});

const CreateInvestmentEntityInput = builder.inputType('CreateInvestmentEntityInput', {
  fields: (t) => ({ name: t.string({ required: true, description: 'Trimmed; at most 255 characters.' }) }),
});

builder.queryFields((t) => ({
  client: t.prismaField({
    type: 'Client',
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) =>
      findScoped(query, idInWorkspace(ctx.workspaceId, String(id)), (args) => ctx.models.client.findFirst(args)),
  }),
  investmentEntity: t.prismaField({
    type: 'InvestmentEntity',
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) =>
      findScoped(query, idInWorkspace(ctx.workspaceId, String(id)), (args) => ctx.models.investmentEntity.findFirst(args)),
  }),
}));

builder.mutationFields((t) => ({
  createClient: t.field({
    type: Client,
    args: { input: t.arg({ type: CreateClientInput, required: true }) },
    errors: { types: [ValidationError], union: { name: 'CreateClientPayload' }, result: { name: 'CreateClientSuccess' }, dataField: { name: 'client' } },
    resolve: (_root, { input }, ctx) => createOrganisation(ctx.db.contacts, 'client', ctx.workspaceId, input),
  }),
  createInvestmentEntity: t.field({
    type: InvestmentEntity,
    args: { input: t.arg({ type: CreateInvestmentEntityInput, required: true }) },
    errors: {
      types: [ValidationError],
      union: { name: 'CreateInvestmentEntityPayload' },
      result: { name: 'CreateInvestmentEntitySuccess' },
      dataField: { name: 'investmentEntity' },
    },
    resolve: (_root, { input }, ctx) => createOrganisation(ctx.db.contacts, 'investmentEntity', ctx.workspaceId, input),
  }),
}));
