import type { Counter, Histogram } from 'prom-client';
import type { Metrics } from '@status-communities/observability';

/** The publisher's Prometheus series. Label values are stable: command and message types, reasons, codes. */
export interface PublisherMetrics {
  /** Commands handled: result = changed, unchanged, or the ErrorCode of a refusal. */
  readonly commands: Counter<'type' | 'result'>;
  /** Descriptions published, by why (changed, repair, scheduled). */
  readonly publishes: Counter<'reason'>;
  /** Size of every published description (the signed ApplicationMetadataMessage). */
  readonly descriptionBytes: Histogram;
  /** Waku messages one description needed per shard (1 unless segmented). */
  readonly descriptionSegments: Histogram;
  /** Build, sign and encrypt time of a description. */
  readonly encodeSeconds: Histogram;
  /** Publish jobs that found nothing new to publish (a coalesced or already-published change). */
  readonly publishSkipped: Counter<'reason'>;
  /** waku.outbound jobs added: kind = description, shard_info, bot_message, direct_message, direct_ack. */
  readonly outbound: Counter<'kind'>;
  /**
   * Bot commands handled: result = published, created or existing (`identity.create`), or the ErrorCode of
   * a refusal.
   */
  readonly botMessages: Counter<'type' | 'result'>;
  /** Hash-ratchet keys our bots took in from another control node (member.keys), by source (description, direct). */
  readonly memberKeysStored: Counter<'source'>;
  /** member.keys messages refused, nothing stored: reason = MemberKeysRefusalReason (wrong-signer, forged-rekey…). */
  readonly memberKeysRefused: Counter<'reason'>;
  /** Communities the sweep queued: reason = repair (unpublished change) or scheduled (re-advertise). */
  readonly sweepQueued: Counter<'reason'>;
  /** COMMUNITY_ENCRYPTION_KEYS_REQUESTs our bots sent to control nodes elsewhere (one per bot and community). */
  readonly keyRequestsSent: Counter;
  /** 1:1 messages to our bots refused, nothing stored: reason = DirectRefusalReason (replayed, forged-bundle…). */
  readonly directRefused: Counter<'reason'>;
  /** Saves of a 1:1 session that lost to another worker's (the job runs again on the newer state). */
  readonly directSessionConflicts: Counter;
  /** Unacknowledged 1:1 messages sealed again and queued by the sweep, and bundles advertised on contact-code topics. */
  readonly directResent: Counter<'kind'>;
}

export const createPublisherMetrics = (metrics: Metrics): PublisherMetrics => ({
  commands: metrics.counter({
    name: 'publisher_commands_total',
    help: 'community.commands handled, by type and result (changed, unchanged or an error code)',
    labelNames: ['type', 'result'],
  }),
  publishes: metrics.counter({
    name: 'publisher_descriptions_published_total',
    help: 'CommunityDescriptions published, by reason (changed, repair, scheduled)',
    labelNames: ['reason'],
  }),
  descriptionBytes: metrics.histogram({
    name: 'publisher_description_bytes',
    help: 'Size of each published CommunityDescription (signed ApplicationMetadataMessage), bytes',
    buckets: [1_024, 4_096, 16_384, 65_536, 153_600, 262_144, 524_288, 1_048_576, 4_194_304],
  }),
  descriptionSegments: metrics.histogram({
    name: 'publisher_description_segments',
    help: 'Waku messages per shard for one description (SegmentMessages when above the segment size)',
    buckets: [1, 2, 4, 8, 16, 32, 64],
  }),
  encodeSeconds: metrics.histogram({
    name: 'publisher_description_encode_seconds',
    help: 'Time to build, validate, sign and encrypt one description',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
  }),
  publishSkipped: metrics.counter({
    name: 'publisher_publish_skipped_total',
    help: 'Publish jobs with nothing new to publish, by reason',
    labelNames: ['reason'],
  }),
  outbound: metrics.counter({
    name: 'publisher_outbound_messages_total',
    help: 'waku.outbound jobs added, by kind (description, shard_info, bot_message)',
    labelNames: ['kind'],
  }),
  botMessages: metrics.counter({
    name: 'publisher_bot_messages_total',
    help: 'bot.messages handled, by type and result (published, created, existing, awaiting-description or an error code)',
    labelNames: ['type', 'result'],
  }),
  memberKeysStored: metrics.counter({
    name: 'publisher_member_keys_stored_total',
    help: 'Group keys our bots received from the control node of a community they joined, by source',
    labelNames: ['source'],
  }),
  memberKeysRefused: metrics.counter({
    name: 'publisher_member_keys_refused_total',
    help: 'Messages offered to a bot key intake and refused (nothing stored), by reason',
    labelNames: ['reason'],
  }),
  sweepQueued: metrics.counter({
    name: 'publisher_sweep_queued_total',
    help: 'Publishes queued by the sweep, by reason (repair, scheduled)',
    labelNames: ['reason'],
  }),
  keyRequestsSent: metrics.counter({
    name: 'publisher_key_requests_sent_total',
    help: 'COMMUNITY_ENCRYPTION_KEYS_REQUESTs our bots sent for missing channel keys of communities run elsewhere',
  }),
  directRefused: metrics.counter({
    name: 'publisher_direct_refused_total',
    help: '1:1 messages to our bots refused (nothing stored), by reason',
    labelNames: ['reason'],
  }),
  directSessionConflicts: metrics.counter({
    name: 'publisher_direct_session_conflicts_total',
    help: 'Saves of a 1:1 double-ratchet session that lost to a concurrent one (read again and redone)',
  }),
  directResent: metrics.counter({
    name: 'publisher_direct_resent_total',
    help: '1:1 messages re-sent until acknowledged (resend) and bundles advertised (contact_code) by the sweep',
    labelNames: ['kind'],
  }),
});
