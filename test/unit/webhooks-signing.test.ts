import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newEndpointSecret, signedHeaders } from '../../src/webhooks/signing.js';

const body = JSON.stringify({ type: 'contact.created', timestamp: '2026-01-01T00:00:00.000Z', data: { changeId: 'c1', contactId: 'k1', changes: [], contact: null } });

describe('newEndpointSecret', () => {
  it('makes distinct whsec_ secrets of 32 random bytes in base64', () => {
    const secrets = Array.from({ length: 100 }, newEndpointSecret);
    for (const secret of secrets) {
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    }
    expect(new Set(secrets).size).toBe(secrets.length);
  });
});

describe('signedHeaders', () => {
  it('signs so that the Standard Webhooks library verifies the request, with the event id as webhook-id', () => {
    const secret = newEndpointSecret();
    const now = new Date();
    const headers = signedHeaders(secret, 'evt_01', now, body);
    expect(headers['webhook-id']).toBe('evt_01');
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(now.getTime() / 1000)));
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('makes a signature that fails for a tampered body, another event id, another timestamp or another secret', () => {
    const secret = newEndpointSecret();
    const now = new Date();
    const headers = signedHeaders(secret, 'evt_01', now, body);
    const verifier = new Webhook(secret);
    expect(() => verifier.verify(body.replace('contact.created', 'contact.deleted'), headers)).toThrow(WebhookVerificationError);
    expect(() => verifier.verify(body, { ...headers, 'webhook-id': 'evt_02' })).toThrow(WebhookVerificationError);
    expect(() => verifier.verify(body, { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) - 1) })).toThrow(WebhookVerificationError);
    expect(() => new Webhook(newEndpointSecret()).verify(body, headers)).toThrow(WebhookVerificationError);
  });

  it('signs a retry of one event at another time with the same webhook-id and a new signature', () => {
    const secret = newEndpointSecret();
    const first = signedHeaders(secret, 'evt_01', new Date(Date.now() - 60_000), body);
    const retry = signedHeaders(secret, 'evt_01', new Date(), body);
    expect(retry['webhook-id']).toBe(first['webhook-id']);
    expect(retry['webhook-signature']).not.toBe(first['webhook-signature']);
    expect(new Webhook(secret).verify(body, first)).toEqual(JSON.parse(body));
    expect(new Webhook(secret).verify(body, retry)).toEqual(JSON.parse(body));
  });
});
