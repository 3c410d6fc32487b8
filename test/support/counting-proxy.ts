/**
 * An HTTP proxy in front of the server that counts what reaches it: requests,
 * and the upsert inputs they carry. While `holdFrom` is set, it holds the
 * requests from the `holdFrom`-th on (never answers them) and tells of each with
 * a 'held' event, so that a test can act while a client waits mid-run.
 */
import { EventEmitter } from 'node:events';
import { createServer, request as forward, type Server, type ServerResponse } from 'node:http';

export class CountingProxy extends EventEmitter<{ held: [number] }> {
  private server?: Server;
  private readonly held: ServerResponse[] = [];
  requests = 0;
  inputs = 0;

  constructor(
    private readonly target: string,
    public holdFrom?: number,
  ) {
    super();
  }

  async start(): Promise<string> {
    const target = new URL(this.target);
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const n = ++this.requests;
        const body = Buffer.concat(chunks);
        try {
          this.inputs += (JSON.parse(body.toString('utf8')) as { variables?: { inputs?: unknown[] } }).variables?.inputs?.length ?? 0;
        } catch {
          // Not a GraphQL request: counted, carrying no inputs.
        }
        if (this.holdFrom !== undefined && n >= this.holdFrom) {
          this.held.push(res);
          return void this.emit('held', n);
        }
        const upstream = forward({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode!, answer.headers);
          answer.pipe(res);
        });
        upstream.on('error', () => res.destroy());
        upstream.end(body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  async close(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
