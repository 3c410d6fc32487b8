/**
 * An HTTP proxy in front of the server that fails requests on purpose, the way
 * networks and overloaded servers do: 503, 429 with Retry-After, or a connection
 * dropped without an answer. `failEvery: n` fails every n-th request, at most
 * `maxFailures` of them (default: no limit).
 */
import { createServer, request as forward, type Server } from 'node:http';

export type Failure = '503' | '429' | 'drop';

export class FlakyProxy {
  private server?: Server;
  private seen = 0;
  readonly failures: Failure[] = [];

  constructor(
    private readonly target: string,
    private readonly options: { failEvery: number; kinds: Failure[]; maxFailures?: number },
  ) {}

  async start(): Promise<string> {
    const target = new URL(this.target);
    this.server = createServer((req, res) => {
      const n = ++this.seen;
      if (n % this.options.failEvery === 0 && this.failures.length < (this.options.maxFailures ?? Infinity)) {
        const kind = this.options.kinds[(n / this.options.failEvery) % this.options.kinds.length]!;
        this.failures.push(kind);
        req.resume();
        if (kind === 'drop') return void req.socket.destroy();
        if (kind === '429') return void res.writeHead(429, { 'retry-after': '0' }).end('slow down');
        return void res.writeHead(503).end('unavailable');
      }
      const upstream = forward(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode!, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
