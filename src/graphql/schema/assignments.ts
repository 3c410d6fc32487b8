/** Assigning contacts to clients and investment entities, and unassigning them. */
import { builder } from '../builder.js';
import { setAssignment, type OrganisationKind } from '../../contacts/assignments.js';
import { NotFoundError } from '../../contacts/errors.js';
import type { ContactRow } from '../../contacts/contact.js';
import { Contact } from './contact.js';

const AssignmentSuccess = builder.objectRef<{ contact: ContactRow }>('AssignmentSuccess').implement({
  fields: (t) => ({
    contact: t.field({ type: Contact, resolve: ({ contact }) => contact }),
  }),
});

/** One union for all four mutations; thrown NotFoundErrors become its error member. */
const AssignmentPayload = builder.errorUnion('AssignmentPayload', {
  types: [AssignmentSuccess, NotFoundError],
  resolveType: () => 'AssignmentSuccess',
});

const mutationNames = {
  client: { assign: 'assignContactToClient', unassign: 'unassignContactFromClient' },
  investmentEntity: { assign: 'assignContactToInvestmentEntity', unassign: 'unassignContactFromInvestmentEntity' },
} as const;

/** Both directions for both kinds share one shape: (contactId, <kind>Id) → AssignmentPayload. */
function assignmentField(kind: OrganisationKind, assigned: boolean, description: string) {
  const organisationIdArg = `${kind}Id`;
  builder.mutationField(mutationNames[kind][assigned ? 'assign' : 'unassign'], (t) =>
    t.field({
      type: AssignmentPayload,
      description,
      args: { contactId: t.arg.id({ required: true }), [organisationIdArg]: t.arg.id({ required: true }) },
      resolve: async (_root, args, ctx) => {
        const assignment = {
          contactId: String(args.contactId),
          kind,
          organisationId: String((args as Record<string, unknown>)[organisationIdArg]),
        };
        return { contact: await setAssignment(ctx.db.contacts, ctx.workspaceId, assignment, assigned) };
      },
    }),
  );
}

assignmentField('client', true, 'Assigns the contact to the client; assigning it again changes nothing.');
assignmentField('client', false, 'Takes the contact off the client; fine when it was not assigned.');
assignmentField('investmentEntity', true, 'Assigns the contact to the investment entity; assigning it again changes nothing.');
assignmentField('investmentEntity', false, 'Takes the contact off the investment entity; fine when it was not assigned.');
