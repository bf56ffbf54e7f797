// Light clients through the gateway, end to end, beside relay delivery in the same run (issue #17):
//
// 1. LightPush → indexer: PUSHERS stock @waku/sdk 0.0.36 light nodes (one member each) push a hosted-style
//    community's chat messages over websockets to a gateway (startGateway, as `npm start` runs it, on a Waku
//    devnet), which relays them and queues them for the indexer (startIndexer) that verifies and stores them.
//    Timed from the first push until PostgreSQL holds all of them: messages stored a second. Baseline: as many
//    messages of the same members published on relay by a devnet node, timed the same way to the same table.
// 2. Filter push latency: SUBSCRIBERS light clients subscribed to one content topic; a devnet node publishes
//    ROUNDS messages; per message, the time from publish to each subscriber's receipt, beside relay delivery of the
//    same message to the gateway and to the other devnet node.
//
// Which clients: the LightPush ones are all stock light nodes (the issue's 50 fit one process). Of the Filter
// subscribers, STOCK_SUBSCRIBERS are stock light nodes and the rest raw libp2p nodes (websockets, noise, mplex as
// the stock node has them) that speak /vac/waku/filter-subscribe and -push themselves: each stock node brings its
// own peer manager, keep-alive pings, stream pool and Filter resubscription timers, and 500 of them in one process
// lost subscriptions before a single push (the previous version of this bench); the raw ones cost the gateway the
// same (one connection, one subscription, one push stream each) and measure its side, the stock ones show what
// the stock client sees. Clients run in child processes of their own, so their work is not on the gateway's event
// loop; arrival times are wall-clock (performance.timeOrigin + now), comparable across processes.
//
// The gateway's LightPush rate limit (nwaku's 10 a second per peer) is lifted: it would cap the figure at 10 per
// client, and each client here pushes as fast as its answers come back.
//
// Needs Redis on 127.0.0.1:6379 and PostgreSQL on 127.0.0.1:5432. Run (uses the built libraries):
//   npm run build && node --import tsx bench/light-clients.bench.ts [PUSHERS] [SUBSCRIBERS]
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Stream } from '@libp2p/interface';
import { noise } from '@chainsafe/libp2p-noise';
import { mplex } from '@libp2p/mplex';
import { webSockets } from '@libp2p/websockets';
import { multiaddr } from '@multiformats/multiaddr';
import { createDecoder, createEncoder } from '@waku/message-encryption/symmetric';
import type { LightNode } from '@waku/sdk';
import { Protocols, createLightNode } from '@waku/sdk';
import { createRoutingInfo } from '@waku/utils';
import { lpStream } from 'it-length-prefixed-stream';
import type { LengthPrefixedStream } from 'it-length-prefixed-stream';
import { createLibp2p } from 'libp2p';
import type { Libp2p } from 'libp2p';
import { bytesToHex, decodeSymmetric, hexToBytesOrThrow, symKeyFor } from '@status-communities/crypto';
import { createTestDatabase } from '@status-communities/db/testing';
import { createLogger, createMetrics } from '@status-communities/observability';
import { bigIntToUint64, waku } from '@status-communities/proto';
import { memberUpdateChatId } from '@status-communities/protocol';
import {
  DEFAULT_JOB_OPTIONS,
  JobDefinitions,
  QueueName,
  base64ToBytes,
  closeQueueResources,
  createQueue,
  createRedisConnection,
  deleteKeyspace,
} from '@status-communities/queue';
import { TestCommunity, newKey, startDevnet } from '@status-communities/testing';
import type { WakuNode } from '@status-communities/waku';
import {
  FILTER_PUSH_CODEC,
  FILTER_SUBSCRIBE_CODEC,
  LIGHTPUSH_V3_CODEC,
  STATUS_CLUSTER_ID,
  pubsubTopicForShard,
  shardOfPubsubTopic,
} from '@status-communities/waku';
import { startIndexer } from '../apps/indexer/src/service.js';
import { testConfig as indexerConfig } from '../apps/indexer/src/testing/harness.js';
import { parseGatewayConfig } from '../apps/waku-gateway/src/config.js';
import { startGateway } from '../apps/waku-gateway/src/service.js';

const CLIENTS_FLAG = '--clients';
const PUSHERS = Number(process.argv[2] ?? 50);
const SUBSCRIBERS = Number(process.argv[3] ?? 500);
const STOCK_SUBSCRIBERS = Math.min(SUBSCRIBERS, Number(process.env['BENCH_STOCK_SUBSCRIBERS'] ?? 20));
const PUSHES_PER_CLIENT = Number(process.env['BENCH_PUSHES_PER_CLIENT'] ?? 20);
const ROUNDS = 20;
const FILTER_SHARD = 256;
const FILTER_TOPIC = '/waku/1/0x12345678/rfc26';
const FILTER_KEY = symKeyFor('light-clients bench');
const REDIS_URL = 'redis://127.0.0.1:6379';
/** Clients dial in batches: libp2p keeps at most 10 inbound connections pending. */
const DIAL_BATCH = 10;

const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const ms = (value: number): string => `${value.toFixed(1)} ms`;
const until = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(20);
  }
};

// ── Messages between the bench and its client processes ──────────────────────────────────────────────────────
interface Pusher {
  readonly keyHex: string;
  /** The Status application payloads (AMM bytes) this member sends, base64. */
  readonly plaintexts: readonly string[];
}
/** Finished Waku messages (a member's signed envelopes) one raw client pushes. */
interface RawPusher {
  readonly pubsubTopic: string;
  readonly contentTopic: string;
  /** Envelopes, base64. */
  readonly payloads: readonly string[];
}
type Command =
  | { kind: 'raw-pushers'; address: string; pushers: RawPusher[] }
  | {
      kind: 'pushers';
      address: string;
      shard: number;
      contentTopic: string;
      keyHex: string;
      pushers: Pusher[];
    }
  | { kind: 'push' }
  | { kind: 'subscribers'; address: string; raw: number; stock: number }
  | { kind: 'stop' };
type Report =
  | { kind: 'ready'; clients: number; subscribed?: number }
  | {
      kind: 'pushed';
      succeeded: number;
      failed: number;
      seconds: number;
      startedAt: number;
      /** Why pushes failed, as the client names it (the stock client's ProtocolError, or the raw client's). */
      reasons: Record<string, number>;
    }
  | { kind: 'arrival'; round: number; at: number; stock: boolean }
  | { kind: 'stopped' };

/** `; failures: <reason> ×n, …`, or nothing when every push was accepted. */
const failureReasons = (reasons: Record<string, number>): string => {
  const named = Object.entries(reasons).sort(([, a], [, b]) => b - a);
  return named.length === 0 ? '' : `; failures: ${named.map(([reason, n]) => `${reason} ×${n}`).join(', ')}`;
};

const stockLightNode = async (address: string): Promise<LightNode> => {
  const light = await createLightNode({
    defaultBootstrap: false,
    networkConfig: { clusterId: STATUS_CLUSTER_ID },
    // Outside tests the stock node dials wss only; the bench's gateway has plain ws.
    libp2p: { hideWebSocketInfo: true, filterMultiaddrs: false },
  });
  await light.start();
  await light.dial(address);
  return light;
};

/** A raw Filter subscriber: its own peer id and connection, the subscribe exchange, and a push handler. */
/**
 * The gateway ends its half of a stream after its response: wait for that before dropping ours. mplex (the stock
 * client's muxer, ours here too) drops a connection that gets more than 5 frames a second for streams it has
 * removed — closing at once cost a run 70 of 1,000 pushes ("Too many messages for missing streams", then "Muxer
 * already closed" for the rest of that client's pushes).
 */
const awaitGatewayEnd = (stream: Stream, frames: LengthPrefixedStream, signal: AbortSignal): Promise<void> =>
  frames.read({ signal }).then(
    () => stream.abort(new Error('the gateway sent more than one response')),
    () => undefined,
  );

const rawSubscriber = async (address: string, onPush: (push: waku.filter.v2.MessagePush) => void) => {
  const node = await rawNode();
  await node.handle(FILTER_PUSH_CODEC, ({ stream }) => {
    const frames = lpStream(stream);
    void (async () => {
      for (;;) onPush(waku.filter.v2.MessagePush.decode((await frames.read()).subarray()));
    })().catch(() => undefined);
  });
  const connection = await node.dial(multiaddr(address));
  const stream = await connection.newStream(FILTER_SUBSCRIBE_CODEC);
  const frames = lpStream(stream);
  const signal = AbortSignal.timeout(30_000);
  await frames.write(
    waku.filter.v2.FilterSubscribeRequest.encode({
      requestId: crypto.randomUUID(),
      filterSubscribeType: waku.filter.v2.FilterSubscribeRequest.FilterSubscribeType.SUBSCRIBE,
      pubsubTopic: pubsubTopicForShard(FILTER_SHARD),
      contentTopics: [FILTER_TOPIC],
    }).finish(),
    { signal },
  );
  await stream.closeWrite({ signal });
  const response = waku.filter.v2.FilterSubscribeResponse.decode((await frames.read({ signal })).subarray());
  await awaitGatewayEnd(stream, frames, signal);
  return { node, subscribed: response.statusCode === 200 };
};

const rawNode = (): Promise<Libp2p> =>
  createLibp2p({ transports: [webSockets()], connectionEncrypters: [noise()], streamMuxers: [mplex()] });

/** One LightPush v3 exchange on a new stream, as the stock client makes it; true on 200. */
/** True when relayed, else the gateway's status code and description. */
const rawPush = async (node: Libp2p, address: string, request: Uint8Array): Promise<true | string> => {
  const signal = AbortSignal.timeout(30_000);
  const stream = await node.dialProtocol(multiaddr(address), LIGHTPUSH_V3_CODEC, { signal });
  const frames = lpStream(stream);
  await frames.write(request, { signal });
  await stream.closeWrite({ signal });
  const response = waku.lightpush.LightPushResponseV3.decode((await frames.read({ signal })).subarray());
  await awaitGatewayEnd(stream, frames, signal);
  return response.statusCode === 200 || `${response.statusCode} ${response.statusDesc ?? ''}`.trim();
};

const roundOfTimestamp = (timestampMs: number): number => timestampMs % 1_000;

/** One push: true when accepted, else why it failed. */
type Push = () => Promise<true | readonly string[]>;

/**
 * Every client sends its pushes one after another, all clients at once: how many were accepted, in how long,
 * and why the others failed.
 */
const timedPushes = async (
  clients: readonly (readonly Push[])[],
): Promise<Extract<Report, { kind: 'pushed' }>> => {
  const started = now();
  const reasons: Record<string, number> = {};
  let succeeded = 0;
  await Promise.all(
    clients.map(async (pushes) => {
      for (const push of pushes) {
        const outcome = await push();
        if (outcome === true) succeeded++;
        else for (const reason of outcome) reasons[reason] = (reasons[reason] ?? 0) + 1;
      }
    }),
  );
  const total = clients.reduce((sum, pushes) => sum + pushes.length, 0);
  return {
    kind: 'pushed',
    succeeded,
    failed: total - succeeded,
    seconds: (now() - started) / 1_000,
    startedAt: started,
    reasons,
  };
};

/** A child process's side: makes the clients it is told to, reports what they get. */
const runClients = async (): Promise<void> => {
  const report = (message: Report) => process.send?.(message);
  const lights: LightNode[] = [];
  const raws: Libp2p[] = [];
  let pushers: { light: LightNode; encoder: ReturnType<typeof createEncoder>; plaintexts: Uint8Array[] }[] =
    [];
  const stop = async () => {
    for (const light of lights) light.filter.unsubscribeAll();
    await Promise.allSettled([...lights.map((light) => light.stop()), ...raws.map((node) => node.stop())]);
    report({ kind: 'stopped' });
    process.exit(0);
  };
  process.on('message', (command: Command) => {
    void (async () => {
      switch (command.kind) {
        case 'pushers': {
          const routingInfo = createRoutingInfo({ clusterId: STATUS_CLUSTER_ID }, { shardId: command.shard });
          for (let index = 0; index < command.pushers.length; index += DIAL_BATCH) {
            const batch = await Promise.all(
              command.pushers.slice(index, index + DIAL_BATCH).map(async (pusher) => ({
                light: await stockLightNode(command.address),
                // status-web's encoder: symmetric under the chat's key, signed with the member's key.
                encoder: createEncoder({
                  contentTopic: command.contentTopic,
                  routingInfo,
                  symKey: hexToBytesOrThrow(command.keyHex),
                  sigPrivKey: hexToBytesOrThrow(pusher.keyHex),
                }),
                plaintexts: pusher.plaintexts.map(base64ToBytes),
              })),
            );
            pushers.push(...batch);
          }
          lights.push(...pushers.map((pusher) => pusher.light));
          await Promise.all(pushers.map(({ light }) => light.waitForPeers([Protocols.LightPush])));
          report({ kind: 'ready', clients: pushers.length });
          break;
        }
        case 'raw-pushers': {
          const clients: { node: Libp2p; requests: (() => Uint8Array)[] }[] = [];
          for (const pusher of command.pushers) {
            const node = await rawNode();
            raws.push(node);
            await node.dial(multiaddr(command.address), { signal: AbortSignal.timeout(30_000) });
            // Stamped when sent: the gateway refuses a timestamp 20 s off (420).
            const request = (payload: string) =>
              waku.lightpush.LightPushRequestV3.encode({
                requestId: crypto.randomUUID(),
                pubsubTopic: pusher.pubsubTopic,
                message: {
                  payload: base64ToBytes(payload),
                  contentTopic: pusher.contentTopic,
                  version: 1,
                  timestamp: bigIntToUint64(BigInt(Date.now()) * 1_000_000n),
                },
              }).finish();
            clients.push({ node, requests: pusher.payloads.map((payload) => () => request(payload)) });
          }
          report(
            await timedPushes(
              clients.map(({ node, requests }) =>
                requests.map(
                  (request) => () =>
                    rawPush(node, command.address, request()).then(
                      (outcome) => (outcome === true ? true : [outcome]),
                      (error: unknown) => [error instanceof Error ? error.message : String(error)],
                    ),
                ),
              ),
            ),
          );
          break;
        }
        case 'push': {
          report(
            await timedPushes(
              pushers.map(({ light, encoder, plaintexts }) =>
                plaintexts.map((payload) => async () => {
                  const result = await light.lightPush.send(encoder, { payload });
                  if (result.successes.length > 0) return true;
                  return result.failures.length > 0
                    ? result.failures.map((failure) => String(failure.error))
                    : ['no peer'];
                }),
              ),
            ),
          );
          pushers = [];
          break;
        }
        case 'subscribers': {
          let subscribed = 0;
          const routingInfo = createRoutingInfo({ clusterId: STATUS_CLUSTER_ID }, { shardId: FILTER_SHARD });
          const decoder = createDecoder(FILTER_TOPIC, routingInfo, FILTER_KEY);
          for (let index = 0; index < command.stock; index += DIAL_BATCH) {
            const batch = await Promise.all(
              Array.from({ length: Math.min(DIAL_BATCH, command.stock - index) }, async () => {
                const light = await stockLightNode(command.address);
                await light.waitForPeers([Protocols.Filter]);
                const ok = await light.filter.subscribe(decoder, (message) => {
                  report({
                    kind: 'arrival',
                    round: roundOfTimestamp(message.timestamp?.getTime() ?? 0),
                    at: now(),
                    stock: true,
                  });
                });
                if (ok) subscribed++;
                return light;
              }),
            );
            lights.push(...batch);
          }
          for (let index = 0; index < command.raw; index += DIAL_BATCH) {
            const settled = await Promise.allSettled(
              Array.from({ length: Math.min(DIAL_BATCH, command.raw - index) }, () =>
                rawSubscriber(command.address, (push) => {
                  const at = now();
                  const timestamp = push.wakuMessage?.timestamp;
                  if (timestamp === undefined || timestamp === null) return;
                  const timestampMs = Number(BigInt(timestamp.toString()) / 1_000_000n);
                  report({ kind: 'arrival', round: roundOfTimestamp(timestampMs), at, stock: false });
                }),
              ),
            );
            const batch = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
            raws.push(...batch.map((subscriber) => subscriber.node));
            subscribed += batch.filter((subscriber) => subscriber.subscribed).length;
          }
          report({ kind: 'ready', clients: lights.length + raws.length, subscribed });
          break;
        }
        case 'stop':
          await stop();
      }
    })();
  });
};

/** A client process, and the next report of a kind from it. */
class Clients {
  private readonly child: ChildProcess;
  private readonly waiting = new Map<string, (report: Report) => void>();

  constructor(onArrival: (arrival: Extract<Report, { kind: 'arrival' }>) => void = () => undefined) {
    this.child = fork(fileURLToPath(import.meta.url), [CLIENTS_FLAG], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('exit', (code, signal) => {
      if (this.waiting.size > 0 && !this.waiting.has('stopped'))
        throw new Error(
          `client process exited (${code ?? signal}) while ${[...this.waiting.keys()].join(', ')} was awaited`,
        );
    });
    this.child.on('message', (report: Report) => {
      if (report.kind === 'arrival') onArrival(report);
      else {
        this.waiting.get(report.kind)?.(report);
        this.waiting.delete(report.kind);
      }
    });
  }

  async ask<K extends Report['kind']>(command: Command, answer: K): Promise<Extract<Report, { kind: K }>> {
    const answered = new Promise<Extract<Report, { kind: K }>>((resolve) =>
      this.waiting.set(answer, resolve as (report: Report) => void),
    );
    this.child.send(command);
    return answered;
  }

  async stop(): Promise<void> {
    await this.ask({ kind: 'stop' }, 'stopped');
  }
}

const main = async (): Promise<void> => {
  const load = [loadavg()[0] ?? 0];
  const db = await createTestDatabase();
  const devnet = await startDevnet({ nodes: 2 });
  const prefix = `bench-light-${crypto.randomUUID().slice(0, 8)}`;
  const redis = createRedisConnection(REDIS_URL);
  const silent = createLogger({ serviceName: 'bench', level: 'silent' });
  const [publisher, relayPeer] = devnet.nodes as [WakuNode, WakuNode];

  // A community the indexer knows (watched, its description stored) with a member per pushing client.
  const owner = newKey('owner');
  const members = Array.from({ length: PUSHERS }, (_, index) => newKey(`member ${index}`));
  const community = new TestCommunity(owner);
  for (const member of members) community.addMember(member);
  const channel = community.addChannel('general');
  await db.prisma.watchedCommunity.create({ data: { communityId: community.communityId } });
  const inbound = createQueue(QueueName.WAKU_INBOUND, redis, { prefix });
  const description = community.description({ atMs: Date.now() - 60_000 }).inbound;
  await inbound.add('waku.message', description, {
    ...DEFAULT_JOB_OPTIONS,
    ...JobDefinitions[QueueName.WAKU_INBOUND].jobOptions?.(description),
  });
  const indexer = await startIndexer(indexerConfig(db.url, prefix, { INDEXER_BATCH_WAIT_MS: '20' }), {
    logger: silent,
    metrics: createMetrics({ serviceName: 'indexer' }),
    healthServer: false,
  });
  await until('the community indexed', async () => (await db.prisma.community.count()) === 1, 30_000);

  const config = parseGatewayConfig({
    WAKU_BOOTSTRAP_PEERS: devnet.multiaddrs.join(','),
    WAKU_LISTEN_ADDRESS: '127.0.0.1',
    WAKU_LISTEN_PORT: '0',
    WAKU_WS_PORT: '0',
    WAKU_MAX_CONNECTIONS: String(PUSHERS + SUBSCRIBERS + 50),
    FILTER_MAX_SUBSCRIBERS: String(SUBSCRIBERS + 10),
    LIGHTPUSH_RATE_PER_SECOND: '100000',
    LIGHTPUSH_RATE_BURST: '100000',
    HEALTH_PORT: '0',
    REDIS_URL,
    DATABASE_URL: db.url,
    REDIS_KEY_PREFIX: prefix,
  });
  if (!config.ok) throw config.error;
  const gateway = await startGateway(config.value, { logger: silent });
  const address = gateway.node.websocketMultiaddrs[0] ?? '';
  await until(
    'the gateway meshed',
    () => gateway.node.shardPeers().every((shard) => shard.meshPeers > 0),
    30_000,
  );
  const chatId = memberUpdateChatId(community.communityId);
  const chat = (member: number, text: string) => community.chat(members[member]!, channel, text).inbound;
  const stored = () => db.prisma.message.count();

  try {
    // 1. LightPush → indexer.
    const first = chat(0, 'probe');
    const shard = shardOfPubsubTopic(first.pubsubTopic) ?? 32;
    const pushers: Pusher[] = members.map((member, index) => ({
      keyHex: bytesToHex(member.privateKey),
      plaintexts: Array.from({ length: PUSHES_PER_CLIENT }, (_, n) => {
        const opened = decodeSymmetric(
          base64ToBytes(chat(index, `light ${index}/${n}`).payload),
          symKeyFor(chatId),
        );
        if (!opened.ok) throw opened.error;
        return Buffer.from(opened.value.data).toString('base64');
      }),
    }));
    const pushClients = new Clients();
    await pushClients.ask(
      {
        kind: 'pushers',
        address,
        shard,
        contentTopic: first.contentTopic,
        keyHex: bytesToHex(symKeyFor(chatId)),
        pushers,
      },
      'ready',
    );
    const before = await stored();
    const pushed = await pushClients.ask({ kind: 'push' }, 'pushed');
    await until(
      'every pushed message stored',
      async () => (await stored()) >= before + pushed.succeeded,
      300_000,
    );
    const pushStoredSeconds = (now() - pushed.startedAt) / 1_000;
    await pushClients.stop();

    const total = PUSHERS * PUSHES_PER_CLIENT;
    const relayed = Array.from({ length: total }, (_, n) => chat(n % PUSHERS, `relay ${n}`));
    const relayBefore = await stored();
    const relayStart = now();
    for (const message of relayed)
      await publisher.publish(message.pubsubTopic, {
        payload: base64ToBytes(message.payload),
        contentTopic: message.contentTopic,
        version: 1,
        timestamp: bigIntToUint64(BigInt(Date.now()) * 1_000_000n),
      });
    await until('every relayed message stored', async () => (await stored()) >= relayBefore + total, 300_000);
    const relaySeconds = (now() - relayStart) / 1_000;

    const pushRate = pushed.succeeded / pushStoredSeconds;
    const relayRate = total / relaySeconds;
    console.log(
      `LightPush → indexer: ${PUSHERS} stock light clients × ${PUSHES_PER_CLIENT} pushes: ${pushed.succeeded} accepted ` +
        `(${pushed.failed} failed) in ${pushed.seconds.toFixed(2)} s (${(pushed.succeeded / pushed.seconds).toFixed(0)}/s), ` +
        `all stored after ${pushStoredSeconds.toFixed(2)} s: ${pushRate.toFixed(0)} msg/s stored; relay baseline ` +
        `(${total} published by a devnet node): ${relayRate.toFixed(0)} msg/s stored; ratio ${(pushRate / relayRate).toFixed(2)}` +
        failureReasons(pushed.reasons),
    );

    // The same through raw LightPush clients: the gateway's side without the stock client's.
    const rawClients = new Clients();
    const rawPushers: RawPusher[] = members.map((_, index) => ({
      pubsubTopic: first.pubsubTopic,
      contentTopic: first.contentTopic,
      payloads: Array.from({ length: PUSHES_PER_CLIENT }, (_, n) => chat(index, `raw ${index}/${n}`).payload),
    }));
    const rawBefore = await stored();
    const rawPushed = await rawClients.ask({ kind: 'raw-pushers', address, pushers: rawPushers }, 'pushed');
    await until(
      'every raw push stored',
      async () => (await stored()) >= rawBefore + rawPushed.succeeded,
      300_000,
    );
    const rawStoredSeconds = (now() - rawPushed.startedAt) / 1_000;
    await rawClients.stop();

    const rawRate = rawPushed.succeeded / rawStoredSeconds;
    console.log(
      `LightPush → indexer, ${PUSHERS} raw clients (the same members' envelopes in v3 frames of our own): ` +
        `${rawPushed.succeeded} accepted (${rawPushed.failed} failed) in ${rawPushed.seconds.toFixed(2)} s ` +
        `(${(rawPushed.succeeded / rawPushed.seconds).toFixed(0)}/s), all stored after ${rawStoredSeconds.toFixed(2)} s: ` +
        `${rawRate.toFixed(0)} msg/s stored; ratio to relay ${(rawRate / relayRate).toFixed(2)}` +
        failureReasons(rawPushed.reasons),
    );

    // 2. Filter push latency.
    const arrivals = new Map<number, { raw: number[]; stock: number[] }>();
    const subscriberClients = new Clients((arrival) => {
      const times = arrivals.get(arrival.round) ?? { raw: [], stock: [] };
      (arrival.stock ? times.stock : times.raw).push(arrival.at);
      arrivals.set(arrival.round, times);
    });
    const ready = await subscriberClients.ask(
      { kind: 'subscribers', address, raw: SUBSCRIBERS - STOCK_SUBSCRIBERS, stock: STOCK_SUBSCRIBERS },
      'ready',
    );
    const registered = ready.subscribed ?? 0;
    const gatewayArrival = new Map<number, number>();
    const peerArrival = new Map<number, number>();
    const roundOf = (timestamp: unknown) => roundOfTimestamp(Number(BigInt(String(timestamp)) / 1_000_000n));
    const stopGatewayWatch = gateway.node.subscribe((received) => {
      if (received.message.contentTopic === FILTER_TOPIC)
        gatewayArrival.set(roundOf(received.message.timestamp), now());
    });
    const stopPeerWatch = relayPeer.subscribe((received) => {
      if (received.message.contentTopic === FILTER_TOPIC)
        peerArrival.set(roundOf(received.message.timestamp), now());
    });
    const encoder = createEncoder({
      contentTopic: FILTER_TOPIC,
      routingInfo: createRoutingInfo({ clusterId: STATUS_CLUSTER_ID }, { shardId: FILTER_SHARD }),
      symKey: FILTER_KEY,
    });
    const raw: number[] = [];
    const stock: number[] = [];
    const lastOfRound: number[] = [];
    const toGateway: number[] = [];
    const toPeer: number[] = [];
    const delivered: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // The round rides in the timestamp's milliseconds, which both kinds of subscriber read.
      const timestampMs = Math.floor(Date.now() / 1_000) * 1_000 + round;
      const proto = await encoder.toProtoObj({ payload: new TextEncoder().encode(`round ${round}`) });
      const sentAt = now();
      await publisher.publish(pubsubTopicForShard(FILTER_SHARD), {
        payload: proto?.payload ?? new Uint8Array(),
        contentTopic: FILTER_TOPIC,
        version: 1,
        timestamp: bigIntToUint64(BigInt(timestampMs) * 1_000_000n),
      });
      const got = () => (arrivals.get(round)?.raw.length ?? 0) + (arrivals.get(round)?.stock.length ?? 0);
      // A subscriber the gateway could not reach is dropped; count what arrived within 20 s.
      await until(`round ${round} everywhere`, () => got() >= registered, 20_000).catch(() => undefined);
      const times = arrivals.get(round) ?? { raw: [], stock: [] };
      raw.push(...times.raw.map((at) => at - sentAt));
      stock.push(...times.stock.map((at) => at - sentAt));
      if (got() > 0) lastOfRound.push(Math.max(...times.raw, ...times.stock) - sentAt);
      delivered.push(got());
      toGateway.push((gatewayArrival.get(round) ?? Number.NaN) - sentAt);
      toPeer.push((peerArrival.get(round) ?? Number.NaN) - sentAt);
      await sleep(100);
    }
    stopGatewayWatch();
    stopPeerWatch();
    await subscriberClients.stop();
    const all = [...raw, ...stock];
    console.log(
      `Filter: ${SUBSCRIBERS} subscribers (${STOCK_SUBSCRIBERS} stock light nodes, the rest raw), ${registered} ` +
        `subscribed, × ${ROUNDS} messages: publish → push received p50 ${ms(percentile(all, 50))}, p99 ` +
        `${ms(percentile(all, 99))} (raw p50 ${ms(percentile(raw, 50))}, stock p50 ${ms(percentile(stock, 50))}, ` +
        `p99 ${ms(percentile(stock, 99))}); last subscriber of a round p50 ${ms(percentile(lastOfRound, 50))}; ` +
        `delivered per round min ${Math.min(...delivered)} of ${registered}` +
        // A round no subscriber got is either lost on relay before the gateway or in the gateway's Filter: say which.
        `${delivered.some((count) => count === 0) ? ` (rounds with none: ${delivered.filter((count) => count === 0).length}, of which the gateway never received ${delivered.filter((count, round) => count === 0 && Number.isNaN(toGateway[round])).length})` : ''}` +
        `. Relay delivery of the same messages: ` +
        `to the gateway p50 ${ms(percentile(toGateway, 50))}, p99 ${ms(percentile(toGateway, 99))}; to the other ` +
        `devnet node p50 ${ms(percentile(toPeer, 50))}; ratio Filter p50 / relay p50 (to the gateway) ` +
        `${(percentile(all, 50) / percentile(toGateway, 50)).toFixed(1)}`,
    );
    load.push(loadavg()[0] ?? 0);
    console.log(
      `machine load average (1 min) at start and end: ${load.map((l) => l.toFixed(1)).join(', ')} on 2 cores`,
    );
  } finally {
    await gateway.stop();
    await indexer.stop();
    await inbound.close();
    await deleteKeyspace(redis, prefix);
    await closeQueueResources({ connections: [redis] });
    await devnet.stop();
    await db.drop();
  }
};

if (process.argv[2] === CLIENTS_FLAG) await runClients();
else await main();
