import type { GossipSub } from '@chainsafe/libp2p-gossipsub';
import type { Message, PeerId } from '@libp2p/interface';
import { TopicValidatorResult } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import { tcp } from '@libp2p/tcp';
import { webSockets } from '@libp2p/websockets';
import type { Multiaddr } from '@multiformats/multiaddr';
import { multiaddr } from '@multiformats/multiaddr';
import { wakuDnsDiscovery } from '@waku/discovery';
import { Tags } from '@waku/interfaces';
import type { LightNode } from '@waku/sdk';
import { createLightNode } from '@waku/sdk';
import type { waku } from '@status-communities/proto';
import type { DropReason } from './limits.js';
import { DEFAULT_TIMESTAMP_WINDOW_MS } from './limits.js';
import { LOOPBACK_MULTIADDRS } from './loopback.js';
import { messageHashHex } from './message-hash.js';
import { ShardMetadataService } from './metadata-service.js';
import { generateNodeKey, nodeKeyFromHex } from './node-key.js';
import { signedEnr } from './peer-exchange/enr.js';
import type { PublishOutcome } from './publish-outcome.js';
import { expectedPublishFailure } from './publish-outcome.js';
import { DEFAULT_SHARDS, STATUS_CLUSTER_ID, isShardIndex, pubsubTopicForShard } from './pubsub-topic.js';
import { RELAY_CODEC, createRelay } from './relay.js';
import { stopWithoutLingeringTimers } from './shutdown.js';
import { decodeRelayed, encodePublishable } from './wire.js';

export interface WakuNodeOptions {
  /** Static shards of cluster 16 to relay from the start. Default: 32, 64, 128, 256. */
  readonly shards?: readonly number[];
  /**
   * Listen multiaddrs: TCP (`/tcp/<port>`) and websockets (`/tcp/<port>/ws`, what browsers and other light
   * clients dial). Default: an ephemeral TCP port on 127.0.0.1.
   */
  readonly listen?: readonly string[];
  /**
   * Addresses announced beside the listeners (identify, the ENR peer exchange hands out), without /p2p/: where
   * peers reach this node from outside, say a proxy's `/dns4/<host>/tcp/443/wss` ending TLS for the /ws
   * listener (nwaku's --ext-multiaddr). The ENR names them before the listeners.
   */
  readonly announce?: readonly string[];
  /** Peers dialled on start; the connection manager redials known peers that are not connected. */
  readonly bootstrapPeers?: readonly string[];
  /** How long the connection manager leaves a peer alone after a failed dial. Default 15 s (@waku/sdk: 60 s). */
  readonly redialDelayMs?: number;
  /** EIP-1459 `enrtree://` URLs resolved by DNS discovery on start. */
  readonly enrTrees?: readonly string[];
  /** Connections kept by @waku/sdk's connection manager (its default of 10 suits light clients). */
  readonly maxConnections?: number;
  /**
   * The node's secp256k1 private key, 64 hex digits (nwaku's --nodekey). It keeps the peer id across restarts:
   * gossipsub peers keep the score of a departed peer id for a while and count it against its IP, so a node
   * that comes back under a new id each time looks like many colocated peers. Default: a new key at each start.
   */
  readonly privateKey?: string;
  /** How far a published message's timestamp may be from now. Default 20 s. */
  readonly timestampWindowMs?: number;
  /**
   * Hands what this node publishes to its own subscribe handlers too. Gossipsub never returns a node its own
   * message, so a gateway would otherwise never see what the platform itself publishes (its communities'
   * descriptions, its bots' posts). Default false.
   */
  readonly deliverOwnMessages?: boolean;
}

/** A valid message relayed on a shard this node subscribes to. */
export interface ReceivedMessage {
  readonly pubsubTopic: string;
  readonly message: waku.WakuMessage;
  /** The WakuMessage as received, protobuf-encoded. */
  readonly bytes: Uint8Array;
  /** 14/WAKU2-MESSAGE deterministic hash, hex. */
  readonly hash: string;
  /** Unix ms. */
  readonly receivedAt: number;
}

/** A message a peer relayed to us that the relay validator refused. */
export interface RejectedMessage {
  readonly pubsubTopic: string;
  readonly reason: DropReason;
  readonly detail: string;
}

export interface ShardPeers {
  readonly shard: number;
  readonly pubsubTopic: string;
  /** Peers in our gossipsub mesh for the shard: they forward us every message. */
  readonly meshPeers: number;
  /** Connected peers subscribed to the shard. */
  readonly topicPeers: number;
}

const DEFAULT_LISTEN = ['/ip4/127.0.0.1/tcp/0'];
const DEFAULT_MAX_CONNECTIONS = 50;
/**
 * js-libp2p's own connection manager refuses every inbound connection past its maxConnections (300 in Node),
 * beneath @waku/sdk's: a gateway configured for 600 light clients took 300.
 */
const LIBP2P_MAX_CONNECTIONS = 300;
const DEFAULT_REDIAL_DELAY_MS = 15_000;
/** Peer-store tag of the peers connect() dialled. */
const DIALED_TAG = 'status-communities:dialed';
/** Peers the connection manager should redial: ours, and those discovery found. */
const REDIALLED_TAGS = new Set<string>([DIALED_TAG, Tags.BOOTSTRAP, Tags.PEER_EXCHANGE, Tags.PEER_CACHE]);
/** Ten heartbeats: a connection's relay streams open well within one. */
const DEFAULT_RELAY_STALL_MS = 10_000;

/**
 * A Waku relay node (11/WAKU2-RELAY on cluster 16) inside @waku/sdk's libp2p. Handlers must not throw: they
 * run inside gossipsub's message dispatch.
 */
export class WakuNode {
  private readonly messageHandlers = new Set<(received: ReceivedMessage) => void>();
  private readonly rejectionHandlers = new Set<(rejected: RejectedMessage) => void>();
  private started = false;

  /** Use createWakuNode. */
  constructor(
    /** The @waku/sdk node this relay runs in: its Store, Filter and LightPush clients and its libp2p. */
    readonly light: LightNode,
    private readonly relay: GossipSub,
    /** Shared with the metadata service, which announces them. */
    private readonly shardSet: Set<number>,
    private readonly options: WakuNodeOptions,
    /** The secp256k1 node key, 32 bytes: it signs the node's ENR. */
    private readonly nodeKey: Uint8Array,
  ) {}

  get peerId(): string {
    return this.light.libp2p.peerId.toString();
  }

  /** Where peers can dial this node, each ending in /p2p/<peerId>. */
  get multiaddrs(): string[] {
    return this.light.libp2p.getMultiaddrs().map(String);
  }

  /** The websocket addresses among them (light clients'), each ending in /p2p/<peerId>. */
  get websocketMultiaddrs(): string[] {
    return this.multiaddrs.filter((address) => /\/wss?\//.test(address));
  }

  /** This node's signed ENR (31/WAKU2-ENR) with its current addresses and shards: what peer exchange hands out. */
  signedEnr(): Uint8Array {
    // An ENR holds two websocket addresses: announced ones first, as the listeners' are local ones behind a proxy.
    const announced = (this.options.announce ?? []).map((address) => `${address}/p2p/${this.peerId}`);
    return signedEnr({
      privateKey: this.nodeKey,
      addresses: [...new Set([...announced, ...this.multiaddrs])],
      shards: this.shards,
    });
  }

  get shards(): number[] {
    return [...this.shardSet].sort((a, b) => a - b);
  }

  async start(): Promise<void> {
    await this.light.start();
    this.started = true;
    this.relay.addEventListener('message', this.onMessage);
    this.light.libp2p.addEventListener('peer:disconnect', this.onPeerDisconnect);
    for (const shard of this.shardSet) this.join(pubsubTopicForShard(shard));
    // A bootstrap peer that is down now stays in the peer store, and the connection manager redials it.
    await Promise.allSettled((this.options.bootstrapPeers ?? []).map((peer) => this.connect(peer)));
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.relay.removeEventListener('message', this.onMessage);
    this.light.libp2p.removeEventListener('peer:disconnect', this.onPeerDisconnect);
    await stopWithoutLingeringTimers(this.light, this.relay);
  }

  /** Dials a peer and remembers its address, so the connection manager redials it after a drop. */
  async connect(address: string): Promise<void> {
    const target = multiaddr(address);
    const peerId = target.getPeerId();
    if (peerId !== null)
      await this.light.libp2p.peerStore.merge(peerIdFromString(peerId), {
        multiaddrs: [target],
        tags: { [DIALED_TAG]: {} },
      });
    await this.light.libp2p.dial(target);
  }

  /**
   * Forgets a peer that went away unless we dialled it or discovery found it. @waku/sdk's connection manager
   * redials every peer it knows by peer id, and libp2p then takes whoever answers at the stored address: a
   * service restarted on the same port under a new peer id got one more connection every ~10 s until the
   * connection manager's limit hung all of them up, its real one too. Such a peer comes back by itself.
   */
  private readonly onPeerDisconnect = (event: CustomEvent<PeerId>): void => {
    const peer = event.detail;
    const { libp2p } = this.light;
    void (async () => {
      const stored = await libp2p.peerStore.get(peer);
      if ([...stored.tags.keys()].some((tag) => REDIALLED_TAGS.has(tag))) return;
      if (libp2p.getConnections(peer).length === 0) await libp2p.peerStore.delete(peer);
    })().catch(() => undefined);
  };

  /** Every valid message on a subscribed shard, once per node (gossipsub drops what it has seen). */
  subscribe(handler: (received: ReceivedMessage) => void): () => void {
    this.messageHandlers.add(handler);
    return () => this.messageHandlers.delete(handler);
  }

  /** Every message the relay validator refused, for counting drops by reason. */
  onRejected(handler: (rejected: RejectedMessage) => void): () => void {
    this.rejectionHandlers.add(handler);
    return () => this.rejectionHandlers.delete(handler);
  }

  async publish(pubsubTopic: string, message: waku.WakuMessage.$Properties): Promise<PublishOutcome> {
    const timestampWindowMs = this.options.timestampWindowMs ?? DEFAULT_TIMESTAMP_WINDOW_MS;
    const encoded = encodePublishable(message, { nowMs: Date.now(), windowMs: timestampWindowMs });
    if (!encoded.ok) return { status: 'invalid', ...encoded.error };
    const hash = messageHashHex(pubsubTopic, message);
    try {
      const { recipients } = await this.relay.publish(pubsubTopic, encoded.value);
      // Gossipsub also reports a send that reached no stream as an empty recipient list.
      if (recipients.length === 0) return { status: 'no-peers', hash };
      this.deliverOwn(pubsubTopic, encoded.value);
      return { status: 'published', hash, peers: recipients.length };
    } catch (error) {
      const failure = expectedPublishFailure(error);
      if (failure === undefined) throw error;
      // A duplicate may be a retry of a publish whose delivery was cut short (a crash): handlers dedup by hash.
      if (failure === 'duplicate') this.deliverOwn(pubsubTopic, encoded.value);
      return { status: failure, hash };
    }
  }

  private deliverOwn(pubsubTopic: string, bytes: Uint8Array): void {
    if (this.options.deliverOwnMessages === true) this.dispatch(pubsubTopic, bytes);
  }

  addShard(shard: number): void {
    // Throws on an invalid index before anything changes.
    const pubsubTopic = pubsubTopicForShard(shard);
    this.shardSet.add(shard);
    if (this.started) this.join(pubsubTopic);
  }

  removeShard(shard: number): void {
    const pubsubTopic = pubsubTopicForShard(shard);
    this.shardSet.delete(shard);
    if (!this.started) return;
    this.relay.unsubscribe(pubsubTopic);
    this.relay.topicValidators.delete(pubsubTopic);
  }

  /**
   * Closes and redials the connections of relay peers that have carried no relay stream for `graceMs`, and
   * returns their peer ids. Gossipsub opens its streams once per connection: when one fails (reset, a negotiation
   * timeout), both ends drop each other from the relay while the connection stays up, and no message flows
   * until a new connection. Peers that do not speak relay (light clients of our Store) are left alone.
   */
  async resetStalledRelayPeers(graceMs = DEFAULT_RELAY_STALL_MS): Promise<string[]> {
    const { libp2p } = this.light;
    const now = Date.now();
    const stalled: { peer: PeerId; addresses: Multiaddr[] }[] = [];
    for (const peer of libp2p.getPeers()) {
      const connections = libp2p.getConnections(peer).filter((connection) => connection.status === 'open');
      const oldest = Math.min(...connections.map((connection) => connection.timeline.open));
      // Younger connections may still be opening their streams.
      if (connections.length === 0 || now - oldest < graceMs) continue;
      const relayStreams = connections
        .flatMap((connection) => connection.streams)
        .filter((stream) => stream.protocol === RELAY_CODEC && stream.status === 'open');
      const both = ['inbound', 'outbound'].every((direction) =>
        relayStreams.some((stream) => stream.direction === direction),
      );
      if (both) continue;
      const stored = await libp2p.peerStore.get(peer).catch(() => undefined);
      if (stored?.protocols.includes(RELAY_CODEC) !== true) continue;
      // Taken now: a peer that dialled us is forgotten once disconnected (onPeerDisconnect).
      stalled.push({
        peer,
        addresses: stored.addresses.map(({ multiaddr }) => multiaddr.encapsulate(`/p2p/${peer}`)),
      });
    }
    await Promise.allSettled(
      stalled.map(async ({ peer, addresses }) => {
        await libp2p.hangUp(peer);
        await libp2p.dial(addresses);
      }),
    );
    return stalled.map(({ peer }) => peer.toString());
  }

  shardPeers(): ShardPeers[] {
    return this.shards.map((shard) => {
      const pubsubTopic = pubsubTopicForShard(shard);
      return {
        shard,
        pubsubTopic,
        meshPeers: this.relay.getMeshPeers(pubsubTopic).length,
        topicPeers: this.relay.getSubscribers(pubsubTopic).length,
      };
    });
  }

  private join(pubsubTopic: string): void {
    this.relay.topicValidators.set(pubsubTopic, this.validate);
    this.relay.subscribe(pubsubTopic);
  }

  private readonly validate = (_peer: unknown, message: Message): TopicValidatorResult => {
    const decoded = decodeRelayed(message.data);
    if (decoded.ok) return TopicValidatorResult.Accept;
    for (const handler of this.rejectionHandlers) handler({ pubsubTopic: message.topic, ...decoded.error });
    return TopicValidatorResult.Reject;
  };

  private readonly onMessage = (event: CustomEvent<Message>): void =>
    this.dispatch(event.detail.topic, event.detail.data);

  private dispatch(pubsubTopic: string, bytes: Uint8Array): void {
    const decoded = decodeRelayed(bytes);
    // Cannot fail: the validator accepted these bytes, or publish encoded them from a checked message.
    if (!decoded.ok) return;
    const received: ReceivedMessage = {
      pubsubTopic,
      message: decoded.value,
      bytes,
      hash: messageHashHex(pubsubTopic, decoded.value),
      receivedAt: Date.now(),
    };
    for (const handler of this.messageHandlers) handler(received);
  }
}

/**
 * Builds (does not start) a node: TCP and websockets, no default bootstrap, our relay as the `pubsub` service and our
 * metadata service announcing its shards.
 */
export const createWakuNode = async (options: WakuNodeOptions = {}): Promise<WakuNode> => {
  const shards = new Set(options.shards ?? DEFAULT_SHARDS);
  const invalid = [...shards].filter((shard) => !isShardIndex(shard));
  if (invalid.length > 0) throw new RangeError(`invalid shard indices: ${invalid.join(', ')}`);
  // Without a key of its own the node still takes a secp256k1 one (libp2p's default is Ed25519): an ENR, what
  // peer exchange hands out, can only be signed with secp256k1 (nwaku's node ids are secp256k1 too).
  const privateKey = nodeKeyFromHex(options.privateKey ?? (await generateNodeKey()));
  if (privateKey === undefined)
    throw new RangeError('privateKey is not a secp256k1 private key of 64 hex digits');
  let relay: GossipSub | undefined;
  const light = await createLightNode({
    // defaultBootstrap would join Waku's own fleets on cluster 1, not Status.
    defaultBootstrap: false,
    autoStart: false,
    networkConfig: { clusterId: STATUS_CLUSTER_ID },
    connectionManager: {
      maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
      failedDialCooldown: (options.redialDelayMs ?? DEFAULT_REDIAL_DELAY_MS) / 1_000,
    },
    libp2p: {
      // libp2p starts on creation by default; start() starts it, so building a node opens nothing.
      start: false,
      privateKey,
      // libp2p refuses more than 5 inbound connections a second from one host: on a devnet, where every peer is
      // 127.0.0.1, services (re)starting together would be refused and redialled only after redialDelayMs.
      connectionManager: {
        allow: [...LOOPBACK_MULTIADDRS],
        maxConnections: Math.max(LIBP2P_MAX_CONNECTIONS, options.maxConnections ?? DEFAULT_MAX_CONNECTIONS),
      },
      hideWebSocketInfo: true,
      addresses: {
        listen: [...(options.listen ?? DEFAULT_LISTEN)],
        appendAnnounce: [...(options.announce ?? [])],
      },
      // Websockets only listen where `listen` has a /ws address; dialing them needs no listener.
      transports: [tcp(), webSockets()],
      peerDiscovery: options.enrTrees?.length ? [wakuDnsDiscovery([...options.enrTrees])] : [],
      services: {
        pubsub: (components) => (relay = createRelay(components)),
        metadata: (components) => new ShardMetadataService(components, () => [...shards]),
      },
    },
  });
  if (relay === undefined) throw new Error('libp2p did not create the relay service');
  return new WakuNode(light, relay, shards, options, privateKey.raw);
};
