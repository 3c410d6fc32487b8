/**
 * Webhooks from replicas: three server processes on one PostgreSQL database,
 * each with its own delivery worker, drain one outbox to one endpoint whose
 * receiver fails a seeded share of attempts, while overlapping single and batch
 * upserts of the same contacts arrive through all three. Every change is
 * delivered; no delivery is attempted by two replicas at once (the receiver
 * counts exactly the attempts the row records); every request verifies; and
 * each contact's events are sent in commit order.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { createEmptyDatabase, testProvider } from '../support/database.js';
import { startServer, type ServerProcess } from '../support/processes.js';
import { inParallel, postGraphql, seededRandom, shuffled, workspaceOn } from '../support/remote.js';
import { committedChanges, outOfOrder, registerReceiver } from '../support/webhook-checks.js';
import { startReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const replicas = 3;
const keyCount = 40;
const writesPerReplica = 120;
const batchSize = 8;
const connectionsPerReplica = 4;
const failureShare = 0.3;
const seed = Number(process.env.WEBHOOK_REPLICAS_SEED ?? 19);
// Short and long enough that no delivery runs out of attempts at this failure share.
const retrySchedule = Array(60).fill('100ms').join(',');

const upsert = `mutation($inputs: [UpsertContactInput!]!) { upsertContacts(inputs: $inputs) { results {
  __typename ... on UpsertContactSuccess { contact { company } } ... on ValidationError { message } } } }`;

describe.runIf(testProvider === 'postgresql')('webhooks from three replicas on one PostgreSQL database', () => {
  let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let servers: ServerProcess[] = [];
  let db: Database;
  let receiver: WebhookReceiver;
  let apiKey: string;
  const random = seededRandom(seed);
  const failing = seededRandom(seed + 1);

  beforeAll(async () => {
    database = await createEmptyDatabase();
    const env = {
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '6',
      // Three starting at once, and racing to migrate, may wait longer than the default for a connection.
      DATABASE_CONNECT_TIMEOUT_MS: '20000',
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      WEBHOOK_RETRY_SCHEDULE: retrySchedule,
    };
    servers = await Promise.all(Array.from({ length: replicas }, () => startServer(env)));
    ({ apiKey } = await workspaceOn(database.url, 'webhook replicas'));
    db = await openDatabase(database.url);
    receiver = await startReceiver({ answer: () => (failing() < failureShare ? 500 : 200) });
    await registerReceiver(servers[0]!.url, apiKey, receiver);
  });
  afterAll(async () => {
    for (const server of servers) server.child.kill('SIGKILL');
    await Promise.all(servers.map((server) => server.exited));
    await receiver?.close();
    await db?.close();
    await database?.remove();
  });

  /**
   * Writes through one replica: its share of singles and batches (distinct keys in
   * each), every write setting a company no other sets, so each acknowledged write
   * is a change of its own. Resolves with the acknowledged companies.
   */
  async function writeThrough(server: ServerProcess, writer: number, errors: string[]): Promise<string[]> {
    const writes = Array.from({ length: writesPerReplica }, (_, n) => {
      const key = Math.floor(random() * keyCount);
      return { trackingId: `hook-${key}`, email: `hook-${key}@example.com`, firstName: 'Hook', lastName: `Key ${key}`, company: `writer ${writer} write ${n}` };
    });
    // Half alone, half in batches, never the same key twice in one batch.
    const requests: (typeof writes)[] = [];
    let batch: typeof writes = [];
    for (const write of shuffled(writes, random)) {
      if (random() < 0.5) {
        requests.push([write]);
        continue;
      }
      if (batch.length === batchSize || batch.some((other) => other.trackingId === write.trackingId)) {
        requests.push(batch);
        batch = [];
      }
      batch.push(write);
    }
    if (batch.length) requests.push(batch);
    const acknowledged: string[] = [];
    await inParallel(requests, connectionsPerReplica, async (inputs) => {
      const answer = await postGraphql<{ upsertContacts: { results: { contact?: { company: string }; message?: string }[] } }>(server.url, apiKey, upsert, { inputs });
      const results = answer.body?.data?.upsertContacts.results;
      if (!results) return void errors.push(`${answer.status} ${JSON.stringify(answer.body)}`);
      for (const result of results) {
        if (result.contact) acknowledged.push(result.contact.company);
        else errors.push(result.message ?? 'no contact');
      }
    });
    return acknowledged;
  }

  it(`delivers every change of ${replicas * writesPerReplica} overlapping writes once per attempt, signed and in commit order per contact, while ${failureShare * 100}% of attempts fail`, { timeout: 120_000 }, async () => {
    const errors: string[] = [];
    const acknowledged = (await Promise.all(servers.map((server, writer) => writeThrough(server, writer, errors)))).flat();
    expect(errors).toEqual([]);
    expect(acknowledged).toHaveLength(replicas * writesPerReplica);
    await vi.waitFor(async () => expect(await db.models.webhookDelivery.count({ where: { status: { not: 'SUCCEEDED' } } })).toBe(0), { timeout: 90_000, interval: 200 });

    const changes = await committedChanges(db);
    const rows = await db.models.webhookDelivery.findMany({ select: { eventId: true, attempts: true } });
    expect(receiver.unverified).toEqual([]);
    // Every acknowledged write is one change, and every change one delivery, delivered.
    expect(changes).toHaveLength(acknowledged.length);
    expect(rows.map((row) => row.eventId).sort()).toEqual(changes.map((change) => change.id).sort());
    expect(receiver.delivered().map((event) => event.data.changeId).sort()).toEqual(changes.map((change) => change.id).sort());
    const sentCompanies = new Set(receiver.delivered().map((event) => event.data.contact?.company));
    expect(acknowledged.filter((company) => !sentCompanies.has(company))).toEqual([]);

    // The receiver saw exactly the attempts each row records: no replica attempted a delivery another held.
    const seen = new Map<string, number>();
    for (const attempt of receiver.attempts) seen.set(attempt.webhookId, (seen.get(attempt.webhookId) ?? 0) + 1);
    expect(rows.filter((row) => seen.get(row.eventId) !== row.attempts).map((row) => [row.eventId, row.attempts, seen.get(row.eventId)])).toEqual([]);
    expect(outOfOrder(receiver.attempts, changes)).toEqual([]);

    // Refusals were met, and every replica took part in the delivering (each logs the attempts of its own that failed).
    const failedAttempts = receiver.attempts.filter((attempt) => attempt.status >= 300).length;
    expect(failedAttempts).toBeGreaterThan(0);
    const failuresLogged = servers.map((server) => server.logs.filter((entry) => String(entry.msg).startsWith('webhook attempt failed; it will be retried: the endpoint answered 500')).length);
    for (const logged of failuresLogged) expect(logged).toBeGreaterThan(0);
    expect(failuresLogged.reduce((sum, logged) => sum + logged, 0)).toBe(failedAttempts);
    console.log(
      `webhook replicas: ${replicas} servers, ${changes.length} changes of ${keyCount} contacts, ${receiver.attempts.length} attempts, ` +
        `${failedAttempts} refused (logged per replica: ${failuresLogged.join(', ')})`,
    );
  });
});
