import type { Counter } from 'prom-client';
import type { Metrics } from '@status-communities/observability';
import { parsePubsubTopic } from '@status-communities/protocol';
import type { ShardPeers } from '@status-communities/waku';

/** The gateway's Prometheus series. Label values are stable: shard indices and drop or failure reasons. */
export interface GatewayMetrics {
  /** Valid messages received from the relay (or back-fill), per shard, before dedup. */
  readonly messagesIn: Counter<'shard' | 'source'>;
  /** Messages another gateway (or an earlier copy) had already put on waku.inbound. */
  readonly dedupHits: Counter<'shard'>;
  /** Messages dropped at the edge, never queued: relay validator rejections and the gateway's own checks. */
  readonly drops: Counter<'reason'>;
  /** Inbound messages that could not be queued (Redis unreachable or refusing). */
  readonly enqueueFailures: Counter;
  /** Outbound publishes by outcome: published, duplicate, no_peers, invalid. */
  readonly publishOutcomes: Counter<'shard' | 'outcome'>;
  /** Messages published on the relay, per shard. */
  readonly messagesOut: Counter<'shard'>;
  /** Outbound publishes that did not go out: no_peers (retried) or the drop reason (permanent). */
  readonly publishFailures: Counter<'reason'>;
  /** Rows written to the archive (new hashes only). */
  readonly archived: Counter;
  /** Messages on watched topics the archive refused (ephemeral, timestamps) or could not write. */
  readonly archiveSkipped: Counter<'reason'>;
  /** Rows deleted by the retention sweep. */
  readonly archivePruned: Counter;
  /** Messages that back-fill fed into the inbound path. */
  readonly backfilled: Counter;
  /** Store v3 queries served from the archive, by status code (`none`: no response went out). */
  readonly storeQueries: Counter<'status'>;
  /** Relay peers reconnected because their connection had carried no relay stream for a while. */
  readonly relayPeerResets: Counter;
}

/** The shard index of a pubsub topic as a label value; `other` for a topic that is not a static shard. */
export const shardLabel = (pubsubTopic: string): string => {
  const shard = parsePubsubTopic(pubsubTopic);
  return shard.ok ? String(shard.value.index) : 'other';
};

/**
 * Declares the gateway's series in `metrics`. `peers` is read on every scrape, so the gauge never goes stale.
 */
export const createGatewayMetrics = (
  metrics: Metrics,
  peers: () => readonly ShardPeers[],
): GatewayMetrics => {
  metrics.gauge<'shard' | 'kind'>({
    name: 'waku_gateway_peers',
    help: 'Relay peers per shard: kind=mesh (gossipsub mesh) or kind=topic (connected and subscribed)',
    labelNames: ['shard', 'kind'],
    collect() {
      this.reset();
      for (const shard of peers()) {
        this.set({ shard: String(shard.shard), kind: 'mesh' }, shard.meshPeers);
        this.set({ shard: String(shard.shard), kind: 'topic' }, shard.topicPeers);
      }
    },
  });
  return {
    messagesIn: metrics.counter({
      name: 'waku_gateway_messages_in_total',
      help: 'Valid Waku messages received, per shard and source (relay or backfill)',
      labelNames: ['shard', 'source'],
    }),
    dedupHits: metrics.counter({
      name: 'waku_gateway_inbound_dedup_hits_total',
      help: 'Inbound messages whose hash was already queued (by this or another gateway)',
      labelNames: ['shard'],
    }),
    drops: metrics.counter({
      name: 'waku_gateway_inbound_drops_total',
      help: 'Messages dropped at the edge before the queue, by reason',
      labelNames: ['reason'],
    }),
    enqueueFailures: metrics.counter({
      name: 'waku_gateway_inbound_enqueue_failures_total',
      help: 'Inbound messages that could not be added to waku.inbound',
    }),
    publishOutcomes: metrics.counter({
      name: 'waku_gateway_publish_outcomes_total',
      help: 'Outbound publishes by shard and outcome (published, duplicate, no_peers, invalid)',
      labelNames: ['shard', 'outcome'],
    }),
    messagesOut: metrics.counter({
      name: 'waku_gateway_messages_out_total',
      help: 'Waku messages published on the relay, per shard',
      labelNames: ['shard'],
    }),
    publishFailures: metrics.counter({
      name: 'waku_gateway_publish_failures_total',
      help: 'Outbound publishes that did not go out, by reason (no_peers is retried, the rest are not)',
      labelNames: ['reason'],
    }),
    archived: metrics.counter({
      name: 'waku_gateway_archived_messages_total',
      help: 'Messages written to the Store archive (each hash once)',
    }),
    archiveSkipped: metrics.counter({
      name: 'waku_gateway_archive_skipped_total',
      help: 'Messages on watched topics not archived, by reason',
      labelNames: ['reason'],
    }),
    archivePruned: metrics.counter({
      name: 'waku_gateway_archive_pruned_total',
      help: 'Archived messages deleted by the retention sweep',
    }),
    backfilled: metrics.counter({
      name: 'waku_gateway_backfilled_messages_total',
      help: 'Messages from Store back-fill fed into the inbound path',
    }),
    storeQueries: metrics.counter({
      name: 'waku_gateway_store_queries_total',
      help: 'Store v3 queries served, by status code (none: no response went out)',
      labelNames: ['status'],
    }),
    relayPeerResets: metrics.counter({
      name: 'waku_gateway_relay_peer_resets_total',
      help: 'Relay peers reconnected because their connection carried no relay stream',
    }),
  };
};
