/** What one attempt's result makes of its delivery: delivered, retried on the schedule, or ended. */
import { describe, expect, it } from 'vitest';
import type { ClaimedDelivery } from '../../src/webhooks/store.js';
import { outcomeOf } from '../../src/webhooks/worker.js';

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
