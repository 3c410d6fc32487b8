/**
 * The server's webhook delivery: the worker that drains the outbox, told to
 * count each attempt in the metrics and to log each failed one (with the
 * endpoint's id, never its secret or the event's body).
 */
import type { Logger } from 'pino';
import type { Database } from './db/client.js';
import type { Metrics } from './http/metrics.js';
import { DeliveryWorker } from './webhooks/worker.js';

export interface DeliverySettings {
  retrySchedule: readonly number[];
  allowPrivate: boolean;
  /** How often an idle worker looks for due deliveries. */
  pollIntervalMs?: number;
}

export function startWebhookDeliveries(db: Database, logger: Logger, metrics: Metrics, settings: DeliverySettings): DeliveryWorker {
  return new DeliveryWorker(db.webhooks, {
    ...settings,
    observer: {
      attempted(delivery, result, record) {
        metrics.observeWebhookAttempt(result.kind, record.status);
        if (result.kind === 'delivered') return;
        const line = {
          endpointId: delivery.endpointId,
          deliveryId: delivery.id,
          eventId: delivery.eventId,
          attempt: record.attempts,
          outcome: result.kind,
          responseStatus: record.responseStatus ?? undefined,
          nextAttemptAt: record.nextAttemptAt?.toISOString(),
        };
        const what = record.status === 'FAILED' ? 'webhook delivery failed for good' : 'webhook attempt failed; it will be retried';
        logger.warn(line, `${what}: ${record.lastError}`);
      },
      roundFailed(error) {
        logger.warn({ err: error }, 'webhook delivery round failed; the next one tries again');
      },
    },
  });
}
