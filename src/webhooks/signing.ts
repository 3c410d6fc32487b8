/**
 * Webhook signatures per the Standard Webhooks specification, made by its own
 * library so that receivers verify them with any of its implementations.
 */
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new endpoint's signing secret: `whsec_` and 32 random bytes in base64, the specification's form. */
export function newEndpointSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The headers that sign `body` as the event `eventId` sent at `timestamp`; `webhook-id` stays the same across retries of one event. */
export function signedHeaders(secret: string, eventId: string, timestamp: Date, body: string): Record<string, string> {
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(eventId, timestamp, body),
  };
}
