import type { Logger, Metrics } from '@status-communities/observability';
import type { LightPushCheck, Rate, SubscriptionLimits, WakuNode } from '@status-communities/waku';
import { serveFilter, serveLightPush, servePeerExchange } from '@status-communities/waku';
import type { GatewayRecords } from './gateway-records.js';
import { GATEWAY_RECORD_REFRESH_MS } from './gateway-records.js';
import { runEvery } from './periodic.js';

/**
 * Filter, LightPush and peer exchange for light clients (browsers, Status mobile in light mode), beside the
 * Store service.
 */
export interface LightClientServices {
  close(): Promise<void>;
}

export interface LightClientServicesOptions {
  readonly node: WakuNode;
  readonly metrics: Metrics;
  readonly logger: Logger;
  /** Our rules for pushed messages beyond the protocol's (signed payloads on the topics we know). */
  readonly pushCheck?: LightPushCheck;
  /** The gateways' ENRs: this one's is announced there, the others' are what peer exchange hands out. */
  readonly records: GatewayRecords;
  readonly limits: LightClientLimits;
}

/** The gateway's FILTER_* and LIGHTPUSH_* settings. */
export interface LightClientLimits {
  readonly filter: SubscriptionLimits;
  readonly maxContentTopicsPerRequest: number;
  readonly lightPushRate: Rate;
}

/**
 * Serves 12/WAKU2-FILTER v2, 19/WAKU2-LIGHTPUSH v3 (and v2) and 34/WAKU2-PEER-EXCHANGE (the other gateways'
 * ENRs, so a light client that knows one gateway finds the others) from the gateway's node, with their series. A
 * pushed message is published as the gateway's own, so it takes the inbound path relayed ones take (the node
 * hands its own messages to its handlers): queued once by hash, archived, indexed, and pushed to subscribers.
 */
export const serveLightClients = async ({
  node,
  metrics,
  logger,
  pushCheck,
  records,
  limits,
}: LightClientServicesOptions): Promise<LightClientServices> => {
  const filterRequests = metrics.counter<'type' | 'status'>({
    name: 'waku_gateway_filter_requests_total',
    help: '12/WAKU2-FILTER requests by type (subscribe, unsubscribe, unsubscribe-all, ping; none: undecodable) and status code (none: no response went out)',
    labelNames: ['type', 'status'],
  });
  const filterPushes = metrics.counter<'outcome'>({
    name: 'waku_gateway_filter_pushes_total',
    help: 'Messages pushed to filter subscribers, by outcome (pushed, overflow: its queue was full, failed)',
    labelNames: ['outcome'],
  });
  const pushLatency = metrics.histogram({
    name: 'waku_gateway_filter_push_latency_seconds',
    help: 'From a message reaching the gateway to its push written to a subscriber',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
  });
  const filterDropped = metrics.counter<'reason'>({
    name: 'waku_gateway_filter_subscribers_dropped_total',
    help: 'Filter subscribers dropped: expired (idle past the TTL) or unreachable (a push found no stream)',
    labelNames: ['reason'],
  });
  const lightPushRequests = metrics.counter<'version' | 'status' | 'outcome'>({
    name: 'waku_gateway_lightpush_requests_total',
    help: '19/WAKU2-LIGHTPUSH requests by protocol version, v3 status code and outcome (published, duplicate, no_peers, or why refused)',
    labelNames: ['version', 'status', 'outcome'],
  });

  const filter = await serveFilter(node, {
    limits: limits.filter,
    maxContentTopicsPerRequest: limits.maxContentTopicsPerRequest,
    onRequest: (served) => {
      filterRequests.inc({ type: served.type ?? 'none', status: String(served.statusCode ?? 'none') });
      logger.debug(served, 'filter request served');
    },
    onPush: (push) => {
      filterPushes.inc({ outcome: push.outcome });
      if (push.outcome === 'pushed') pushLatency.observe(push.latencyMs / 1_000);
    },
    onDropped: ({ peer, reason }) => {
      filterDropped.inc({ reason });
      logger.debug({ peer, reason }, 'filter subscriber dropped');
    },
  });
  metrics.gauge<'kind'>({
    name: 'waku_gateway_filter_subscriptions',
    help: 'Filter subscriptions: kind=subscribers (peers) or kind=criteria (pubsub and content topic pairs)',
    labelNames: ['kind'],
    collect() {
      this.set({ kind: 'subscribers' }, filter.subscriptions.subscribers);
      this.set({ kind: 'criteria' }, filter.subscriptions.criteria);
    },
  });
  const lightPush = await serveLightPush(node, {
    rate: limits.lightPushRate,
    ...(pushCheck !== undefined && { check: pushCheck }),
    onServed: (served) => {
      lightPushRequests.inc({
        version: String(served.version),
        status: String(served.statusCode ?? 'none'),
        outcome: served.outcome,
      });
      logger.debug(served, 'light push served');
    },
  });
  const peerExchanges = metrics.counter<'result'>({
    name: 'waku_gateway_peer_exchange_requests_total',
    help: '34/WAKU2-PEER-EXCHANGE queries by result (answered, malformed: answered empty, failed: no answer went out)',
    labelNames: ['result'],
  });
  const peerExchange = await servePeerExchange(node, {
    peers: () =>
      records.others().catch((error: unknown) => {
        logger.warn({ err: error }, 'gateway records unreadable; peer exchange answers none');
        return [];
      }),
    onServed: (served) =>
      peerExchanges.inc({
        result: served.error !== undefined ? 'failed' : served.malformed ? 'malformed' : 'answered',
      }),
  });
  const announce = runEvery(
    GATEWAY_RECORD_REFRESH_MS,
    () => records.announce(node.signedEnr()),
    (error) => logger.warn({ err: error }, 'could not announce this gateway for peer exchange'),
  );
  await announce.runNow();
  return {
    close: async () => {
      await announce.stop();
      await records.withdraw().catch(() => undefined);
      await peerExchange.close();
      await lightPush.close();
      await filter.close();
    },
  };
};
