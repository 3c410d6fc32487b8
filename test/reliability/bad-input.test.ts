/**
 * Bad input at volume: at least 10,000 generated malformed requests (seeded, see
 * test/support/bad-requests.ts) to a server process, over real sockets. Not one
 * answer is a 5xx other than a deliberate 503 or 504, none is a masked
 * "Unexpected error.", a body that is not UTF-8 is refused, and the server
 * still answers /health and /ready.
 * Replay a failure with BAD_INPUT_SEED; size the run with BAD_INPUT_REQUESTS.
 */
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testProvider } from '../support/database.js';
import { badRequests, type BadRequest } from '../support/bad-requests.js';
import { inParallel } from '../support/remote.js';
import { createStage, type Stage } from '../support/stage.js';

const count = Number(process.env.BAD_INPUT_REQUESTS ?? 10_000);
const seed = Number(process.env.BAD_INPUT_SEED ?? 21);

interface Answer {
  status: number | 'cut';
  body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

function send(base: URL, req: BadRequest): Promise<Answer> {
  if (req.slow) return sendSlowly(base, req);
  return new Promise((resolve) => {
    const headers = { ...req.headers, ...(req.body ? { 'content-length': String(req.body.length) } : {}) };
    const outgoing = httpRequest({ host: base.hostname, port: base.port, method: req.method, path: req.path, headers, agent }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.length < 4 && chunks.push(chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode!, body: Buffer.concat(chunks).toString() }));
      incoming.on('error', () => resolve({ status: incoming.statusCode!, body: '' }));
    });
    // A server may refuse an oversized body and close before reading it all.
    outgoing.on('error', () => resolve({ status: 'cut', body: '' }));
    outgoing.end(req.body);
  });
}

/** Over a socket of its own, the body in pieces with pauses; an aborting sender leaves halfway. */
async function sendSlowly(base: URL, req: BadRequest): Promise<Answer> {
  const socket = connect(Number(base.port), base.hostname);
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString()));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('error', () => {});
  const body = req.body ?? Buffer.alloc(0);
  const head = [`${req.method} ${req.path} HTTP/1.1`, `host: ${base.host}`, `content-length: ${body.length}`, 'connection: close', ...Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`)];
  socket.write(`${head.join('\r\n')}\r\n\r\n`);
  const { pieces, pauseMs, abort } = req.slow!;
  const size = Math.ceil(body.length / pieces);
  for (let i = 0; i < pieces; i++) {
    if (abort && i === Math.floor(pieces / 2)) {
      socket.destroy();
      await closed;
      return { status: 'cut', body: '' };
    }
    await sleep(pauseMs);
    socket.write(body.subarray(i * size, (i + 1) * size));
  }
  await closed;
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1]);
  return { status: Number.isNaN(status) ? 'cut' : status, body: received.slice(received.indexOf('\r\n\r\n') + 4, 2000) };
}

describe('bad input at volume', () => {
  let stage: Stage;
  beforeAll(async () => {
    stage = await createStage();
  });
  afterAll(async () => {
    agent.destroy();
    await stage?.remove();
  });

  it(`answers ${count} malformed requests without a 5xx or a masked error, and stays healthy`, { timeout: 300_000 }, async () => {
    const requests = badRequests(seed, count, stage.apiKey);
    const base = new URL(stage.server.url);
    const byKind = new Map<string, { sent: number; '2xx': number; '4xx': number; '503/504': number; '5xx': number; masked: number; cut: number }>();
    const failures: string[] = [];
    // Slow senders mostly wait: they go at once, beside the flood, rather than hold its lanes.
    const slow = requests.filter((req) => req.slow);
    const flood = requests.filter((req) => !req.slow);
    const tryOne = async (req: BadRequest) => {
      const answer = await send(base, req);
      const tally = byKind.get(req.kind) ?? { sent: 0, '2xx': 0, '4xx': 0, '503/504': 0, '5xx': 0, masked: 0, cut: 0 };
      byKind.set(req.kind, tally);
      tally.sent++;
      const masked = /Unexpected error\./.test(answer.body);
      if (answer.status === 'cut') tally.cut++;
      else if (answer.status === 503 || answer.status === 504) tally['503/504']++;
      else if (answer.status >= 500) tally['5xx']++;
      else if (answer.status >= 400) tally['4xx']++;
      else tally['2xx']++;
      if (masked) tally.masked++;
      if ((typeof answer.status === 'number' && answer.status >= 500 && answer.status !== 503 && answer.status !== 504) || masked) {
        failures.push(`#${requests.indexOf(req)} (seed ${seed}) ${req.kind}: ${req.method} ${req.path.slice(0, 200)} ${req.body?.subarray(0, 200).toString('latin1') ?? ''} → ${answer.status} ${answer.body.slice(0, 300)}`);
      }
    };
    await Promise.all([inParallel(flood, 8, tryOne), Promise.all(slow.map(tryOne))]);
    const health = (await fetch(`${stage.server.url}/health`)).status;
    const ready = (await fetch(`${stage.server.url}/ready`)).status;
    console.log(`bad input (${testProvider}, seed ${seed}): ${requests.length} requests, ${failures.length} failures, /health ${health}, /ready ${ready}`);
    console.table(Object.fromEntries([...byKind].sort(([a], [b]) => a.localeCompare(b))));

    expect(requests.length).toBeGreaterThanOrEqual(count);
    expect(failures.slice(0, 20), `${failures.length} failures`).toEqual([]);
    // Not replaced by U+FFFD and stored: refused.
    expect(byKind.get('invalid UTF-8')?.['2xx'], 'invalid UTF-8 accepted').toBe(0);
    expect(health).toBe(200);
    expect(ready).toBe(200);
    // Every kind of bad input was tried.
    for (const kind of ['invalid UTF-8', 'lookup: odd key', 'wrong JSON types', 'huge string', 'alias bomb', 'depth bomb', 'fragment bomb', '1,001-item batch', 'oversized body', 'slow sender', 'GET: malformed variables', 'REST: invalid UTF-8']) {
      expect(byKind.get(kind)?.sent, kind).toBeGreaterThan(0);
    }
  });
});
