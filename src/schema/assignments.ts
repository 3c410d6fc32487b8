import { builder } from '../builder.js';

export const Client = builder.prismaObject('Client', {
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    contacts: t.relation('contacts'),
  }),
});

export const InvestmentEntity = builder.prismaObject('InvestmentEntity', {
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    contacts: t.relation('contacts'),
  }),
});
