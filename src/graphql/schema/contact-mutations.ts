/** updateContact and deleteContact: the writes that name a contact by its id. */
import { builder } from '../builder.js';
import { deleteContact } from '../../contacts/delete.js';
import { NotFoundError, ValidationError } from '../../contacts/errors.js';
import { updateContact, type UpdateOutcome } from '../../contacts/update.js';
import { Contact } from './contact.js';
import { contactInputFields } from './upsert.js';

const UpdateContactInput = builder.inputType('UpdateContactInput', {
  description: 'Omitted fields stay as they are; null clears an optional field.',
  fields: (t) => contactInputFields(t as never),
});

const UpdateContactSuccess = builder.objectRef<UpdateOutcome>('UpdateContactSuccess').implement({
  fields: (t) => ({
    contact: t.field({ type: Contact, resolve: (outcome) => outcome.contact }),
    changedFields: t.exposeStringList('changedFields', {
      description: 'Input fields whose stored value changed; empty when nothing did (and updatedAt stays).',
    }),
  }),
});

const DeleteContactSuccess = builder.objectRef<{ deletedId: string }>('DeleteContactSuccess').implement({
  fields: (t) => ({ deletedId: t.exposeID('deletedId') }),
});

builder.mutationFields((t) => ({
  updateContact: t.field({
    type: UpdateContactSuccess,
    description:
      'Sets the given fields, including email and trackingId, which must not belong to another contact (TAKEN). ' +
      'Email cannot be cleared.',
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateContactInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'UpdateContactPayload' } },
    resolve: (_root, { id, input }, ctx) => updateContact(ctx.db.contacts, ctx.workspaceId, String(id), input, ctx.actor),
  }),
  deleteContact: t.field({
    type: DeleteContactSuccess,
    description: 'Deletes the contact and its assignments; the clients and investment entities stay.',
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [NotFoundError], directResult: true, union: { name: 'DeleteContactPayload' } },
    resolve: (_root, { id }, ctx) => deleteContact(ctx.db.contacts, ctx.workspaceId, String(id), ctx.actor),
  }),
}));
