// Issue #11: both gateways killed together (kill -9, as a redeploy or a node failure does) and started again
// with the same configuration must have mesh peers on every shard again within a bounded time, and relay what
// is published on the network into waku.inbound — also after an hour of restarts under fresh peer ids.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { TestDatabase } from '@status-communities/db/testing';
import { createTestDatabase } from '@status-communities/db/testing';
import { QueueName, closeQueueResources, createQueue } from '@status-communities/queue';
import type { Devnet } from '@status-communities/testing';
import { startDevnet, testWakuMessage, visitWithFreshIdentities, waitFor } from '@status-communities/testing';
import type { WakuNode } from '@status-communities/waku';
import {
  DEFAULT_SHARDS,
  generateNodeKey,
  messageHashHex,
  pubsubTopicForShard,
} from '@status-communities/waku';
import { REDIS_URL, testRedis, uniquePrefix } from './testing/fixtures.js';
import type { GatewayProcess } from './testing/gateway-process.js';
import { runGateway } from './testing/gateway-process.js';

// Four gateway processes started from sources on a busy 2-core machine.
jest.setTimeout(120_000);

/** Start to mesh peers on every shard, at most (a start from sources takes most of it). */
const READY_WITHIN_MS = 45_000;

interface WakuReadiness {
  readonly peerId: string;
  readonly shards: Record<string, { meshPeers: number; topicPeers: number }>;
}

describe('both gateways killed together and restarted', () => {
  const prefix = uniquePrefix();
  const redis = testRedis(prefix);
  const queue = createQueue(QueueName.WAKU_INBOUND, redis.redis, { prefix });
  let devnet: Devnet;
  let db: TestDatabase;
  const running: GatewayProcess[] = [];

  beforeAll(async () => {
    [devnet, db] = await Promise.all([startDevnet({ nodes: 2 }), createTestDatabase()]);
  });

  afterAll(async () => {
    for (const gateway of running) if (gateway.child.exitCode === null) gateway.child.kill('SIGKILL');
    await Promise.all(running.map((gateway) => gateway.exited));
    await closeQueueResources({ queues: [queue], connections: [] });
    await redis.cleanup();
    await Promise.all([devnet?.stop(), db?.drop()]);
  });

  const start = (nodeKey: string, index: number): GatewayProcess => {
    const gateway = runGateway({
      SERVICE_NAME: `waku-gateway-${index + 1}`,
      WAKU_BOOTSTRAP_PEERS: devnet.multiaddrs.join(','),
      WAKU_LISTEN_ADDRESS: '127.0.0.1',
      WAKU_LISTEN_PORT: '0',
      WAKU_NODE_KEY: nodeKey,
      HEALTH_PORT: '0',
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      DATABASE_URL: db.url,
    });
    running.push(gateway);
    return gateway;
  };

  const healthUrl = async (gateway: GatewayProcess): Promise<string> => {
    const started = () => gateway.lines.find((line) => line['msg'] === 'waku gateway started');
    await waitFor(
      'the started line',
      async () => started() !== undefined || gateway.child.exitCode !== null,
      {
        timeoutMs: READY_WITHIN_MS,
      },
    );
    if (started() === undefined) throw new Error(`the gateway exited: ${gateway.stderr()}`);
    return String(started()?.['health']);
  };

  /** Waits for 200 on /readyz (mesh peers on every configured shard) and returns its waku details. */
  const ready = async (gateway: GatewayProcess): Promise<WakuReadiness> => {
    const health = await healthUrl(gateway);
    let details: WakuReadiness | undefined;
    await waitFor(
      `${health}/readyz to answer 200`,
      async () => {
        const response = await fetch(`${health}/readyz`);
        const report = (await response.json()) as { checks: { waku: { details: WakuReadiness } } };
        details = report.checks.waku.details;
        return response.status === 200;
      },
      { timeoutMs: READY_WITHIN_MS, intervalMs: 200 },
    );
    return details as WakuReadiness;
  };

  const relayedCount = async (gateway: GatewayProcess, shard: number): Promise<number> => {
    const text = await (await fetch(`${await healthUrl(gateway)}/metrics`)).text();
    const series = new RegExp(
      `^waku_gateway_messages_in_total\\{shard="${shard}",source="relay",[^}]*\\} (\\d+)$`,
      'm',
    );
    return Number(series.exec(text)?.[1] ?? 0);
  };

  it('has mesh peers on every shard again, under the same peer ids, and relays into waku.inbound', async () => {
    // What an hour of gateway restarts without a node key left in the devnet's gossipsub scores.
    await visitWithFreshIdentities(devnet, 12);
    const nodeKeys = await Promise.all([generateNodeKey(), generateNodeKey()]);
    const first = nodeKeys.map(start);
    const before = await Promise.all(first.map(ready));

    for (const gateway of first) gateway.child.kill('SIGKILL');
    await Promise.all(first.map((gateway) => gateway.exited));
    // Restarted as soon as the devnet has seen both go: their connections were reset, not closed.
    const gone = new Set(before.map(({ peerId }) => peerId));
    await waitFor('the devnet without the gateways', () =>
      devnet.nodes.every((node) => node.light.libp2p.getPeers().every((peer) => !gone.has(peer.toString()))),
    );
    const restarted = nodeKeys.map(start);
    const after = await Promise.all(restarted.map(ready));

    expect(after.map(({ peerId }) => peerId)).toEqual(before.map(({ peerId }) => peerId));
    for (const { shards } of after)
      for (const shard of DEFAULT_SHARDS) expect(shards[String(shard)]?.meshPeers).toBeGreaterThan(0);

    const publisher = devnet.nodes[1] as WakuNode;
    const hashes: string[] = [];
    for (const shard of DEFAULT_SHARDS) {
      const message = testWakuMessage();
      expect(await publisher.publish(pubsubTopicForShard(shard), message)).toMatchObject({
        status: 'published',
      });
      hashes.push(messageHashHex(pubsubTopicForShard(shard), message));
    }
    await waitFor('every message a job on waku.inbound', async () =>
      (await Promise.all(hashes.map((hash) => queue.getJob(hash)))).every((job) => job !== undefined),
    );
    // Each gateway received every one over relay (the hash made one job of their two copies).
    await waitFor('every message relayed to both gateways', async () =>
      (
        await Promise.all(
          restarted.flatMap((gateway) => DEFAULT_SHARDS.map((shard) => relayedCount(gateway, shard))),
        )
      ).every((count) => count === 1),
    );
  });
});
