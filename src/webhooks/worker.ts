/**
 * The delivery worker: fills the outbox from the contact feed and drains it.
 * Now and then it makes the changes each endpoint is owed into deliveries, a
 * bounded number ahead of its sends (the rest waits in the feed). Each round
 * claims due deliveries (leased, so that no other worker or replica attempts
 * them meanwhile), sends each once, signed, and records the outcome:
 * delivered, retried later on the schedule, failed for good, or — on 410 —
 * the endpoint disabled. It runs beside the requests and never inside one: a
 * write only records its change.
 *
 * Delivery is at least once: a worker that dies mid-attempt leaves its lease to
 * run out, and the attempt is made again; one stopped mid-attempt abandons the
 * attempts still unanswered after a grace, records them as failed, and they are
 * retried on the schedule.
 */
import { newId } from '../ids.js';
import { nextAttemptDelay } from './schedule.js';
import { sendWebhook, type AttemptResult, type SendOptions, type WebhookRequest } from './send.js';
import { signedHeaders } from './signing.js';
import type { AttemptRecord, ClaimedDelivery, WebhookStore } from './store.js';

export type AttemptOutcome = AttemptResult['kind'];

/** Told what each attempt did (metrics, logs). */
export interface DeliveryObserver {
  attempted(delivery: ClaimedDelivery, result: AttemptResult, record: AttemptRecord): void;
  /** A round failed (the database, say); the next round tries again. */
  roundFailed(error: unknown): void;
}

export interface WorkerOptions {
  /** Delays between attempts; after the last, a delivery fails. */
  retrySchedule: readonly number[];
  allowPrivate: boolean;
  observer: DeliveryObserver;
  /** How long to wait for new work when a round found none. */
  pollIntervalMs?: number;
  /** Attempts at once. */
  concurrency?: number;
  /** One attempt's bound (connect to last byte read). */
  timeoutMs?: number;
  /** Sends one attempt; the real one unless a test says otherwise. */
  send?: (request: WebhookRequest, options: SendOptions) => Promise<AttemptResult>;
}

const defaultTimeoutMs = 10_000;
/** Beyond an attempt's own bound: time to record its outcome before another worker may take it. */
const leaseMarginMs = 20_000;
/**
 * How long a stopping worker lets its attempts in flight be answered. Shorter than the
 * attempt's own bound and the server's shutdown bound (both 10 s): a receiver that
 * hangs must not keep the server from stopping cleanly.
 */
const stopGraceMs = 5_000;

export class DeliveryWorker {
  private stopping = false;
  private wake: (() => void) | undefined;
  private readonly abandon = new AbortController();
  private readonly loop: Promise<void>;

  constructor(
    private readonly store: WebhookStore,
    private readonly options: WorkerOptions,
  ) {
    this.loop = this.run();
  }

  /** Stops claiming; resolves once the attempts in flight have been answered or abandoned, and recorded. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    const grace = setTimeout(() => this.abandon.abort(), stopGraceMs);
    await this.loop;
    clearTimeout(grace);
  }

  /**
   * Keeps up to `concurrency` attempts in flight: a slot that frees is filled by
   * the next claim, so a receiver that hangs holds one slot, never the others.
   */
  private async run(): Promise<void> {
    const { pollIntervalMs = 500, concurrency = 8 } = this.options;
    const timeoutMs = this.options.timeoutMs ?? defaultTimeoutMs;
    const inFlight = new Set<Promise<void>>();
    let enqueuedAt = -Infinity;
    let enqueued = 0;
    let claimed = 0;
    while (!this.stopping) {
      // The feed's changes become deliveries now and then, and at once again when the last
      // enqueueing made some and the last claim found nothing left to take.
      if (Date.now() - enqueuedAt >= pollIntervalMs || (enqueued > 0 && claimed === 0)) {
        enqueuedAt = Date.now();
        try {
          enqueued = await this.store.enqueueOwed();
        } catch (error) {
          enqueued = 0;
          this.options.observer.roundFailed(error);
        }
      }
      const free = concurrency - inFlight.size;
      claimed = 0;
      // Claimed a few at a time rather than one per freed slot: a claim is a statement of its own.
      if (free > 0 && (free >= Math.ceil(concurrency / 4) || !inFlight.size)) {
        try {
          const now = new Date();
          const deliveries = await this.store.claimDue(now, free, newId(), new Date(now.getTime() + timeoutMs + leaseMarginMs));
          claimed = deliveries.length;
          for (const delivery of deliveries) {
            const attempt: Promise<void> = this.attempt(delivery, timeoutMs).finally(() => {
              inFlight.delete(attempt);
              this.wake?.();
            });
            inFlight.add(attempt);
          }
        } catch (error) {
          this.options.observer.roundFailed(error);
        }
      }
      // Every free slot filled: more may be due, so claim again once one frees (or at once).
      if (this.stopping || (claimed > 0 && claimed === free && inFlight.size < concurrency)) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollIntervalMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
    await Promise.all(inFlight);
  }

  /** One attempt, sent and recorded; never rejects (a failure to record is told to the observer). */
  private async attempt(delivery: ClaimedDelivery, timeoutMs: number): Promise<void> {
    try {
      await this.sendAndRecord(delivery, timeoutMs);
    } catch (error) {
      // Unrecorded, the delivery stays leased; once the lease ends it is attempted again.
      this.options.observer.roundFailed(error);
    }
  }

  private async sendAndRecord(delivery: ClaimedDelivery, timeoutMs: number): Promise<void> {
    const { send = sendWebhook, allowPrivate, retrySchedule, observer } = this.options;
    const sentAt = new Date();
    const result = await send(
      { url: delivery.url, body: delivery.payload, headers: signedHeaders(delivery.secret, delivery.eventId, sentAt, delivery.payload) },
      { allowPrivate, timeoutMs, signal: this.abandon.signal },
    );
    const record = outcomeOf(delivery, result, sentAt, retrySchedule);
    // Disabled first: once this delivery has ended, the contact's next one would be claimable.
    if (result.kind === 'gone') await this.store.disableEndpoint(delivery.endpointId, 'the endpoint answered 410 Gone', sentAt, delivery.id);
    await this.store.recordAttempt(delivery.id, delivery.leaseId, record);
    observer.attempted(delivery, result, record);
  }
}

/** The start of a refusal's body, on one line: enough for an operator to see why, never the whole of it. */
function excerpt(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line ? `: ${line.length > 200 ? `${line.slice(0, 200)}…` : line}` : '';
}

/** What an attempt's result makes of the delivery. */
export function outcomeOf(delivery: ClaimedDelivery, result: AttemptResult, at: Date, schedule: readonly number[]): AttemptRecord {
  const attempts = delivery.attempts + 1;
  const responseStatus = 'status' in result ? (result.status ?? null) : null;
  const base = { attempts, lastAttemptAt: at, responseStatus };
  if (result.kind === 'delivered') return { ...base, status: 'SUCCEEDED', nextAttemptAt: null, lastError: null };
  const lastError =
    result.kind === 'gone' ? 'the endpoint answered 410 Gone' : result.kind === 'rejected' ? `the endpoint answered ${result.status}${excerpt(result.body)}` : result.error;
  if (result.kind === 'gone') return { ...base, status: 'FAILED', nextAttemptAt: null, lastError };
  const delay = nextAttemptDelay([...schedule], delivery.attempts + 1);
  if (delay === null) return { ...base, status: 'FAILED', nextAttemptAt: null, lastError };
  return { ...base, status: 'PENDING', nextAttemptAt: new Date(at.getTime() + delay), lastError };
}
