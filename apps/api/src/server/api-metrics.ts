import type { Counter, Histogram } from 'prom-client';
import type { Metrics } from '@status-communities/observability';

export interface ApiMetrics {
  /** Latency of every operation: operation = its root fields, outcome = ok or the first error code. */
  readonly operationSeconds: Histogram<'type' | 'operation' | 'outcome'>;
  /** Requests refused before execution, by code (UNAUTHENTICATED, RATE_LIMITED, QUERY_TOO_DEEP…). */
  readonly refused: Counter<'code'>;
  /** Commands queued by mutations, by queue and type. */
  readonly commands: Counter<'queue' | 'type'>;
}

export const createApiMetrics = (metrics: Metrics): ApiMetrics => ({
  operationSeconds: metrics.histogram({
    name: 'api_operation_duration_seconds',
    help: 'GraphQL operation latency, by operation type, root fields and outcome',
    labelNames: ['type', 'operation', 'outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  }),
  refused: metrics.counter({
    name: 'api_requests_refused_total',
    help: 'Requests refused before execution, by error code',
    labelNames: ['code'],
  }),
  commands: metrics.counter({
    name: 'api_commands_queued_total',
    help: 'Commands queued by mutations, by queue and command type',
    labelNames: ['queue', 'type'],
  }),
});
