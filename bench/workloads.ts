/** The requests the benchmark sends, to the server and to the ceiling alike. */
import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';

export interface Target {
  /** Base URL of the process under test. */
  url: string;
  kind: 'server' | 'ceiling';
  apiKey?: string;
}

type Input = Record<string, string>;

const upsertOne =
  'mutation Upsert($input: UpsertContactInput!) { upsertContact(input: $input) { __typename ... on UpsertContactSuccess { result contact { id } } } }';
const upsertMany =
  'mutation Sync($inputs: [UpsertContactInput!]!) { upsertContacts(inputs: $inputs) { results { __typename ... on UpsertContactSuccess { result changedFields } } } }';

/** Contact `i` of the synced list; `changed` is its state after the 10%-changed replay. */
export const syncContact = (i: number, changed = false): Input => ({
  trackingId: `sync-${i}`,
  email: `sync-${i}@bench.test`,
  firstName: 'Bench',
  lastName: `Contact ${i}`,
  company: `Company ${i % 1000}`,
  city: 'Oslo',
  title: changed && i % 10 === 0 ? 'Changed title' : 'Title',
});

function request(target: Target, single: Input | undefined, batch?: Input[]) {
  if (target.kind === 'ceiling') {
    return { path: batch ? '/batch' : '/single', body: JSON.stringify(batch ? { inputs: batch } : { input: single }) };
  }
  return {
    path: '/graphql',
    body: JSON.stringify(batch ? { query: upsertMany, variables: { inputs: batch } } : { query: upsertOne, variables: { input: single } }),
  };
}

function headers(target: Target): Record<string, string> {
  return { 'content-type': 'application/json', ...(target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {}) };
}

/** Sends `total` contacts in batches of `size`, `inFlight` requests at a time; returns contacts per second. */
export async function runBatches(target: Target, total: number, size: number, inFlight: number, contact: (i: number) => Input): Promise<number> {
  const started = performance.now();
  let next = 0;
  async function worker() {
    while (next < total) {
      const from = next;
      next = Math.min(total, next + size);
      const inputs = Array.from({ length: next - from }, (_, k) => contact(from + k));
      const { path, body } = request(target, undefined, inputs);
      const response = await fetch(target.url + path, { method: 'POST', headers: headers(target), body });
      const text = await response.text();
      if (!response.ok || text.includes('"errors"') || text.includes('ValidationError')) {
        throw new Error(`${target.kind} batch failed: HTTP ${response.status} ${text.slice(0, 300)}`);
      }
    }
  }
  await Promise.all(Array.from({ length: inFlight }, worker));
  return total / ((performance.now() - started) / 1000);
}

/**
 * The realistic single-upsert mix, in turn: a new contact, a changed update, an
 * unchanged replay, and a match by email alone (in another case) — over the
 * `seeded` contacts the sync workloads left behind.
 */
function mixedInputs(seeded: number, runId: string): () => Input {
  let n = 0;
  return () => {
    const i = (n * 7919) % seeded;
    switch (n++ % 4) {
      case 0:
        return { trackingId: `new-${runId}-${n}`, email: `new-${runId}-${n}@bench.test`, firstName: 'New', lastName: 'Contact' };
      case 1:
        return { ...syncContact(i, true), note: `changed ${runId} ${n}` };
      case 2:
        return syncContact(i, true);
      default:
        return { email: `SYNC-${i}@BENCH.TEST`, firstName: 'Bench', lastName: `Contact ${i}` };
    }
  };
}

export interface SingleResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

/**
 * Single upserts for `seconds`, measured after `warmupSeconds` of the same load
 * that are not (autocannon's warm-up): the first requests after the batches
 * pay for compiling the single-upsert path, once per process.
 */
export async function runSingles(target: Target, connections: number, seconds: number, warmupSeconds: number, seeded: number): Promise<SingleResult> {
  const nextInput = mixedInputs(seeded, `${target.kind}-${connections}-${Date.now()}`);
  let errors = 0;
  // autocannon's types do not know its warm-up yet.
  const options: autocannon.Options & { warmup: { connections: number; duration: number } } = {
    url: target.url,
    connections,
    duration: seconds,
    warmup: { connections, duration: warmupSeconds },
    requests: [
      {
        method: 'POST',
        headers: headers(target),
        setupRequest: (req) => ({ ...req, ...request(target, nextInput()) }),
        onResponse: (status, body) => {
          if (status !== 200 || body.includes('"errors"') || body.includes('ValidationError')) errors++;
        },
      },
    ],
  };
  // Without a callback autocannon answers with its run, which is both an event emitter and a promise of the result;
  // with a warm-up, the emitter is the measured run's: the warm-up's responses are not among its events.
  const instance = autocannon(options) as unknown as Promise<autocannon.Result> & EventEmitter;
  // autocannon's own percentiles come from a histogram of whole milliseconds (a 3.9 ms p99
  // reads as 3): the latencies are taken from each response instead, to the microsecond.
  const latencies: number[] = [];
  instance.on('response', (_client: unknown, _status: number, _bytes: number, milliseconds: number) => latencies.push(milliseconds));
  const result = await instance;
  const warmup = (result as autocannon.Result & { warmup?: autocannon.Result }).warmup;
  const failed = (run: autocannon.Result) => run.errors + run.timeouts + run.non2xx;
  errors += failed(result) + (warmup ? failed(warmup) : 0);
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
  return { requestsPerSecond: result.requests.average, p50: percentile(50), p99: percentile(99), errors };
}
