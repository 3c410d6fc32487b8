/**
 * An HTTP proxy in front of the server that injects the faults of a real
 * network, on a seeded schedule so that a failing run can be replayed: 503,
 * 429 with Retry-After, a connection dropped before the request is forwarded,
 * a connection dropped after the server has answered (the write happened, the
 * client never hears of it), and a delay before forwarding.
 */
import { createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { seededRandom } from './remote.js';

export type Fault = '503' | '429' | 'drop-before' | 'drop-after' | 'delay';

export interface FaultSchedule {
  seed: number;
  /** Chance that a request meets a fault. */
  rate: number;
  kinds: readonly Fault[];
  /** How long a delayed request is held before it is forwarded. */
  delayMs?: number;
  /** Retry-After of a 429, in seconds. */
  retryAfterSeconds?: number;
}

export class FaultProxy {
  private server?: Server;
  private readonly random: () => number;
  requests = 0;
  private faults = 0;
  readonly injected: Record<Fault, number> = { '503': 0, '429': 0, 'drop-before': 0, 'drop-after': 0, delay: 0 };

  constructor(
    private readonly target: string,
    private readonly schedule: FaultSchedule,
  ) {
    this.random = seededRandom(schedule.seed);
  }

  /** Requests that got no answer from the server: each one the client has to retry. */
  get failed(): number {
    return this.injected['503'] + this.injected['429'] + this.injected['drop-before'] + this.injected['drop-after'];
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.requests++;
    // Which requests meet a fault is random; the kinds take turns, so that a short run meets each.
    const fault = this.random() < this.schedule.rate ? this.schedule.kinds[this.faults++ % this.schedule.kinds.length]! : undefined;
    if (fault) this.injected[fault]++;
    if (fault === '503' || fault === '429' || fault === 'drop-before') {
      req.resume();
      req.on('end', () => {
        if (fault === 'drop-before') return void req.socket.destroy();
        const headers = fault === '429' ? { 'retry-after': String(this.schedule.retryAfterSeconds ?? 1) } : {};
        res.writeHead(Number(fault), headers).end(fault === '429' ? 'slow down' : 'unavailable');
      });
      return;
    }
    const send = () => this.forward(req, res, fault === 'drop-after');
    if (fault === 'delay') setTimeout(send, this.schedule.delayMs ?? 200);
    else send();
  }

  private forward(req: IncomingMessage, res: ServerResponse, dropAnswer: boolean): void {
    const target = new URL(this.target);
    const upstream = forward({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      if (dropAnswer) {
        // The server has done the work; the client only loses the answer.
        answer.resume();
        answer.on('end', () => req.socket.destroy());
        return;
      }
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  }
}
