/** What one attempt's result makes of its delivery: delivered, retried on the schedule, or ended. */
import { describe, expect, it, vi } from 'vitest';
import type { AttemptResult } from '../../src/webhooks/send.js';
import type { AttemptRecord, ClaimedDelivery, WebhookStore } from '../../src/webhooks/store.js';
import { newEndpointSecret } from '../../src/webhooks/signing.js';
import { DeliveryWorker, outcomeOf } from '../../src/webhooks/worker.js';

const delivery: ClaimedDelivery = { id: 'd', leaseId: 'l', endpointId: 'e', url: 'https://x.test/', secret: 'whsec_x', eventId: 'c', payload: '{}', attempts: 0 };
const at = new Date('2026-12-01T00:00:00Z');
const schedule = [1000, 60_000];

describe('outcomeOf', () => {
  it('ends a delivered attempt', () => {
    expect(outcomeOf(delivery, { kind: 'delivered', status: 204 }, at, schedule)).toEqual({
      status: 'SUCCEEDED', attempts: 1, lastAttemptAt: at, nextAttemptAt: null, responseStatus: 204, lastError: null,
    });
  });

  it('retries a refusal after the next delay, jittered, keeping only the start of the body on one line', () => {
    const record = outcomeOf(delivery, { kind: 'rejected', status: 503, body: `busy\n${'x'.repeat(1024 * 1024)}` }, at, schedule);
    expect(record).toMatchObject({ status: 'PENDING', attempts: 1, responseStatus: 503 });
    const wait = record.nextAttemptAt!.getTime() - at.getTime();
    expect(wait).toBeGreaterThanOrEqual(800);
    expect(wait).toBeLessThanOrEqual(1200);
    expect(record.lastError).toBe(`the endpoint answered 503: busy ${'x'.repeat(195)}…`);
  });

  it('fails a delivery for good once the schedule is used up, and at once on 410', () => {
    const last = outcomeOf({ ...delivery, attempts: 2 }, { kind: 'failed', error: 'timed out after 10 s' }, at, schedule);
    expect(last).toMatchObject({ status: 'FAILED', attempts: 3, nextAttemptAt: null, responseStatus: null, lastError: 'timed out after 10 s' });
    expect(outcomeOf(delivery, { kind: 'gone', status: 410 }, at, schedule)).toMatchObject({ status: 'FAILED', attempts: 1, responseStatus: 410 });
  });
});

describe('DeliveryWorker', () => {
  it('keeps delivering to others while one receiver hangs: a hanging attempt holds one slot only', async () => {
    const due = ['hangs', 'b', 'c', 'd'].map((id) => ({ ...delivery, id, eventId: id, secret: newEndpointSecret() }));
    const recorded = new Map<string, AttemptRecord>();
    const store = {
      enqueueOwed: async () => 0,
      claimDue: async (_now: Date, limit: number) => due.splice(0, limit),
      recordAttempt: async (id: string, _lease: string, record: AttemptRecord) => (recorded.set(id, record), true),
      disableEndpoint: async () => {},
    } as unknown as WebhookStore;
    let release!: (result: AttemptResult) => void;
    const hanging = new Promise<AttemptResult>((resolve) => (release = resolve));
    const worker = new DeliveryWorker(store, {
      retrySchedule: [1000],
      allowPrivate: true,
      concurrency: 2,
      pollIntervalMs: 5,
      observer: { attempted: () => {}, roundFailed: (error) => { throw error; } },
      send: (request) => (request.headers['webhook-id'] === 'hangs' ? hanging : Promise.resolve({ kind: 'delivered', status: 200 })),
    });
    await vi.waitFor(() => expect([...recorded.keys()].sort()).toEqual(['b', 'c', 'd']), { timeout: 5000 });
    release({ kind: 'delivered', status: 200 });
    await worker.stop();
    expect(recorded.get('hangs')?.status).toBe('SUCCEEDED');
  });
});
