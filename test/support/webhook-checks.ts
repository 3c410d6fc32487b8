/**
 * For the whole-system webhook tests: a receiver registered as an endpoint
 * through a server, as a user would, the committed changes in commit order, and
 * whether the receiver was sent each contact's events in that order.
 */
import type { Database } from '../../src/db/client.js';
import { postGraphql } from './remote.js';
import type { Attempt, WebhookReceiver } from './webhook-receiver.js';

const createEndpoint = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) {
  __typename ... on CreateWebhookEndpointSuccess { secret endpoint { id } } ... on ValidationError { message } } }`;

interface CreatePayload {
  createWebhookEndpoint: { __typename: string; secret?: string; endpoint?: { id: string }; message?: string };
}

/** Makes `receiver` an endpoint of the key's workspace through the server, and gives it the secret to verify with; resolves with the endpoint's id. */
export async function registerReceiver(serverUrl: string, apiKey: string, receiver: WebhookReceiver): Promise<string> {
  const answer = await postGraphql<CreatePayload>(serverUrl, apiKey, createEndpoint, { input: { url: receiver.url, description: 'reliability' } });
  const payload = answer.body?.data?.createWebhookEndpoint;
  if (payload?.__typename !== 'CreateWebhookEndpointSuccess') throw new Error(`the endpoint was not made: ${JSON.stringify(answer.body)}`);
  receiver.secret = payload.secret!;
  return payload.endpoint!.id;
}

export interface CommittedChange {
  id: string;
  contactId: string;
  kind: string;
  position: bigint;
}

/** Every committed change, in commit order. */
export function committedChanges(db: Database): Promise<CommittedChange[]> {
  return db.models.contactChange.findMany({ orderBy: { position: 'asc' }, select: { id: true, contactId: true, kind: true, position: true } });
}

/**
 * The attempts sent while an earlier event of the same contact (by commit
 * position) had not yet been answered 2xx, or of an event that never
 * committed; empty when every contact's events came in commit order.
 */
export function outOfOrder(attempts: readonly Attempt[], changes: readonly CommittedChange[]): string[] {
  const byId = new Map(changes.map((change) => [change.id, change]));
  const undelivered = new Map<string, CommittedChange[]>();
  for (const change of changes) undelivered.set(change.contactId, [...(undelivered.get(change.contactId) ?? []), change]);
  const problems: string[] = [];
  for (const attempt of attempts) {
    const change = byId.get(attempt.event.data.changeId);
    if (!change) {
      problems.push(`${attempt.webhookId} is no committed change`);
      continue;
    }
    const waiting = undelivered.get(change.contactId)!;
    const earlier = waiting.filter((other) => other.position < change.position);
    if (earlier.length) problems.push(`${change.id} (position ${change.position}) was sent before ${earlier.map((other) => other.id).join(', ')} was delivered`);
    if (attempt.status < 300) undelivered.set(change.contactId, waiting.filter((other) => other.id !== change.id));
  }
  return problems;
}
