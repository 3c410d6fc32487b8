/**
 * Webhooks end to end in one process: endpoints made and deleted through
 * GraphQL, every change delivered to every endpoint of its workspace as a
 * Standard Webhooks request that verifies, the same webhook-id on every retry,
 * a contact's events in commit order while a share of attempts fail, nothing
 * for a rolled-back write or a dry run, 410 disabling the endpoint, and a
 * delivery that fails for good once the schedule is used up.
 */
import { isObjectType } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import { schema } from '../../src/graphql/schema/index.js';
import { createMetrics } from '../../src/http/metrics.js';
import { startWebhookDeliveries } from '../../src/webhook-deliveries.js';
import type { ContactStore } from '../../src/contacts/store.js';
import { upsertContacts } from '../../src/contacts/upsert.js';
import { DeliveryWorker, type DeliveryObserver } from '../../src/webhooks/worker.js';
import { expectType, startTestApp, type TestApp } from '../support/app.js';
import { ContactChanges, CreateWebhookEndpoint, DeleteContact, DeleteWebhookEndpoint, UpdateContact, UpsertContact, WebhookEndpoints } from '../support/documents.js';
import { startReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const quiet: DeliveryObserver = { attempted: () => {}, roundFailed: (error) => { throw error; } };

describe('webhooks', () => {
  let t: TestApp;
  let worker: DeliveryWorker | undefined;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    t = await startTestApp({ webhookRules: { allowPrivate: true } });
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    await t.db.models.webhookEndpoint.deleteMany({});
  });
  afterAll(async () => {
    await Promise.all(receivers.map((receiver) => receiver.close()));
    await t?.drop();
  });

  /** A receiver registered as an endpoint of the test's workspace. */
  async function endpointFor(options: Parameters<typeof startReceiver>[0] = {}) {
    const receiver = await startReceiver(options);
    receivers.push(receiver);
    const created = expectType((await t.run(CreateWebhookEndpoint, { input: { url: receiver.url, description: 'tests' } })).createWebhookEndpoint, 'CreateWebhookEndpointSuccess');
    receiver.secret = created.secret;
    return { receiver, endpoint: created.endpoint, secret: created.secret };
  }

  const startWorker = (retrySchedule = [5, 5, 5, 5, 5, 5, 5, 5, 5, 5]) =>
    (worker = new DeliveryWorker(t.db.webhooks, { retrySchedule, allowPrivate: true, observer: quiet, pollIntervalMs: 10 }));

  /** Every change of the workspace, oldest first. */
  async function changes() {
    return (await t.run(ContactChanges, { first: 500 })).contactChanges.edges.map((edge) => edge.node);
  }

  /** Nothing pending: no delivery waiting, and no change in the feed that an endpoint has yet to enqueue. */
  const settled = () => vi.waitFor(async () => expect(await t.db.webhooks.oldestPending()).toBeNull(), { timeout: 30_000, interval: 20 });

  it('makes an endpoint with a whsec_ secret shown once, and lists it without one', async () => {
    const { endpoint, secret } = await endpointFor();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(endpoint).toMatchObject({ description: 'tests', enabled: true });
    const listed = (await t.run(WebhookEndpoints, {})).webhookEndpoints;
    expect(listed.map((e) => e.id)).toEqual([endpoint.id]);
    expect(JSON.stringify(listed)).not.toContain(secret);
    // No field of the API gives it again.
    const withSecret = Object.values(schema.getTypeMap()).filter((type) => isObjectType(type) && 'secret' in type.getFields());
    expect(withSecret.map((type) => type.name)).toEqual(['CreateWebhookEndpointSuccess']);
  });

  it('delivers every change, signed, with the event the spec describes and the same id on each retry', async () => {
    const { receiver } = await endpointFor({ answer: (_event, attempt) => (attempt === 1 ? 503 : 200) });
    const created = expectType(
      (await t.run(UpsertContact, { input: { trackingId: 'w-1', email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' } })).upsertContact,
      'UpsertContactSuccess',
    );
    const id = created.contact.id;
    await t.run(UpdateContact, { id, input: { title: 'Countess' } });
    // A replay changes nothing and sends nothing.
    await t.run(UpsertContact, { input: { trackingId: 'w-1', firstName: 'Ada' } });
    await t.run(DeleteContact, { id });
    startWorker();
    await settled();

    expect(receiver.unverified).toEqual([]);
    const feed = (await changes()).filter((change) => change.contactId === id);
    const delivered = receiver.delivered();
    expect(delivered.map((event) => [event.type, event.data.changeId])).toEqual([
      ['contact.created', feed[0]!.id],
      ['contact.updated', feed[1]!.id],
      ['contact.deleted', feed[2]!.id],
    ]);
    // Every event was refused once, then accepted: two attempts under one webhook-id, which is the change's id.
    for (const event of delivered) {
      expect(receiver.attempts.filter((a) => a.webhookId === event.webhookId).map((a) => a.status)).toEqual([503, 200]);
      expect(event.webhookId).toBe(event.data.changeId);
    }
    const [createdEvent, updatedEvent, deletedEvent] = delivered;
    // Enqueued after the update and the delete: the create's values are its first state, which the update kept.
    expect(createdEvent!.data.contact).toMatchObject({ id, trackingId: 'w-1', email: 'ada@example.com', title: null, createdAt: created.contact.createdAt });
    expect(createdEvent!.data.changes).toEqual([
      { field: 'trackingId', from: null, to: 'w-1' },
      { field: 'email', from: null, to: 'ada@example.com' },
      { field: 'firstName', from: null, to: 'Ada' },
      { field: 'lastName', from: null, to: 'Lovelace' },
    ]);
    expect(updatedEvent!.data).toMatchObject({ contactId: id, changes: [{ field: 'title', from: null, to: 'Countess' }] });
    // The whole contact as the update left it: every other value kept, built from the change's record alone.
    expect(updatedEvent!.data.contact).toEqual({ ...createdEvent!.data.contact, title: 'Countess', updatedAt: feed[1]!.time });
    expect(deletedEvent!.data.contact).toBeNull();
    expect(new Date(createdEvent!.timestamp).toISOString()).toBe(feed[0]!.time);

    const [listed] = (await t.run(WebhookEndpoints, { first: 10 })).webhookEndpoints;
    expect(listed!.deliveries.map((d) => [d.eventType, d.status, d.attempts, d.responseStatus, d.nextAttemptAt])).toEqual([
      ['contact.deleted', 'SUCCEEDED', 2, 200, null],
      ['contact.updated', 'SUCCEEDED', 2, 200, null],
      ['contact.created', 'SUCCEEDED', 2, 200, null],
    ]);
  });

  it('keeps each contact’s events in commit order while a share of attempts fail', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const { receiver } = await endpointFor({ answer: () => (random() < 0.4 ? 500 : 200) });
    const before = (await changes()).length;
    const writes = Array.from({ length: 8 }, (_, round) =>
      upsertContacts(
        t.db.contacts,
        t.workspaceId,
        Array.from({ length: 6 }, (_, key) => ({ trackingId: `order-${key}`, email: `order-${key}@example.com`, firstName: 'Order', lastName: `Round ${round}` })),
      ),
    );
    startWorker(Array(40).fill(2));
    await Promise.all(writes);
    await settled();
    expect(receiver.unverified).toEqual([]);

    const feed = await changes();
    const position = new Map(feed.map((change, i) => [change.id, i]));
    // When any attempt of an event arrives, every earlier event of its contact has been answered 2xx.
    const done = new Set<string>();
    for (const attempt of receiver.attempts) {
      const { contactId, changeId } = attempt.event.data;
      const earlier = feed.filter((change) => change.contactId === contactId && position.get(change.id)! < position.get(changeId)!);
      expect(earlier.filter((change) => !done.has(change.id)), `before ${changeId}`).toEqual([]);
      if (attempt.status < 300) done.add(changeId);
    }
    expect(new Set(receiver.delivered().map((event) => event.data.changeId))).toEqual(new Set(feed.slice(before).map((change) => change.id)));
    expect(feed.length - before).toBe(48);
  });

  it('sends nothing for a rolled-back write or a dry run', async () => {
    const { receiver } = await endpointFor();
    const inner = t.db.contacts;
    const failing: ContactStore = {
      ...inner,
      concurrentWrites: inner.concurrentWrites,
      transaction: (work) => inner.transaction(async (tx) => (await work(tx), Promise.reject(new Error('rolled back')))),
    };
    await expect(upsertContacts(failing, t.workspaceId, [{ email: 'never@example.com', firstName: 'N', lastName: 'W' }])).rejects.toThrow('rolled back');
    await upsertContacts(t.db.contacts, t.workspaceId, [{ email: 'dry@example.com', firstName: 'D', lastName: 'R' }], { dryRun: true });
    expect(await t.db.models.webhookDelivery.count()).toBe(0);
    // A write after them is delivered, and alone.
    await upsertContacts(t.db.contacts, t.workspaceId, [{ email: 'real@example.com', firstName: 'R', lastName: 'W' }]);
    startWorker();
    await settled();
    expect(receiver.delivered().map((event) => event.data.contact?.email)).toEqual(['real@example.com']);
  });

  it('disables an endpoint that answers 410 and fails what it still owed', async () => {
    const { receiver, endpoint } = await endpointFor({ answer: () => 410 });
    // Three events of one contact: the first is sent alone, the others wait for it.
    await upsertContacts(t.db.contacts, t.workspaceId, [1, 2, 3].map((i) => ({ trackingId: 'gone-1', email: 'gone-1@example.com', firstName: 'G', lastName: `One ${i}` })));
    startWorker();
    await settled();
    const [listed] = (await t.run(WebhookEndpoints, { first: 10 })).webhookEndpoints;
    expect(listed).toMatchObject({ id: endpoint.id, enabled: false });
    expect(listed!.deliveries.map((d) => d.status)).toEqual(['FAILED', 'FAILED', 'FAILED']);
    // One attempt: the first event's 410 ended the others too.
    expect(receiver.attempts).toHaveLength(1);
    await upsertContacts(t.db.contacts, t.workspaceId, [{ trackingId: 'gone-1', lastName: 'One 4' }]);
    expect(await t.db.models.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(3);
  });

  it('marks a delivery FAILED once the schedule is used up', async () => {
    const { receiver } = await endpointFor({ answer: () => 500 });
    await upsertContacts(t.db.contacts, t.workspaceId, [{ trackingId: 'fail-1', email: 'fail-1@example.com', firstName: 'F', lastName: 'Ail' }]);
    startWorker([1, 1, 1]);
    await settled();
    const [listed] = (await t.run(WebhookEndpoints, { first: 10 })).webhookEndpoints;
    expect(listed!.deliveries.map((d) => [d.status, d.attempts, d.responseStatus, d.nextAttemptAt])).toEqual([['FAILED', 4, 500, null]]);
    expect(receiver.attempts).toHaveLength(4);
  });

  it('counts attempts and ended deliveries in the metrics, and logs a failed attempt with the endpoint id, never the secret', async () => {
    const { receiver, endpoint, secret } = await endpointFor({ answer: (_event, attempt) => (attempt === 1 ? 500 : 200) });
    const logs: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
    const metrics = createMetrics(t.db);
    await upsertContacts(t.db.contacts, t.workspaceId, [{ trackingId: 'metrics-1', email: 'metrics-1@example.com', firstName: 'M', lastName: 'Etrics' }]);
    // The change waits in the feed, not yet enqueued; made to look a minute old, the gauge says so.
    await t.db.models.contactChange.updateMany({ where: { workspaceId: t.workspaceId }, data: { time: new Date(Date.now() - 60_000) } });
    const pending = await metrics.registry.getSingleMetricAsString('webhook_oldest_pending_seconds');
    expect(Number(/^webhook_oldest_pending_seconds (\S+)$/m.exec(pending)?.[1])).toBeGreaterThanOrEqual(60);
    worker = startWebhookDeliveries(t.db, logger, metrics, { retrySchedule: [5, 5], allowPrivate: true, pollIntervalMs: 10 });
    await settled();
    expect(receiver.delivered()).toHaveLength(1);
    const text = await metrics.registry.metrics();
    expect(text).toContain('webhook_attempts_total{outcome="rejected"} 1');
    expect(text).toContain('webhook_attempts_total{outcome="delivered"} 1');
    expect(text).toContain('webhook_deliveries_total{status="succeeded"} 1');
    expect(text).toContain('webhook_oldest_pending_seconds 0');
    const failed = logs.filter((line) => String(line.msg).startsWith('webhook attempt failed'));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ level: 40, endpointId: endpoint.id, attempt: 1, outcome: 'rejected', responseStatus: 500 });
    expect(JSON.stringify(logs)).not.toContain(secret);
  });

  it('refuses loopback, private and metadata URLs unless they are allowed, naming url', async () => {
    const strict = await startTestApp({ webhookRules: { allowPrivate: false } });
    try {
      for (const url of ['https://127.0.0.1/hook', 'https://[::1]/hook', 'https://10.1.2.3/hook', 'https://169.254.169.254/latest', 'https://localhost/hook', 'http://example.com/hook', 'not a url']) {
        const payload = (await strict.run(CreateWebhookEndpoint, { input: { url } })).createWebhookEndpoint;
        expect(expectType(payload, 'ValidationError').fieldErrors.map((e) => [e.field, e.code]), url).toEqual([['url', 'INVALID']]);
      }
      expect(await strict.db.models.webhookEndpoint.count()).toBe(0);
    } finally {
      await strict.drop();
    }
    // Allowed here (WEBHOOK_ALLOW_PRIVATE_URLS=true): local development.
    expectType((await t.run(CreateWebhookEndpoint, { input: { url: 'http://127.0.0.1:9/hook' } })).createWebhookEndpoint, 'CreateWebhookEndpointSuccess');
  });

  it('refuses a description with control characters or over 500 characters, and more than 20 endpoints', async () => {
    for (const [description, code] of [['a\u0007b', 'INVALID'], ['x'.repeat(501), 'TOO_LONG']] as const) {
      const payload = (await t.run(CreateWebhookEndpoint, { input: { url: 'http://127.0.0.1:9/hook', description } })).createWebhookEndpoint;
      expect(expectType(payload, 'ValidationError').fieldErrors.map((e) => [e.field, e.code])).toEqual([['description', code]]);
    }
    for (let i = 0; i < 20; i++) await t.run(CreateWebhookEndpoint, { input: { url: `http://127.0.0.1:9/hook-${i}` } });
    const payload = (await t.run(CreateWebhookEndpoint, { input: { url: 'http://127.0.0.1:9/one-more' } })).createWebhookEndpoint;
    expect(expectType(payload, 'ValidationError').fieldErrors.map((e) => e.field)).toEqual(['url']);
  });

  it('deletes an endpoint with its deliveries, and answers NotFoundError for one it does not have', async () => {
    const { endpoint } = await endpointFor();
    await upsertContacts(t.db.contacts, t.workspaceId, [{ email: 'del@example.com', firstName: 'D', lastName: 'El' }]);
    expect(await t.db.webhooks.enqueueOwed()).toBe(1);
    expect(await t.db.models.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(1);
    expectType((await t.run(DeleteWebhookEndpoint, { id: endpoint.id })).deleteWebhookEndpoint, 'DeleteWebhookEndpointSuccess');
    expect(await t.db.models.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(0);
    for (const id of [endpoint.id, 'nope', '\u0000']) {
      expectType((await t.run(DeleteWebhookEndpoint, { id })).deleteWebhookEndpoint, 'NotFoundError');
    }
  });
});
