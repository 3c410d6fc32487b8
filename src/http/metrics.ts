/**
 * Prometheus metrics (prom-client), on a registry of the app's own so that
 * several apps in one process (tests) never share counters.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../db/client.js';
import { countKinds, type UpsertObserver } from '../contacts/upsert.js';

export interface Metrics extends UpsertObserver {
  readonly registry: Registry;
  /** One answered HTTP request. `operation` is the GraphQL operation name, if any. */
  observeRequest(labels: { method: string; route: string; operation: string; status: number }, seconds: number): void;
}

/** Client-chosen operation names become label values: keep them few and tame. */
const operationLabel = (name: string | null | undefined) => (name && /^[A-Za-z_]\w{0,63}$/.test(name) ? name : name ? 'invalid' : '');

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

  return {
    registry,
    observeRequest({ method, route, operation, status }, seconds) {
      const outcome = status >= 500 ? 'server_error' : status >= 400 ? 'client_error' : 'success';
      const op = operationLabel(operation);
      requests.inc({ method, route, operation: op, status: String(status), outcome });
      durations.observe({ method, route, operation: op, outcome }, seconds);
    },
    observeUpserts(outcomes) {
      // Counted here first: a batch is hundreds of outcomes of at most four kinds.
      for (const [result, count] of Object.entries(countKinds(outcomes))) if (count) upserts.inc({ result }, count);
    },
  };
}
