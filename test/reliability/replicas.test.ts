/**
 * Replicas for real: three server processes on one PostgreSQL database take
 * overlapping single and batch upserts of the same 300 keys from many
 * connections at once. No duplicate (checked in SQL), no error in any answer,
 * and every acknowledged write is what the database holds.
 *
 * "Last write" is made well defined by rounds: within a round every server
 * writes every key (overlapping, in a different order and split differently
 * between single and batch upserts); a barrier ends the round, after which each
 * key must hold one of the values acknowledged for it in that round. A last
 * round gives each key to one server only, and then it must hold exactly the
 * value acknowledged for it.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, testProvider } from '../support/database.js';
import { startServer, type ServerProcess } from '../support/processes.js';
import { inParallel, postGraphql, seededRandom, shuffled, workspaceOn } from '../support/remote.js';

const replicas = 3;
const keyCount = 300;
const overlappingRounds = Number(process.env.REPLICAS_ROUNDS ?? 2);
const connectionsPerReplica = 8;
const batchSize = 50;
const seed = Number(process.env.REPLICAS_SEED ?? 21);

type KeyKind = 'trackingId' | 'email' | 'both';
interface Key {
  index: number;
  kind: KeyKind;
}
const keys: Key[] = Array.from({ length: keyCount }, (_, index) => ({ index, kind: (['trackingId', 'email', 'both'] as const)[index % 3]! }));

const randomCase = (text: string, random: () => number) =>
  [...text].map((c) => (random() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');

/**
 * What a write of `key` sends. trackingId keys carry an email only in round 0,
 * when the contact may not exist yet (creating one needs it); later rounds
 * match them by trackingId alone.
 */
function inputFor(key: Key, round: number, writer: number, random: () => number) {
  const values = { firstName: `Round ${round}`, lastName: `Key ${key.index}`, company: `w${writer} r${round} k${key.index}` };
  const email = randomCase(`replica-${key.index}@example.com`, random);
  if (key.kind === 'email') return { email, ...values };
  if (key.kind === 'both' || round === 0) return { trackingId: `replica-${key.index}`, email, ...values };
  return { trackingId: `replica-${key.index}`, ...values };
}

const single = `mutation($input: UpsertContactInput!) { upsertContact(input: $input) {
  __typename ... on UpsertContactSuccess { contact { firstName lastName company } } ... on ValidationError { message } } }`;
const batch = `mutation($inputs: [UpsertContactInput!]!) { upsertContacts(inputs: $inputs) { failedCount results {
  __typename ... on UpsertContactSuccess { contact { firstName lastName company } } ... on ValidationError { message } } } }`;

interface Written {
  firstName: string;
  lastName: string;
  company: string;
}

describe.runIf(testProvider === 'postgresql')('three replicas on one PostgreSQL database', () => {
  let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let servers: ServerProcess[] = [];
  let apiKey: string;
  let workspaceId: string;
  let sql: pg.Client;
  const errors: string[] = [];
  const figures = { singleRequests: 0, batchRequests: 0, writes: 0 };

  beforeAll(async () => {
    database = await createEmptyDatabase();
    // Started together: they also race to migrate, which one does under a lock.
    servers = await Promise.all(
      Array.from({ length: replicas }, () => startServer({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: '6' })),
    );
    ({ apiKey, workspaceId } = await workspaceOn(database.url, 'replicas'));
    const { schema } = Object.fromEntries(new URL(database.url).searchParams) as { schema: string };
    sql = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL, options: `-c search_path="${schema}"` });
    await sql.connect();
  });
  afterAll(async () => {
    for (const server of servers) server.child.kill('SIGKILL');
    await sql?.end();
    await database?.remove();
  });

  /** Sends `writes` (key → input) through one replica; records what it acknowledged. */
  async function writeThrough(
    server: ServerProcess,
    writes: [Key, Record<string, string>][],
    random: () => number,
    acknowledged: Map<number, Written[]>,
    singleShare = 0.5,
  ) {
    // This share of the keys in single upserts, the rest in batches, chosen anew per replica and round.
    const singles = writes.filter(() => random() < singleShare);
    const batched = writes.filter((write) => !singles.includes(write));
    const batches = Array.from({ length: Math.ceil(batched.length / batchSize) }, (_, i) => batched.slice(i * batchSize, (i + 1) * batchSize));
    const requests: (() => Promise<void>)[] = [
      ...singles.map(([key, input]) => async () => {
        figures.singleRequests++;
        const answer = await postGraphql<{ upsertContact: { __typename: string; contact?: Written; message?: string } }>(server.url, apiKey, single, { input });
        record(answer, [[key, input]], (data) => [data.upsertContact]);
      }),
      ...batches.map((items) => async () => {
        figures.batchRequests++;
        const answer = await postGraphql<{ upsertContacts: { results: { __typename: string; contact?: Written; message?: string }[] } }>(server.url, apiKey, batch, {
          inputs: items.map(([, input]) => input),
        });
        record(answer, items, (data) => data.upsertContacts.results);
      }),
    ];
    function record<D>(answer: Awaited<ReturnType<typeof postGraphql<D>>>, items: [Key, Record<string, string>][], results: (data: D) => { __typename: string; contact?: Written; message?: string }[]) {
      if (answer.status !== 200 || answer.body?.errors || !answer.body?.data) {
        errors.push(`${answer.status} ${JSON.stringify(answer.body?.errors ?? answer.body)}`);
        return;
      }
      results(answer.body.data).forEach((result, i) => {
        const [key, input] = items[i]!;
        if (result.__typename !== 'UpsertContactSuccess') return void errors.push(`key ${key.index}: ${result.message}`);
        figures.writes++;
        // The answer shows the contact as this write left it.
        expect(result.contact).toEqual({ firstName: input.firstName, lastName: input.lastName, company: input.company });
        acknowledged.get(key.index)!.push(result.contact!);
      });
    }
    await inParallel(shuffled(requests, random), connectionsPerReplica, (request) => request());
  }

  async function stored(): Promise<Map<number, Written>> {
    const { rows } = await sql.query<Written>(`SELECT "firstName", "lastName", "company" FROM "Contact" WHERE "workspaceId" = $1`, [workspaceId]);
    return new Map(rows.map((row) => [Number(row.lastName.replace('Key ', '')), row]));
  }

  it(`takes ${overlappingRounds} rounds of overlapping upserts of ${keyCount} keys on all ${replicas} replicas, and keeps one acknowledged value per key`, async () => {
    const random = seededRandom(seed);
    for (let round = 0; round < overlappingRounds; round++) {
      const acknowledged = new Map(keys.map((key) => [key.index, [] as Written[]]));
      await Promise.all(
        servers.map((server, writer) =>
          // Odd rounds are batches only: rival batches over the same rows, all at once.
          writeThrough(server, shuffled(keys, random).map((key) => [key, inputFor(key, round, writer, random)]), random, acknowledged, round % 2 ? 0 : 0.5),
        ),
      );
      expect(errors).toEqual([]);
      const now = await stored();
      expect(now.size).toBe(keyCount);
      for (const key of keys) expect(acknowledged.get(key.index)).toContainEqual(now.get(key.index));
    }
  });

  it('holds exactly the acknowledged value of each key once one replica at a time writes it', async () => {
    const random = seededRandom(seed + 1);
    const round = overlappingRounds;
    const acknowledged = new Map(keys.map((key) => [key.index, [] as Written[]]));
    await Promise.all(
      servers.map((server, writer) =>
        writeThrough(
          server,
          keys.filter((key) => key.index % replicas === writer).map((key) => [key, inputFor(key, round, writer, random)]),
          random,
          acknowledged,
        ),
      ),
    );
    expect(errors).toEqual([]);
    const now = await stored();
    for (const key of keys) {
      expect(acknowledged.get(key.index)).toHaveLength(1);
      expect(now.get(key.index)).toEqual(acknowledged.get(key.index)![0]);
    }
  });

  it('has no duplicate by trackingId or by lower(email), in SQL', async () => {
    const byTrackingId = await sql.query(
      `SELECT "trackingId", count(*)::int AS n FROM "Contact" WHERE "workspaceId" = $1 AND "trackingId" IS NOT NULL GROUP BY 1 HAVING count(*) > 1`,
      [workspaceId],
    );
    const byEmail = await sql.query(`SELECT lower("email") AS email, count(*)::int AS n FROM "Contact" WHERE "workspaceId" = $1 GROUP BY 1 HAVING count(*) > 1`, [
      workspaceId,
    ]);
    expect(byTrackingId.rows).toEqual([]);
    expect(byEmail.rows).toEqual([]);
    const { rows } = await sql.query<{ contacts: number; tracked: number }>(
      `SELECT count(*)::int AS contacts, count("trackingId")::int AS tracked FROM "Contact" WHERE "workspaceId" = $1`,
      [workspaceId],
    );
    expect(rows[0]).toEqual({ contacts: keyCount, tracked: (keyCount * 2) / 3 });
    console.log(
      `replicas: ${replicas} servers, ${keyCount} keys, ${overlappingRounds + 1} rounds, ${figures.singleRequests} single and ${figures.batchRequests} batch requests, ` +
        `${figures.writes} acknowledged writes, ${errors.length} errors, ${byTrackingId.rows.length + byEmail.rows.length} duplicates`,
    );
  });
});
