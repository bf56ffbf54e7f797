import type { Counter, Histogram } from 'prom-client';
import type { Metrics } from '@status-communities/observability';

/** The request handler's Prometheus series. Label values are stable: job types, outcomes, reasons, codes. */
export interface RequestHandlerMetrics {
  /** Jobs handled: type = request kind or command, outcome = accepted, pending, declined, … or refused. */
  readonly handled: Counter<'type' | 'outcome'>;
  /** Requests and commands refused: code = ErrorCode, reason = the rule that refused it. */
  readonly refused: Counter<'type' | 'code' | 'reason'>;
  /** Decisions on requests to join: decision = accepted, declined; by = policy, admin. */
  readonly decisions: Counter<'decision' | 'by'>;
  /** waku.outbound jobs added: kind = response, delete_messages. */
  readonly outbound: Counter<'kind'>;
  /** Time to handle one job, from its data to its effects queued. */
  readonly handleSeconds: Histogram<'type'>;
  /** Requests to join decided in one transaction. */
  readonly joinBatchSize: Histogram;
}

export const createRequestHandlerMetrics = (metrics: Metrics): RequestHandlerMetrics => ({
  handled: metrics.counter({
    name: 'request_handler_jobs_total',
    help: 'community.requests jobs handled, by type and outcome',
    labelNames: ['type', 'outcome'],
  }),
  refused: metrics.counter({
    name: 'request_handler_refused_total',
    help: 'Requests and commands refused with nothing changed, by type, error code and reason',
    labelNames: ['type', 'code', 'reason'],
  }),
  decisions: metrics.counter({
    name: 'request_handler_decisions_total',
    help: 'Requests to join decided, by decision (accepted, declined) and by whom (policy, admin)',
    labelNames: ['decision', 'by'],
  }),
  outbound: metrics.counter({
    name: 'request_handler_outbound_messages_total',
    help: 'waku.outbound jobs added, by kind (response, delete_messages)',
    labelNames: ['kind'],
  }),
  handleSeconds: metrics.histogram({
    name: 'request_handler_handle_seconds',
    help: 'Time to handle one community.requests job',
    labelNames: ['type'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
  }),
  joinBatchSize: metrics.histogram({
    name: 'request_handler_join_batch_size',
    help: 'Requests to join decided together in one transaction under the community row lock',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128],
  }),
});
