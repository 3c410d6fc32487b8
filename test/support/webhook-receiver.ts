/**
 * A webhook receiver for the tests: a local HTTP server that verifies every
 * request's signature with the standardwebhooks library (as any receiver
 * would), fails a share of them on purpose, and keeps what it saw.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedEvent {
  webhookId: string;
  type: string;
  timestamp: string;
  data: {
    changeId: string;
    contactId: string;
    changes: { field: string; from: string | null; to: string | null }[];
    contact: Record<string, string | null> | null;
  };
}

export interface Attempt {
  webhookId: string;
  event: ReceivedEvent;
  /** The status the receiver answered. */
  status: number;
}

export interface ReceiverOptions {
  /** The status to answer an attempt with (200 unless it says otherwise); a promise holds the attempt in flight until it settles. */
  answer?: (event: ReceivedEvent, attempt: number) => number | Promise<number>;
}

export interface WebhookReceiver {
  url: string;
  /** Set once the endpoint exists: every request must verify with it. */
  secret?: string;
  /** Every verified attempt, in the order it was answered. */
  attempts: Attempt[];
  /** Requests whose signature did not verify (must stay empty). */
  unverified: string[];
  /** Events delivered (answered 2xx), first time each, in arrival order. */
  delivered(): ReceivedEvent[];
  close(): Promise<void>;
}

export async function startReceiver(options: ReceiverOptions = {}): Promise<WebhookReceiver> {
  const attempts: Attempt[] = [];
  const unverified: string[] = [];
  const tries = new Map<string, number>();
  const receiver: WebhookReceiver = {
    url: '',
    attempts,
    unverified,
    delivered() {
      const seen = new Set<string>();
      return attempts.filter((a) => a.status < 300 && !seen.has(a.webhookId) && seen.add(a.webhookId)).map((a) => a.event);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
      let event: ReceivedEvent;
      try {
        event = { ...(new Webhook(receiver.secret!).verify(body, headers) as Omit<ReceivedEvent, 'webhookId'>), webhookId: headers['webhook-id']! };
      } catch (error) {
        unverified.push(`${headers['webhook-id']}: ${(error as Error).message}`);
        response.writeHead(400).end();
        return;
      }
      const attempt = (tries.get(event.webhookId) ?? 0) + 1;
      tries.set(event.webhookId, attempt);
      void Promise.resolve(options.answer?.(event, attempt) ?? 200).then((status) => {
        attempts.push({ webhookId: event.webhookId, event, status });
        response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'not now');
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}
