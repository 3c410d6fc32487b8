/**
 * PostgreSQL cut for 10 s at a TCP proxy while clients keep writing to a server
 * process: the clients get 503 with Retry-After (never another error), /ready
 * answers 503 and recovers by itself, and not one acknowledged write is lost.
 * The 10 s are the fault's schedule; what is asserted follows from events.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testProvider } from '../support/database.js';
import { postGraphql, type GraphqlAnswer } from '../support/remote.js';
import { createStage, type Stage } from '../support/stage.js';
import { TcpProxy } from '../support/tcp-proxy.js';

const cutMs = Number(process.env.OUTAGE_CUT_MS ?? 10_000);
const clients = 8;

const upsert = `mutation($input: UpsertContactInput!) { upsertContact(input: $input) {
  __typename ... on UpsertContactSuccess { contact { trackingId company } } } }`;

type Upserted = { upsertContact: { __typename: string; contact: { trackingId: string; company: string } } };

/** Resolves once `condition` holds; a hang is the test timeout's to catch. */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await sleep(50);
}

describe.runIf(testProvider === 'postgresql')('PostgreSQL cut for 10 s under load', () => {
  let proxy: TcpProxy;
  let stage: Stage;

  beforeAll(async () => {
    const target = new URL(process.env.TEST_POSTGRES_URL!);
    proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const port = await proxy.start();
    stage = await createStage({ DATABASE_CONNECT_TIMEOUT_MS: '1000' }, (url) => Object.assign(new URL(url), { host: `127.0.0.1:${port}` }).toString());
  });
  afterAll(async () => {
    await stage?.remove();
    await proxy?.close();
  });

  it('answers 503 with Retry-After while it lasts, recovers, and loses no acknowledged write', { timeout: 120_000 }, async () => {
    const acknowledged = new Map<string, string>();
    const statuses = new Map<number, number>();
    const unexpected: string[] = [];
    let serviceUnavailable = 0;
    let stop = false;
    let sent = 0;

    const client = async (lane: number) => {
      for (let n = 0; !stop; n++) {
        const trackingId = `outage-${lane}-${n}`;
        const input = { trackingId, email: `${trackingId}@example.com`, firstName: 'Out', lastName: 'Age', company: `lane ${lane} write ${n}` };
        sent++;
        const answer = await postGraphql<Upserted>(stage.server.url, stage.apiKey, upsert, { input }).catch(
          (error: Error): GraphqlAnswer<Upserted> => ({ status: 0, retryAfter: null, body: { errors: [{ message: error.message }] } }),
        );
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status === 200 && answer.body?.data?.upsertContact.__typename === 'UpsertContactSuccess') {
          acknowledged.set(trackingId, answer.body.data.upsertContact.contact.company);
        } else if (answer.status === 503 && answer.retryAfter && answer.body?.errors?.[0]?.extensions?.code === 'SERVICE_UNAVAILABLE') {
          serviceUnavailable++;
          // A well-behaved client waits as told.
          await sleep(Number(answer.retryAfter) * 1000);
        } else {
          unexpected.push(`${answer.status} retry-after=${answer.retryAfter} ${JSON.stringify(answer.body)}`);
        }
      }
    };
    const readySeen: number[] = [];
    const ready = async () => {
      const { status } = await fetch(`${stage.server.url}/ready`);
      if (readySeen.at(-1) !== status) readySeen.push(status);
      return status;
    };
    const load = Promise.all(Array.from({ length: clients }, (_, lane) => client(lane)));

    await until(() => acknowledged.size >= 50);
    expect(await ready()).toBe(200);
    const beforeCut = acknowledged.size;
    const cutAt = Date.now();
    proxy.set('refuse');
    await until(async () => (await ready()) === 503);
    await until(() => serviceUnavailable > 0);
    await sleep(Math.max(0, cutMs - (Date.now() - cutAt)));
    const duringCut = { acknowledged: acknowledged.size - beforeCut, unavailable: serviceUnavailable };
    proxy.set('forward');
    await until(async () => (await ready()) === 200);
    const atRecovery = acknowledged.size;
    await until(() => acknowledged.size >= atRecovery + 50);
    stop = true;
    await load;
    expect((await fetch(`${stage.server.url}/health`)).status).toBe(200);

    const stored = new Map(
      (await stage.db.models.contact.findMany({ select: { trackingId: true, company: true } })).map((contact) => [contact.trackingId!, contact.company]),
    );
    const lost = [...acknowledged].filter(([trackingId, company]) => stored.get(trackingId) !== company);
    console.log(`outage (${testProvider}, ${cutMs / 1000} s cut):`);
    console.table([
      {
        requests: sent,
        acknowledged: acknowledged.size,
        'acknowledged during cut': duringCut.acknowledged,
        '503 with Retry-After': serviceUnavailable,
        'other answers': unexpected.length,
        '/ready': readySeen.join(' → '),
        lost: lost.length,
      },
    ]);

    expect(readySeen).toEqual([200, 503, 200]);
    expect(unexpected).toEqual([]);
    expect(duringCut.unavailable).toBeGreaterThan(0);
    expect(lost).toEqual([]);
    expect(stored.size).toBeGreaterThanOrEqual(acknowledged.size);
  });
});
