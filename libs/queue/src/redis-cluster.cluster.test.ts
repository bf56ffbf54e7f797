import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Job, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { createLogger } from '@status-communities/observability';
import { startOwnRedisCluster, waitFor } from '@status-communities/testing';
import type { OwnRedisCluster } from '@status-communities/testing';
import { appendOutboxRowOnce, outboxEntries } from './events/outbox-append.js';
import {
  QueueName,
  appendEvent,
  bytesToBase64,
  closeQueueResources,
  createQueue,
  createRedisConnection,
  createWorker,
  deleteKeyspace,
  enqueue,
  ensureEventGroup,
  eventStream,
  isClusterConnection,
  readEvents,
  readGroupEvents,
  redisKeys,
  redisReadiness,
  routesChangedChannel,
  announceRoutesChanged,
} from './index.js';
import type { DomainEvent, JobData, RedisClient } from './index.js';

const COMMUNITY = '0x02' + 'cd'.repeat(32);
const joined = (n: number): DomainEvent => ({
  type: 'member.joined',
  communityId: COMMUNITY,
  occurredAt: 1_700_000_000_000 + n,
  memberKey: '0x04' + n.toString(16).padStart(2, '0').repeat(64),
});

describe('Redis Cluster: one connection factory for queues, the event stream, claims and notices', () => {
  let cluster: OwnRedisCluster;
  const prefix = `test-cluster-${randomUUID()}`;
  const connections: RedisClient[] = [];
  const workers: Worker[] = [];
  const connection = (name?: string): RedisClient => {
    const redis = createRedisConnection(cluster.url, name === undefined ? {} : { connectionName: name });
    connections.push(redis);
    return redis;
  };

  beforeAll(async () => {
    cluster = await startOwnRedisCluster();
  });
  afterAll(async () => {
    // Connections to the master killed last wait out their timeout: short ones.
    await closeQueueResources({ workers, connections }, 1_000);
    await cluster.close();
  }, 60_000);

  it('builds a cluster client from a redis+cluster:// URL, its queues spread over the masters', async () => {
    const redis = connection('queue-test:cluster');
    expect(isClusterConnection(redis)).toBe(true);
    expect(await redisReadiness(redis)).toBe(true);
    const owners = new Set(
      await Promise.all(
        Object.values(QueueName).map(async (name) => (await cluster.masterOf(`${prefix}:${name}:wait`)).port),
      ),
    );
    expect(owners.size).toBeGreaterThan(1);
    // The name goes with every node connection: the one serving a key's slot shows it once the key is used.
    await redis.get(`${prefix}:named`);
    const node = new Redis((await cluster.masterOf(`${prefix}:named`)).port, '127.0.0.1');
    const names = String(await node.client('LIST'));
    await node.quit();
    expect(names).toContain('name=queue-test:cluster');
  });

  /** Adds `data` to queue `name` and resolves with what that queue's worker received. */
  const roundTrip = async <N extends QueueName>(name: N, data: JobData<N>): Promise<unknown[]> => {
    const queue = createQueue(name, connection(), { prefix });
    const seen: unknown[] = [];
    const errors: Error[] = [];
    const worker = createWorker(name, async (job) => void seen.push(job), {
      connection: connection(),
      prefix,
      onError: (error) => errors.push(error),
    });
    workers.push(worker);
    const done = new Promise<Job>((resolve) => worker.once('completed', resolve));
    const added = await enqueue(queue, data);
    if (!added.ok) throw added.error;
    await done;
    await queue.close();
    await worker.close();
    expect(errors).toEqual([]);
    return seen;
  };

  it('runs jobs through queues on different masters (BullMQ Lua scripts on one slot per queue)', async () => {
    const outbound: JobData<typeof QueueName.WAKU_OUTBOUND> = {
      pubsubTopic: '/waku/2/rs/16/64',
      contentTopic: '/waku/1/0xabcdef01/rfc26',
      payload: bytesToBase64(randomBytes(32)),
      version: 1,
      timestamp: '1732531200000000001',
      correlationId: randomUUID(),
    };
    const watch: JobData<typeof QueueName.COMMUNITY_WATCH> = {
      type: 'community.watch',
      communityId: COMMUNITY,
      correlationId: randomUUID(),
      actor: 'test',
    };
    expect((await cluster.masterOf(`${prefix}:${QueueName.WAKU_OUTBOUND}`)).port).not.toBe(
      (await cluster.masterOf(`${prefix}:${QueueName.COMMUNITY_WATCH}`)).port,
    );
    expect(await roundTrip(QueueName.WAKU_OUTBOUND, outbound)).toEqual([outbound]);
    expect(await roundTrip(QueueName.COMMUNITY_WATCH, watch)).toEqual([watch]);
  });

  it('appends, reads (also blocking, on the stream’s node), groups and outbox-appends events', async () => {
    const stream = eventStream({ prefix });
    const writer = connection();
    const reader = connection();
    await ensureEventGroup(writer, { stream, group: 'g' });
    const owner = new Redis((await cluster.masterOf(stream.key)).port, '127.0.0.1');
    const blocked = readEvents(reader, { stream, after: '$', block: 10_000 });
    // XREAD BLOCK waits on the stream's master; an append through another connection wakes it.
    await waitFor('the blocking read on the stream’s master', async () =>
      / cmd=xread /.test(String(await owner.client('LIST'))),
    );
    await owner.quit();
    const id = await appendEvent(writer, joined(1), stream);
    expect((await blocked).events.map((event) => event.id)).toContain(id);
    // The outbox script touches the stream and a marker: both carry `{events.domain}`, one slot.
    expect(await appendOutboxRowOnce(writer, stream, 7n, outboxEntries([joined(2), joined(3)]))).toBe(true);
    expect(await appendOutboxRowOnce(writer, stream, 7n, outboxEntries([joined(2), joined(3)]))).toBe(false);
    expect((await readEvents(writer, { stream })).events.map((event) => event.event)).toEqual([
      joined(1),
      joined(2),
      joined(3),
    ]);
    const grouped = await readGroupEvents(writer, { stream, group: 'g', consumer: 'c' });
    expect(grouped.events).toHaveLength(3);
  });

  it('delivers route notices over pub/sub and takes dedup claims and locks on their slots', async () => {
    const subscriber = connection();
    const heard = new Promise<string>((resolve) =>
      subscriber.once('message', (channel: string) => resolve(channel)),
    );
    await subscriber.subscribe(routesChangedChannel(prefix));
    await announceRoutesChanged(connection(), prefix);
    expect(await heard).toBe(routesChangedChannel(prefix));
    const redis = connection();
    const keys = redisKeys(prefix);
    const claim = keys.inboundClaim(randomBytes(32).toString('hex'));
    expect(await redis.set(claim, '1', 'PX', 60_000, 'NX')).toBe('OK');
    expect(await redis.set(claim, '1', 'PX', 60_000, 'NX')).toBeNull();
    expect(await redis.set(keys.backfillLock(COMMUNITY), 'me', 'PX', 60_000, 'NX')).toBe('OK');
  });

  it('deletes a keyspace on every master', async () => {
    const redis = connection();
    const own = `${prefix}-cleanup`;
    const keys = Array.from({ length: 30 }, (_, index) => `${own}:k${index}`);
    for (const key of keys) await redis.set(key, '1');
    expect(new Set(await Promise.all(keys.map(async (key) => (await cluster.masterOf(key)).port))).size).toBe(
      3,
    );
    expect(await deleteKeyspace(redis, own)).toBe(30);
    expect(await Promise.all(keys.map((key) => redis.exists(key)))).toEqual(keys.map(() => 0));
  });

  it('is not ready as a single-server client on a node of the cluster (the MOVED loop)', async () => {
    const single = createRedisConnection(`redis://127.0.0.1:${cluster.masters[0]?.port}`);
    connections.push(single);
    expect(await redisReadiness(single)).toEqual({
      ok: false,
      details: { clusterNodes: 3, problem: 'a cluster node reached as one server: use redis+cluster://' },
    });
  });

  it('reports a master lost with its slots: readiness fails and the error is logged, not silent', async () => {
    const records: Array<{ msg?: string }> = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        records.push(JSON.parse(chunk.toString()) as { msg?: string });
        done();
      },
    });
    const logger = createLogger({ serviceName: 'queue-test', destination });
    const redis = createRedisConnection(cluster.url, { logger, connectionName: 'queue-test:outage' });
    connections.push(redis);
    const stream = eventStream({ prefix });
    await appendEvent(redis, joined(4), stream);
    expect(await redisReadiness(redis)).toBe(true);
    await (await cluster.masterOf(stream.key)).kill();
    await waitFor('readiness to fail', async () => (await redisReadiness(redis)) !== true, {
      timeoutMs: cluster.nodeTimeoutMs * 20,
      intervalMs: 100,
    });
    expect(await redisReadiness(redis)).toEqual({ ok: false, details: { clusterState: 'fail' } });
    await expect(appendEvent(redis, joined(5), stream)).rejects.toThrow();
    await waitFor('the failure in the log', () => records.some((r) => r.msg === 'redis connection failed'));
  }, 60_000);
});
