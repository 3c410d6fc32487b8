/** Webhook endpoints: made with a secret shown once, listed with their recent deliveries, deleted. */
import { createGraphQLError } from 'graphql-yoga';
import { NotFoundError, ValidationError } from '../../contacts/errors.js';
import { createWebhookEndpoint, deleteWebhookEndpoint } from '../../webhooks/endpoints.js';
import type { OwedDelivery } from '../../webhooks/store.js';
import { builder } from '../builder.js';

export const defaultDeliveries = 20;
export const maxDeliveries = 100;

const WebhookDeliveryStatus = builder.enumType('WebhookDeliveryStatus', { values: ['PENDING', 'SUCCEEDED', 'FAILED'] as const });

const WebhookDelivery = builder.objectRef<OwedDelivery>('WebhookDelivery').implement({
  description: 'One event owed to one endpoint.',
  fields: (t) => ({
    id: t.exposeID('id'),
    eventId: t.exposeID('eventId', { description: "The change's id, sent as webhook-id on every attempt." }),
    eventType: t.exposeString('eventType', { description: 'contact.created, contact.updated or contact.deleted.' }),
    status: t.field({ type: WebhookDeliveryStatus, resolve: (delivery) => delivery.status }),
    attempts: t.exposeInt('attempts'),
    lastAttemptAt: t.expose('lastAttemptAt', { type: 'DateTime', nullable: true }),
    nextAttemptAt: t.expose('nextAttemptAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the next attempt is due (while an attempt runs, when it may be made again); null once the delivery has ended.',
    }),
    responseStatus: t.exposeInt('responseStatus', { nullable: true, description: "The last attempt's HTTP status; null when it got no answer." }),
  }),
});

// The secret is never exposed: it is shown once, by createWebhookEndpoint.
const WebhookEndpoint = builder.prismaObject('WebhookEndpoint', {
  fields: (t) => ({
    id: t.exposeID('id'),
    url: t.exposeString('url'),
    description: t.exposeString('description', { nullable: true }),
    enabled: t.exposeBoolean('enabled', { description: 'False once the endpoint answered 410 Gone: nothing more is sent to it.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    deliveries: t.field({
      type: [WebhookDelivery],
      description: `The newest deliveries first: ${defaultDeliveries} when first is omitted, at most ${maxDeliveries}.`,
      args: { first: t.arg.int() },
      resolve: async (endpoint, { first }, ctx) => {
        const take = first ?? defaultDeliveries;
        if (take < 0 || take > maxDeliveries) {
          throw createGraphQLError(`first must be between 0 and ${maxDeliveries}`, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' } });
        }
        // The changes the worker has yet to take from the feed are the newest, pending with no attempt.
        // Read before the deliveries: one enqueued in between is then read twice, under one id, never missed.
        const owed = await ctx.db.webhooks.owedDeliveries(endpoint.id, take);
        const enqueued = await ctx.models.webhookDelivery.findMany({ where: { endpointId: endpoint.id }, orderBy: { changePosition: 'desc' }, take });
        const ids = new Set(enqueued.map((delivery) => delivery.id));
        const rows = enqueued.map((delivery) => ({ ...delivery, status: delivery.status as OwedDelivery['status'] }));
        return [...owed.filter((delivery) => !ids.has(delivery.id)), ...rows].slice(0, take);
      },
    }),
  }),
});

const CreateWebhookEndpointInput = builder.inputType('CreateWebhookEndpointInput', {
  fields: (t) => ({
    url: t.string({ required: true, description: 'An https URL of a public host; at most 2,048 characters.' }),
    description: t.string({ required: false, description: 'At most 500 characters.' }),
  }),
});

const CreateWebhookEndpointSuccess = builder.objectRef<{ id: string; secret: string }>('CreateWebhookEndpointSuccess').implement({
  fields: (t) => ({
    endpoint: t.prismaField({
      type: 'WebhookEndpoint',
      resolve: (query, created, _args, ctx) => ctx.models.webhookEndpoint.findUniqueOrThrow({ ...query, where: { id: created.id } }),
    }),
    secret: t.exposeString('secret', { description: 'The signing secret (whsec_…). Shown only in this answer: keep it.' }),
  }),
});

const DeleteWebhookEndpointSuccess = builder.objectRef<{ deletedId: string }>('DeleteWebhookEndpointSuccess').implement({
  fields: (t) => ({ deletedId: t.exposeID('deletedId') }),
});

builder.queryFields((t) => ({
  webhookEndpoints: t.prismaField({
    type: [WebhookEndpoint],
    description: "The workspace's webhook endpoints, oldest first.",
    resolve: (query, _root, _args, ctx) =>
      ctx.models.webhookEndpoint.findMany({ ...query, where: { workspaceId: ctx.workspaceId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
  }),
}));

builder.mutationFields((t) => ({
  createWebhookEndpoint: t.field({
    type: CreateWebhookEndpointSuccess,
    description: 'Every change of the workspace committed from now on is sent to the URL, signed per Standard Webhooks.',
    args: { input: t.arg({ type: CreateWebhookEndpointInput, required: true }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'CreateWebhookEndpointPayload' } },
    resolve: (_root, { input }, ctx) => createWebhookEndpoint(ctx.db.webhooks, ctx.workspaceId, input, ctx.webhookRules),
  }),
  deleteWebhookEndpoint: t.field({
    type: DeleteWebhookEndpointSuccess,
    description: 'Deletes the endpoint and its deliveries: nothing more is sent to it.',
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [NotFoundError], directResult: true, union: { name: 'DeleteWebhookEndpointPayload' } },
    resolve: (_root, { id }, ctx) => deleteWebhookEndpoint(ctx.db.webhooks, ctx.workspaceId, String(id)),
  }),
}));
