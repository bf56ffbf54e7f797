// What the waku-gateway does for one platform, done by a devnet node in the test process: every
// waku.outbound job published as queued, every relayed message put on waku.inbound.
import { bigIntToUint64, uint64ToBigInt } from '@status-communities/proto';
import type { InboundWakuMessage, OutboundWakuMessage } from '@status-communities/queue';
import {
  QueueName,
  base64ToBytes,
  bytesToBase64,
  closeQueueResources,
  createQueue,
  createRedisConnection,
  createWorker,
  enqueue,
} from '@status-communities/queue';
import type { ReceivedMessage, WakuNode } from '@status-communities/waku';

/** A relayed message as the gateway queues it (and as a reader's helpers read it). */
export const asQueued = ({
  pubsubTopic,
  message,
  hash,
  receivedAt,
}: ReceivedMessage): InboundWakuMessage => ({
  pubsubTopic,
  contentTopic: message.contentTopic,
  payload: bytesToBase64(message.payload),
  version: message.version ?? 0,
  timestamp: uint64ToBigInt(message.timestamp).toString(),
  hash,
  receivedAt,
  correlationId: hash,
});

export interface GatewayStandIn {
  stop(): Promise<void>;
}

export const startGatewayStandIn = (node: WakuNode, redisUrl: string, prefix: string): GatewayStandIn => {
  const redis = createRedisConnection(redisUrl);
  const inbound = createQueue(QueueName.WAKU_INBOUND, redis, { prefix });
  const outbound = createWorker(
    QueueName.WAKU_OUTBOUND,
    async (message: OutboundWakuMessage) => {
      const outcome = await node.publish(message.pubsubTopic, {
        payload: base64ToBytes(message.payload),
        contentTopic: message.contentTopic,
        version: message.version,
        timestamp: bigIntToUint64(BigInt(message.timestamp)),
      });
      // A duplicate went out before (a retried job); no peers yet is retried with the job's backoff.
      if (outcome.status !== 'published' && outcome.status !== 'duplicate')
        throw new Error(`not published: ${outcome.status}`);
    },
    { connection: redis, prefix, onError: () => undefined },
  );
  const unsubscribe = node.subscribe((received) => void enqueue(inbound, asQueued(received)));
  return {
    stop: async () => {
      unsubscribe();
      await closeQueueResources({ workers: [outbound], queues: [inbound], connections: [redis] });
    },
  };
};
