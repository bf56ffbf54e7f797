import { describe, expect, it } from '@jest/globals';
import { redisKeys } from './redis-keys.js';

describe('redisKeys', () => {
  it('names everything beside BullMQ under the prefix, hash-tagged where a cluster slot matters', () => {
    const keys = redisKeys('sc');
    expect({
      eventStream: keys.eventStream,
      outboxMarker: keys.outboxMarker(7n),
      routesChanged: keys.routesChanged,
      apiKeyRevoked: keys.apiKeyRevoked,
      rateLimit: keys.rateLimit('key-1'),
      recentWrite: keys.recentWrite('tenant-1'),
      readinessProbe: keys.readinessProbe('indexer'),
      inboundClaim: keys.inboundClaim('ab12'),
      backfillChannel: keys.backfillChannel,
      backfillLock: keys.backfillLock('0x02ab'),
      gatewayRecords: keys.gatewayRecords,
    }).toEqual({
      eventStream: 'sc:{events.domain}',
      outboxMarker: 'sc:{events.domain}:outbox:7',
      routesChanged: 'sc:{indexer.routes}',
      apiKeyRevoked: 'sc:api:key-revoked',
      rateLimit: 'sc:ratelimit:{key-1}',
      recentWrite: 'sc:recent-write:{tenant-1}',
      readinessProbe: 'sc:readiness:{indexer}',
      inboundClaim: 'sc:{waku.inbound}:seen:ab12',
      backfillChannel: 'sc:waku-gateway:backfill',
      backfillLock: 'sc:waku-gateway:backfill-lock:0x02ab',
      gatewayRecords: 'sc:waku-gateway:records',
    });
  });

  it('refuses a prefix that would break hash tags', () => {
    expect(() => redisKeys('a{b}')).toThrow('Invalid Redis key prefix');
    expect(() => redisKeys('a:b')).toThrow('Invalid Redis key prefix');
  });
});
