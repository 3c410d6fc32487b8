/** upsertContact and upsertContacts: one contact, or a batch that behaves like calls in a row. */
import { createGraphQLError } from 'graphql-yoga';
import { builder } from '../builder.js';
import { ValidationError } from '../../contacts/errors.js';
import { contactFields } from '../../contacts/fields.js';
import { countKinds, maxBatchSize, upsertContacts, upsertOne, type UpsertOutcome } from '../../contacts/upsert.js';
import { Contact } from './contact.js';

/** Every contact field as an optional, nullable string: omitted, null and a value all mean something. */
export const contactInputFields = (t: PothosSchemaTypes.InputFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<{}>, 'InputObject'>) =>
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

type Outcome = UpsertOutcome | ValidationError;
type BatchOutcomes = Outcome[];

/**
 * Declared by hand rather than by the errors plugin, because the batch's
 * results are a list of the very same union.
 */
const UpsertContactPayload = builder.unionType('UpsertContactPayload', {
  types: [UpsertContactSuccess, ValidationError],
  resolveType: (payload) => ('fieldErrors' in payload ? 'ValidationError' : 'UpsertContactSuccess'),
});

/**
 * graphql-js turns an Error instance found in the data into a field error, so a
 * rejected item is handed over as a plain copy of its ValidationError.
 */
function asPayload(outcome: Outcome): Outcome {
  if (!(outcome instanceof ValidationError)) return outcome;
  return { message: outcome.message, fieldErrors: outcome.fieldErrors } as unknown as ValidationError;
}

const UpsertContactsPayload = builder.objectRef<BatchOutcomes>('UpsertContactsPayload').implement({
  fields: (t) => ({
    results: t.field({
      type: [UpsertContactPayload],
      description: '`results[i]` answers `inputs[i]`.',
      resolve: (outcomes) => outcomes.map(asPayload),
    }),
    createdCount: t.int({ resolve: (outcomes) => countKinds(outcomes).created }),
    updatedCount: t.int({
      description: 'Matched contacts, whether or not a field changed.',
      resolve: (outcomes) => {
        const { updated, unchanged } = countKinds(outcomes);
        return updated + unchanged;
      },
    }),
    failedCount: t.int({ resolve: (outcomes) => countKinds(outcomes).failed }),
    unchangedCount: t.int({
      description: 'Matched contacts whose stored values did not change (a replay); part of updatedCount.',
      resolve: (outcomes) => countKinds(outcomes).unchanged,
    }),
  }),
});

const dryRunArg = {
  defaultValue: false,
  description: "Validate, match and answer exactly as the real call would, and write nothing. A CREATED contact's id is not reserved.",
} as const;

builder.mutationFields((t) => ({
  upsertContact: t.field({
    type: UpsertContactPayload,
    description: 'Creates the contact if none matches, else updates the match. Safe to retry.',
    args: { input: t.arg({ type: UpsertContactInput, required: true }), dryRun: t.arg.boolean(dryRunArg) },
    resolve: async (_root, { input, dryRun }, ctx) => {
      const outcome = await upsertOne(ctx.db.contacts, ctx.workspaceId, input, { dryRun: dryRun === true, actor: ctx.actor });
      // Metrics count what was written; a dry run wrote nothing.
      if (!dryRun) ctx.upserts.observeUpserts([outcome]);
      return asPayload(outcome);
    },
  }),
  upsertContacts: t.field({
    type: UpsertContactsPayload,
    description: `Up to ${maxBatchSize} upserts in one call, applied in order as if sent one after another; each item succeeds or fails on its own.`,
    args: { inputs: t.arg({ type: [UpsertContactInput], required: true }), dryRun: t.arg.boolean(dryRunArg) },
    resolve: async (_root, { inputs, dryRun }, ctx) => {
      if (inputs.length > maxBatchSize) {
        throw createGraphQLError(`upsertContacts takes at most ${maxBatchSize} inputs; got ${inputs.length}. Nothing was written.`, {
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
      const outcomes = await upsertContacts(ctx.db.contacts, ctx.workspaceId, inputs, { dryRun: dryRun === true, actor: ctx.actor });
      if (!dryRun) ctx.upserts.observeUpserts(outcomes);
      return outcomes;
    },
  }),
}));
