/**
 * Webhooks through crashes. A server process with an endpoint whose receiver
 * refuses (503) is killed with SIGKILL three times while writes land and
 * attempts are made, the first time with an attempt held in flight by the
 * receiver, and restarted on the same database each time. Once the receiver
 * accepts, every committed change has been delivered, the attempt in flight at
 * the first kill made again, every request verified, nothing sent that did not
 * commit, and each contact's events sent in commit order. A SIGTERM while
 * deliveries are pending stops the server with status 0, and a restart
 * delivers them.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { testProvider } from '../support/database.js';
import type { ServerProcess } from '../support/processes.js';
import { postGraphql } from '../support/remote.js';
import { createStage, type Stage } from '../support/stage.js';
import { committedChanges, outOfOrder, registerReceiver } from '../support/webhook-checks.js';
import { startReceiver, type ReceivedEvent, type ReceiverOptions, type WebhookReceiver } from '../support/webhook-receiver.js';

// Refused attempts come back fast and often, and never run out while the test lasts.
const serverEnv = { WEBHOOK_ALLOW_PRIVATE_URLS: 'true', WEBHOOK_RETRY_SCHEDULE: Array(400).fill('100ms').join(',') };
const keyCount = 10;
const kills = 3;

const upsert = `mutation($inputs: [UpsertContactInput!]!) { upsertContacts(inputs: $inputs) { results {
  __typename ... on UpsertContactSuccess { contact { company } } ... on ValidationError { message } } } }`;

interface Writes {
  /** The company of each acknowledged write: no other write sets it, so each is a change of its own. */
  acknowledged: string[];
  /** Requests that got no answer: the server died under them, and they may or may not have committed. */
  unanswered: number;
  /** Answers that were neither a success nor the lack of an answer (must stay empty). */
  errors: string[];
}

/** Overlapping upserts of the same keys through one server, all sent at once: 20 alone and 4 batches of 5. */
function burst(server: ServerProcess, apiKey: string, round: number, writes: Writes): Promise<void> {
  const input = (key: number, n: number) => ({
    trackingId: `crash-${key}`,
    email: `crash-${key}@example.com`,
    firstName: 'Crash',
    lastName: `Key ${key}`,
    company: `round ${round} write ${n}`,
  });
  const requests = [
    ...Array.from({ length: 20 }, (_, n) => [input(n % keyCount, n)]),
    // Five different keys in each batch.
    ...Array.from({ length: 4 }, (_, b) => Array.from({ length: 5 }, (_, i) => input((b + 2 * i) % keyCount, 20 + 5 * b + i))),
  ];
  return Promise.all(requests.map((inputs) => send(server, apiKey, inputs, writes))).then(() => {});
}

async function send(server: ServerProcess, apiKey: string, inputs: Record<string, string>[], writes: Writes): Promise<void> {
  type Payload = { upsertContacts: { results: { __typename: string; contact?: { company: string }; message?: string }[] } };
  let answer;
  try {
    answer = await postGraphql<Payload>(server.url, apiKey, upsert, { inputs });
  } catch {
    writes.unanswered++;
    return;
  }
  const results = answer.body?.data?.upsertContacts.results;
  if (!results) return void writes.errors.push(`${answer.status} ${JSON.stringify(answer.body)}`);
  for (const result of results) {
    if (result.contact) writes.acknowledged.push(result.contact.company);
    else writes.errors.push(`${result.__typename}: ${result.message}`);
  }
}

/** Waits for a condition (an outcome, never a moment) for up to `timeoutMs`. */
async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms`);
    await sleep(10);
  }
}

const changeCount = (db: Database) => db.models.contactChange.count();
const pendingCount = (db: Database) => db.models.webhookDelivery.count({ where: { status: 'PENDING' } });

/** Every committed change delivered once the receiver accepts, and nothing else: the checks both tests make at the end. */
async function expectAllDelivered(stage: Stage, receiver: WebhookReceiver, writes: Writes) {
  await vi.waitFor(async () => expect(await pendingCount(stage.db)).toBe(0), { timeout: 90_000, interval: 100 });
  const changes = await committedChanges(stage.db);
  const rows = await stage.db.models.webhookDelivery.findMany({ select: { eventId: true, status: true, attempts: true } });
  const delivered = receiver.delivered();
  expect(receiver.unverified).toEqual([]);
  expect(writes.errors).toEqual([]);
  // One delivery per committed change, each delivered, and nothing delivered or attempted that did not commit.
  expect(rows.map((row) => row.eventId).sort()).toEqual(changes.map((change) => change.id).sort());
  expect(rows.filter((row) => row.status !== 'SUCCEEDED')).toEqual([]);
  expect(delivered.map((event) => event.data.changeId).sort()).toEqual(changes.map((change) => change.id).sort());
  expect(outOfOrder(receiver.attempts, changes)).toEqual([]);
  const kinds = new Map(changes.map((change) => [change.id, change.kind]));
  for (const event of delivered) {
    expect(event.webhookId).toBe(event.data.changeId);
    expect(event.type).toBe(`contact.${kinds.get(event.data.changeId)!.toLowerCase()}`);
  }
  // What the clients were told was written was also sent.
  const sentCompanies = new Set(delivered.map((event) => event.data.contact?.company));
  expect(writes.acknowledged.filter((company) => !sentCompanies.has(company))).toEqual([]);
  return { changes, rows, delivered };
}

const stages: Stage[] = [];
const receivers: WebhookReceiver[] = [];
afterAll(async () => {
  for (const stage of stages) await stage.remove();
  await Promise.all(receivers.map((receiver) => receiver.close()));
});

async function stageWithReceiver(answer: ReceiverOptions['answer']) {
  const stage = await createStage(serverEnv);
  stages.push(stage);
  const receiver = await startReceiver({ answer });
  receivers.push(receiver);
  await registerReceiver(stage.server.url, stage.apiKey, receiver);
  return { stage, receiver };
}

/**
 * A receiver's answers: the first attempt of an event that `holds` picks is
 * held in flight, unanswered, until released; the others are refused (503)
 * until it accepts (200).
 */
function holdingFirst(holds: (event: ReceivedEvent) => boolean = () => true) {
  let heldArrived!: () => void;
  let release!: (status: number) => void;
  const released = new Promise<number>((resolve) => (release = resolve));
  const answers = {
    accepting: false,
    heldId: undefined as string | undefined,
    arrived: new Promise<void>((resolve) => (heldArrived = resolve)),
    release,
    answer(event: ReceivedEvent): number | Promise<number> {
      if (answers.heldId === undefined && holds(event)) {
        answers.heldId = event.webhookId;
        heldArrived();
        return released;
      }
      return answers.accepting ? 200 : 503;
    },
  };
  return answers;
}

describe(`webhooks from a server killed ${kills} times (${testProvider})`, () => {
  it('deliver every committed change once the receiver accepts, and nothing that did not commit', { timeout: 150_000 }, async () => {
    const answers = holdingFirst();
    const { stage, receiver } = await stageWithReceiver(answers.answer);
    const writes: Writes = { acknowledged: [], unanswered: 0, errors: [] };
    await send(stage.server, stage.apiKey, [{ trackingId: 'crash-0', email: 'crash-0@example.com', firstName: 'Crash', lastName: 'Key 0', company: 'first' }], writes);
    expect(writes.acknowledged).toEqual(['first']);
    await answers.arrived;

    const figures: Record<string, number | string>[] = [];
    for (let round = 1; round <= kills; round++) {
      // From the second server on: kill it once it is making attempts (refused ones).
      const attemptsBefore = receiver.attempts.length;
      if (round > 1) await until(() => receiver.attempts.length > attemptsBefore);
      const before = await changeCount(stage.db);
      const writing = burst(stage.server, stage.apiKey, round, writes);
      // Kill it in the middle of the writes.
      await until(async () => (await changeCount(stage.db)) >= before + 10);
      stage.server.child.kill('SIGKILL');
      await stage.server.exited;
      await writing;
      if (round === 1) answers.release(503);
      figures.push({ kill: round, 'changes at kill': await changeCount(stage.db), 'attempts so far': receiver.attempts.length, 'requests unanswered so far': writes.unanswered });
      await stage.restart();
    }
    answers.accepting = true;
    const { changes, rows } = await expectAllDelivered(stage, receiver, writes);

    // The attempt in flight at the first kill was never recorded, and was made again once its lease ran out.
    const heldAttempts = receiver.attempts.filter((attempt) => attempt.webhookId === answers.heldId);
    expect(heldAttempts.at(-1)!.status).toBe(200);
    expect(rows.find((row) => row.eventId === answers.heldId)!.attempts).toBeLessThan(heldAttempts.length);
    console.log(`webhooks through SIGKILL (${testProvider}): ${changes.length} changes, ${receiver.attempts.length} attempts, ${writes.acknowledged.length} acknowledged writes`);
    console.table(figures);
  });
});

describe(`webhooks from a server stopped with SIGTERM (${testProvider})`, () => {
  it('stops with status 0 while deliveries are pending and one is in flight to a receiver that hangs, and a restart delivers them', async () => {
    const answers = holdingFirst((event) => event.data.contact?.email === 'held@example.com');
    const { stage, receiver } = await stageWithReceiver(answers.answer);
    const writes: Writes = { acknowledged: [], unanswered: 0, errors: [] };
    await burst(stage.server, stage.apiKey, 0, writes);
    expect(writes.unanswered).toBe(0);
    // The server is retrying refused attempts; then one more change's attempt hangs, and the server is told to stop.
    await until(() => receiver.attempts.length > 0);
    await send(stage.server, stage.apiKey, [{ email: 'held@example.com', firstName: 'Held', lastName: 'In Flight', company: 'held' }], writes);
    await answers.arrived;
    stage.server.child.kill('SIGTERM');
    expect(await stage.server.exited).toBe(0);
    answers.release(503);
    expect(stage.server.logs.map((entry) => entry.msg)).toContain('stopped');
    // Nothing left leased: the attempt in flight was abandoned and recorded, to be retried.
    expect(await pendingCount(stage.db)).toBeGreaterThan(0);
    expect(await stage.db.models.webhookDelivery.count({ where: { leaseId: { not: null } } })).toBe(0);
    expect(await stage.db.models.webhookDelivery.findFirst({ where: { eventId: answers.heldId }, select: { attempts: true, lastError: true } })).toEqual({
      attempts: 1,
      lastError: 'abandoned unanswered: the sender is stopping',
    });

    await stage.restart();
    answers.accepting = true;
    await expectAllDelivered(stage, receiver, writes);
  });
});
