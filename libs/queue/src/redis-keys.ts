// Every Redis name the platform uses beside BullMQ's own (which BullMQ derives from the prefix and the
// QueueName), in one place as BullMQ's QueueKeys keeps its own: what lives under a prefix is read here, and
// deleteKeyspace removes all of it.
import { checkKeyPrefix, hashTagged } from './keyspace.js';
import { QueueName } from './queue-names.js';

export const redisKeys = (prefix: string) => {
  const checked = checkKeyPrefix(prefix);
  const eventStream = `${checked}:${hashTagged('events.domain')}`;
  return {
    /** The domain event stream: one key, so any hash tag keeps it in one slot; the tag is for uniformity. */
    eventStream,
    /** Set by the script that appends an outbox row, so the row goes out once (with a TTL). */
    outboxMarker: (rowId: bigint): string => `${eventStream}:outbox:${rowId}`,
    /** Pub/sub: indexer replicas reload their routes (a watch-list change, a hosted community created). */
    routesChanged: `${checked}:${hashTagged('indexer.routes')}`,
    /** Pub/sub: api instances drop a revoked API key from their caches and close its WebSockets at once. */
    apiKeyRevoked: `${checked}:api:key-revoked`,
    /** The api's one-minute request window of a subject (an API key). */
    rateLimit: (subject: string): string => `${checked}:ratelimit:${hashTagged(subject)}`,
    /** The api's mark of a tenant's recent mutation: its queries read the primary while it lasts. */
    recentWrite: (tenantId: string): string => `${checked}:recent-write:${hashTagged(tenantId)}`,
    /** Written by a service's `redis` readiness check: Redis takes writes of that service's keys. */
    readinessProbe: (owner: string): string => `${checked}:readiness:${hashTagged(owner)}`,
    /** A gateway's claim on an inbound message hash, before it adds the job (dedup across gateways). */
    inboundClaim: (hash: string): string => `${checked}:${QueueName.WAKU_INBOUND}:seen:${hash}`,
    /** Pub/sub: asks the gateways to back-fill a community now. */
    backfillChannel: `${checked}:waku-gateway:backfill`,
    /** Hash: each gateway's signed ENR (peer id → JSON {enr, at}), for peer exchange to hand out the others. */
    gatewayRecords: `${checked}:waku-gateway:records`,
    /** Only one gateway back-fills a community at a time. */
    backfillLock: (communityId: string): string => `${checked}:waku-gateway:backfill-lock:${communityId}`,
  } as const;
};

export type RedisKeys = ReturnType<typeof redisKeys>;
