/**
 * The contact feed as the webhook outbox: an endpoint starts at the feed's end;
 * enqueueing makes each change one delivery per endpoint, also with several
 * enqueuers at once, and stays a bounded number ahead of the attempts; what an
 * endpoint has yet to take is listed under the ids it keeps; retention keeps it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pruneHistory } from '../../src/contacts/history-retention.js';
import { upsertContacts } from '../../src/contacts/upsert.js';
import { deleteContact } from '../../src/contacts/delete.js';
import { expectType, startTestApp, type TestApp } from '../support/app.js';
import { CreateWebhookEndpoint, WebhookEndpoints } from '../support/documents.js';

const day = 24 * 60 * 60 * 1000;

describe('the webhook outbox', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ webhookRules: { allowPrivate: true } });
  });
  afterEach(() => t.db.models.webhookEndpoint.deleteMany({}));
  afterAll(() => t?.drop());

  /** A new endpoint of the test's workspace (nothing is sent: no worker runs). */
  async function endpoint(): Promise<string> {
    const payload = (await t.run(CreateWebhookEndpoint, { input: { url: 'http://127.0.0.1:9/hook' } })).createWebhookEndpoint;
    return expectType(payload, 'CreateWebhookEndpointSuccess').endpoint.id;
  }
  const write = async (prefix: string, count: number) => {
    const outcomes = await upsertContacts(
      t.db.contacts,
      t.workspaceId,
      Array.from({ length: count }, (_, i) => ({ trackingId: `${prefix}-${i}`, email: `${prefix}-${i}@example.com`, firstName: 'O', lastName: prefix })),
    );
    return outcomes.map((outcome) => (outcome instanceof Error ? '' : outcome.contact.id));
  };
  const deliveriesOf = (endpointId: string) =>
    t.db.models.webhookDelivery.findMany({ where: { endpointId }, orderBy: { changePosition: 'asc' }, select: { id: true, eventId: true, eventType: true, status: true } });
  const newestChanges = async (count: number) =>
    (await t.db.models.contactChange.findMany({ where: { workspaceId: t.workspaceId }, orderBy: { position: 'desc' }, take: count })).reverse();

  it("starts an endpoint at the feed's end: it is owed what commits after it, once", async () => {
    await write('before', 3);
    const id = await endpoint();
    expect(await t.db.webhooks.enqueueOwed()).toBe(0);
    await write('after', 2);
    expect(await t.db.webhooks.enqueueOwed()).toBe(2);
    expect(await t.db.webhooks.enqueueOwed()).toBe(0);
    expect((await deliveriesOf(id)).map((delivery) => delivery.eventId)).toEqual((await newestChanges(2)).map((change) => change.id));
  });

  it('lists the changes an endpoint has yet to take as pending deliveries, under the ids they keep', async () => {
    const id = await endpoint();
    const [contactId] = await write('listed', 2);
    await deleteContact(t.db.contacts, t.workspaceId, contactId!);
    const listed = async () => (await t.run(WebhookEndpoints, { first: 10 })).webhookEndpoints.find((e) => e.id === id)!.deliveries;
    const owed = await listed();
    expect(owed.map((delivery) => [delivery.eventType, delivery.status, delivery.attempts])).toEqual([
      ['contact.deleted', 'PENDING', 0],
      ['contact.created', 'PENDING', 0],
      ['contact.created', 'PENDING', 0],
    ]);
    expect(await t.db.webhooks.enqueueOwed()).toBe(3);
    expect(await listed()).toEqual(owed);
    expect((await deliveriesOf(id)).map((delivery) => delivery.id).reverse()).toEqual(owed.map((delivery) => delivery.id));
  });

  it('lists a change enqueued while the listing reads once, under its one id', async () => {
    const id = await endpoint();
    await write('between', 3);
    const { owedDeliveries } = t.db.webhooks;
    // The worker enqueues between the listing's read of what is owed and its read of the deliveries.
    t.db.webhooks.owedDeliveries = async (...args) => {
      const owed = await owedDeliveries(...args);
      await t.db.webhooks.enqueueOwed();
      return owed;
    };
    try {
      const [listed] = (await t.run(WebhookEndpoints, { first: 10 })).webhookEndpoints.filter((e) => e.id === id);
      expect(listed!.deliveries.map((delivery) => delivery.id)).toEqual((await deliveriesOf(id)).map((delivery) => delivery.id).reverse());
    } finally {
      t.db.webhooks.owedDeliveries = owedDeliveries;
    }
  });

  it('enqueues at most 500 at a time and keeps at most 1,000 never attempted', async () => {
    const id = await endpoint();
    await write('bulk-a', 600);
    await write('bulk-b', 600);
    expect(await t.db.webhooks.enqueueOwed()).toBe(500);
    expect(await t.db.webhooks.enqueueOwed()).toBe(500);
    expect(await t.db.webhooks.enqueueOwed()).toBe(0);
    const attempted = (await deliveriesOf(id)).slice(0, 300).map((delivery) => delivery.id);
    await t.db.models.webhookDelivery.updateMany({ where: { id: { in: attempted } }, data: { status: 'SUCCEEDED', attempts: 1, nextAttemptAt: null } });
    expect(await t.db.webhooks.enqueueOwed()).toBe(200);
    const all = await deliveriesOf(id);
    expect(all.map((delivery) => delivery.eventId)).toEqual((await newestChanges(1_200)).map((change) => change.id));
  });

  it('makes each change one delivery per endpoint while several enqueuers run at once', async () => {
    const ids = [await endpoint(), await endpoint()];
    await write('racing', 300);
    const made = await Promise.all(Array.from({ length: 4 }, () => t.db.webhooks.enqueueOwed()));
    expect(made.reduce((sum, count) => sum + count, 0)).toBe(600);
    const changes = (await newestChanges(300)).map((change) => change.id);
    for (const id of ids) expect((await deliveriesOf(id)).map((delivery) => delivery.eventId)).toEqual(changes);
  });

  it('keeps through retention the changes an enabled endpoint has yet to take, and no longer', async () => {
    const id = await endpoint();
    await write('kept', 3);
    const kept = await newestChanges(3);
    await t.db.models.contactChange.updateMany({ where: { workspaceId: t.workspaceId }, data: { time: new Date(Date.now() - 40 * day) } });
    const before = await t.db.models.contactChange.count();
    // Older changes were taken by no endpoint still there: they may go; the owed three stay.
    const pruned = await pruneHistory(t.db.contacts, 30);
    expect(pruned).toBe(before - 3);
    expect((await newestChanges(3)).map((change) => change.id)).toEqual(kept.map((change) => change.id));
    // Disabled, it holds nothing back.
    await t.db.models.webhookEndpoint.updateMany({ where: { id }, data: { enabled: false } });
    expect(await pruneHistory(t.db.contacts, 30)).toBe(3);
  });
});
