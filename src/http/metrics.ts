/**
 * Prometheus metrics (prom-client), on a registry of the app's own so that
 * several apps in one process (tests) never share counters.
 */
import { getOperationAST, parse, type DocumentNode } from 'graphql';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../db/client.js';
import { countKinds, type UpsertObserver } from '../contacts/upsert.js';
import { exampleOperation } from '../graphql/example-operation.js';
import { SyncUpsertContacts } from '../sync/documents.js';
import type { AttemptRecord } from '../webhooks/store.js';
import type { AttemptOutcome } from '../webhooks/worker.js';

export interface Metrics extends UpsertObserver {
  readonly registry: Registry;
  /** One answered HTTP request. `operation` is the GraphQL operation name, if any. */
  observeRequest(labels: { method: string; route: string; operation: string; status: number }, seconds: number): void;
  /** One webhook attempt: what it got, and where it left its delivery. */
  observeWebhookAttempt(outcome: AttemptOutcome, status: AttemptRecord['status']): void;
}

/** Client-chosen operation names labelled as themselves, besides the project's own; later ones are `other`. */
export const maxOperationLabels = 50;

const nameOf = (document: DocumentNode) => getOperationAST(document)?.name?.value;
/** The operations the project itself sends (the sync command, GraphiQL's first example): always labelled. */
const ownOperations = new Set([nameOf(SyncUpsertContacts), nameOf(parse(exampleOperation))].filter((name) => name !== undefined));

/**
 * Operation names are chosen by clients, and each label value is a series kept
 * for the life of the process: the project's own names, then the first
 * `maxOperationLabels` others seen, are labelled as themselves, and every later
 * one as `other`, so no client can grow the exposition without bound.
 */
function operationLabeller(): (name: string | null | undefined) => string {
  const seen = new Set<string>();
  return (name) => {
    if (!name) return '';
    if (!/^[A-Za-z_]\w{0,63}$/.test(name)) return 'invalid';
    if (ownOperations.has(name) || seen.has(name)) return name;
    if (seen.size >= maxOperationLabels) return 'other';
    seen.add(name);
    return name;
  };
}

export function createMetrics(db: Database): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by route, GraphQL operation and status',
    labelNames: ['method', 'route', 'operation', 'status', 'outcome'],
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route, GraphQL operation and outcome',
    labelNames: ['method', 'route', 'operation', 'outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const upserts = new Counter({
    name: 'contacts_upserted_total',
    help: 'Contacts upserted, by what happened to each (created, updated, unchanged, failed)',
    labelNames: ['result'],
    registers: [registry],
  });
  new Gauge({
    name: 'db_pool_connections',
    help: 'Database connections of this process, by state (PostgreSQL pool)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const pool = db.poolState();
      if (!pool) return;
      this.set({ state: 'total' }, pool.total);
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'waiting' }, pool.waiting);
    },
  });

  const attempts = new Counter({
    name: 'webhook_attempts_total',
    help: 'Webhook delivery attempts, by outcome (delivered, rejected: a non-2xx answer, failed: no answer or a redirect, gone: 410)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'webhook_deliveries_total',
    help: 'Webhook deliveries ended by this process, by status (succeeded, failed)',
    labelNames: ['status'],
    registers: [registry],
  });
  new Gauge({
    name: 'webhook_oldest_pending_seconds',
    help: 'Age of the oldest webhook delivery not yet ended, across the database (0 when none)',
    registers: [registry],
    async collect() {
      // A scrape during an outage reports the other metrics; this one waits for the database.
      const oldest = await db.webhooks.oldestPending().catch(() => undefined);
      if (oldest !== undefined) this.set(oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0);
    },
  });

  const operationLabel = operationLabeller();
  return {
    registry,
    observeRequest({ method, route, operation, status }, seconds) {
      const outcome = status >= 500 ? 'server_error' : status >= 400 ? 'client_error' : 'success';
      const op = operationLabel(operation);
      requests.inc({ method, route, operation: op, status: String(status), outcome });
      durations.observe({ method, route, operation: op, outcome }, seconds);
    },
    observeWebhookAttempt(outcome, status) {
      attempts.inc({ outcome });
      if (status !== 'PENDING') deliveries.inc({ status: status.toLowerCase() });
    },
    observeUpserts(outcomes) {
      // Counted here first: a batch is hundreds of outcomes of at most four kinds.
      for (const [result, count] of Object.entries(countKinds(outcomes))) if (count) upserts.inc({ result }, count);
    },
  };
}
