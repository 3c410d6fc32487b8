/** Webhook endpoints: made with a URL that must reach a public host, and a secret shown once. */
import { z } from 'zod';
import { NotFoundError, ValidationError, type FieldError } from '../contacts/errors.js';
import { canMatch } from '../contacts/lookup.js';
import { textSchema, toFieldErrors } from '../contacts/validate.js';
import { newId } from '../ids.js';
import { checkEndpointUrl, type LookupFn } from './addresses.js';
import { newEndpointSecret } from './signing.js';
import type { WebhookStore } from './store.js';

/** More endpoints than this per workspace is refused: each one multiplies the deliveries made of every change. */
export const maxEndpointsPerWorkspace = 20;

export interface EndpointRules {
  /** Loopback and private addresses are allowed (WEBHOOK_ALLOW_PRIVATE_URLS). */
  allowPrivate: boolean;
  lookup?: LookupFn;
}

const descriptionSchema = z.object({
  description: textSchema('description', { max: 500, controls: 'none' })
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional(),
});

export interface CreatedEndpoint {
  id: string;
  /** Shown once, in the answer that made the endpoint; never again. */
  secret: string;
}

export async function createWebhookEndpoint(
  store: WebhookStore,
  workspaceId: string,
  input: { url: string; description?: string | null },
  rules: EndpointRules,
): Promise<CreatedEndpoint> {
  const errors: FieldError[] = [];
  const url = await checkEndpointUrl(input.url.trim(), rules);
  if (!url.ok) errors.push({ field: 'url', code: 'INVALID', message: url.message });
  const described = descriptionSchema.safeParse({ description: input.description });
  if (!described.success) errors.push(...toFieldErrors(described.error.issues));
  if (!errors.length && (await store.countEndpoints(workspaceId)) >= maxEndpointsPerWorkspace) {
    errors.push({ field: 'url', code: 'INVALID', message: `a workspace has at most ${maxEndpointsPerWorkspace} webhook endpoints; delete one first` });
  }
  if (errors.length || !url.ok || !described.success) throw new ValidationError(errors);
  const endpoint = { id: newId(), workspaceId, url: url.url.href, description: described.data.description ?? null, secret: newEndpointSecret(), createdAt: new Date() };
  await store.createEndpoint(endpoint);
  return { id: endpoint.id, secret: endpoint.secret };
}

/** Deletes the endpoint and its deliveries; NotFoundError for an id the workspace has no endpoint for. */
export async function deleteWebhookEndpoint(store: WebhookStore, workspaceId: string, id: string): Promise<{ deletedId: string }> {
  if (!canMatch(id) || !(await store.deleteEndpoint(workspaceId, id))) throw new NotFoundError('webhook endpoint', id);
  return { deletedId: id };
}
