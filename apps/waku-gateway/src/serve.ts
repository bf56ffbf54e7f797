// What the gateway serves once its node runs: Store v3 from the archive, Filter, LightPush and peer exchange
// for light clients, and the waku.outbound worker that publishes the platform's messages.
import type { Metrics, ServiceScope } from '@status-communities/observability';
import { closeQueueResources } from '@status-communities/queue';
import type { ServiceStores } from '@status-communities/queue';
import { serveStore } from '@status-communities/waku';
import { PostgresStoreArchive } from './archive.js';
import type { GatewayConfig } from './config.js';
import { GatewayRecords } from './gateway-records.js';
import { serveLightClients } from './light-clients.js';
import { startOutboundWorker } from './outbound.js';
import { checkSignedPayload } from './push-rules.js';
import type { Relay } from './relay.js';
import type { WatchSync } from './watch-sync.js';

export interface ServeParts {
  readonly stores: ServiceStores;
  readonly relay: Relay;
  readonly watch: WatchSync;
  readonly metrics: Metrics;
}

export const servePeers = async (
  scope: ServiceScope,
  config: GatewayConfig,
  { stores, relay, watch, metrics }: ServeParts,
): Promise<void> => {
  const { logger } = scope;
  const { node } = relay;
  const store = await serveStore(node, new PostgresStoreArchive(stores.prisma), {
    onServed: (served) => {
      relay.metrics.storeQueries.inc({ status: String(served.statusCode ?? 'none') });
      logger.debug(served, 'store query served');
    },
  });
  scope.defer('store service', () => store.close());
  const lightClients = await serveLightClients({
    node,
    metrics,
    logger,
    pushCheck: checkSignedPayload((contentTopic) => watch.current?.topics.get(contentTopic) ?? []),
    records: new GatewayRecords(stores.producer, config.REDIS_KEY_PREFIX, node.peerId),
    limits: {
      filter: {
        maxSubscribers: config.FILTER_MAX_SUBSCRIBERS,
        maxCriteriaPerSubscriber: config.FILTER_MAX_CRITERIA_PER_PEER,
        ttlMs: config.FILTER_SUBSCRIPTION_TTL_SECONDS * 1_000,
      },
      maxContentTopicsPerRequest: config.FILTER_MAX_CONTENT_TOPICS_PER_REQUEST,
      lightPushRate: { perSecond: config.LIGHTPUSH_RATE_PER_SECOND, burst: config.LIGHTPUSH_RATE_BURST },
    },
  });
  scope.defer('filter, light push and peer exchange', () => lightClients.close());
  const worker = startOutboundWorker({
    node,
    connection: stores.connection('outbound'),
    prefix: config.REDIS_KEY_PREFIX,
    concurrency: config.OUTBOUND_CONCURRENCY,
    metrics: relay.metrics,
    serviceMetrics: metrics,
    logger,
  });
  scope.defer('outbound worker', () => closeQueueResources({ workers: [worker] }));
};
