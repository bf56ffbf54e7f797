import type { Metrics } from '@status-communities/observability';

export type IndexerMetrics = ReturnType<typeof indexerMetrics>;

/** Every series the indexer exports (besides the process metrics of libs/observability). */
export const indexerMetrics = (metrics: Metrics) => ({
  accepted: metrics.counter({
    name: 'indexer_accepted_total',
    help: 'Inbound messages stored (or forwarded, for requests), by fact kind',
    labelNames: ['kind'],
  }),
  rejected: metrics.counter({
    name: 'indexer_rejected_total',
    help: 'Inbound messages refused by a rule or already stored (duplicate), by reason',
    labelNames: ['reason'],
  }),
  ignored: metrics.counter({
    name: 'indexer_ignored_total',
    help: 'Valid inbound messages carrying nothing the indexer stores, by reason',
    labelNames: ['reason'],
  }),
  batchSize: metrics.histogram({
    name: 'indexer_batch_size',
    help: 'Inbound jobs per batch',
    buckets: [1, 4, 16, 64, 128, 256, 512, 1024],
  }),
  batchSeconds: metrics.histogram({
    name: 'indexer_batch_duration_seconds',
    help: 'Time to decide and store one batch',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  }),
  staleRetries: metrics.counter({
    name: 'indexer_stale_state_retries_total',
    help: 'Batches decided again because another writer changed a community meanwhile',
  }),
  eventsPublished: metrics.counter({
    name: 'indexer_events_published_total',
    help: 'Domain events appended to the event stream',
  }),
  held: metrics.counter({
    name: 'indexer_held_total',
    help: 'Messages of watched communities held until a newer description (sender not a member yet), by reason',
    labelNames: ['reason'],
  }),
  heldReleased: metrics.counter({
    name: 'indexer_held_released_total',
    help: 'Held messages stored once a newer description admitted their sender',
  }),
  heldExpired: metrics.counter({
    name: 'indexer_held_expired_total',
    help: 'Held messages refused because no description admitted their sender in time, by reason',
    labelNames: ['reason'],
  }),
  heldOverflow: metrics.counter({
    name: 'indexer_held_overflow_total',
    help: 'Messages refused at once because their community already holds the most messages or bytes allowed',
    labelNames: ['reason'],
  }),
  heldMessages: metrics.gauge({
    name: 'indexer_held_messages',
    help: 'Messages held now, all communities (as of the last sweep)',
  }),
  memberKeysForwarded: metrics.counter({
    name: 'indexer_member_keys_forwarded_total',
    help: 'Descriptions of communities run elsewhere with a rekey entry for one of our bots, handed to the publisher, by source',
    labelNames: ['source'],
  }),
  directForwarded: metrics.counter({
    name: 'indexer_direct_forwarded_total',
    help: "1:1 messages on one of our bots' topics (partitioned or negotiated) handed to the publisher",
  }),
  publishFailures: metrics.counter({
    name: 'indexer_event_publish_failures_total',
    help: 'Outbox rows whose append failed after the commit (the sweep appends them later)',
  }),
});
