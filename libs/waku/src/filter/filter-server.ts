import type { Connection, Stream } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import type { LengthPrefixedStream } from 'it-length-prefixed-stream';
import { lpStream } from 'it-length-prefixed-stream';
import { waku } from '@status-communities/proto';
import type { ExchangeEnd } from '../exchange.js';
import {
  DEFAULT_MAX_STREAMS_PER_PEER,
  DEFAULT_REQUEST_TIMEOUT_MS,
  OVERSIZE,
  answerExchange,
} from '../exchange.js';
import { shardOfPubsubTopic } from '../pubsub-topic.js';
import type { ReceivedMessage, WakuNode } from '../waku-node.js';
import {
  FILTER_PUSH_CODEC,
  FILTER_SUBSCRIBE_CODEC,
  FilterLimits,
  FilterStatus,
  MAX_FILTER_REQUEST_BYTES,
} from './filter-protocol.js';
import type { FilterRequestType } from './filter-request.js';
import { encodeFilterResponse, parseFilterRequest } from './filter-request.js';
import type { SubscriptionLimits } from './filter-subscriptions.js';
import { DEFAULT_SUBSCRIPTION_LIMITS, FilterSubscriptions } from './filter-subscriptions.js';

export interface FilterServiceOptions {
  readonly limits?: Partial<SubscriptionLimits>;
  /** Content topics one request may name. Default 100 (nwaku's). */
  readonly maxContentTopicsPerRequest?: number;
  /** Deadline, from a stream's opening, for its request (the stock client opens streams ahead). Default 5 min. */
  readonly requestTimeoutMs?: number;
  /** Deadline to send a response, and to open a push stream. Default 5 s. */
  readonly streamTimeoutMs?: number;
  /** Pushes waiting for one subscriber; past it the newest are dropped. Default 256. */
  readonly maxPendingPushes?: number;
  /** Subscribe streams one peer may have open. Default 32 (js-libp2p's). */
  readonly maxStreamsPerPeer?: number;
  /** Unix ms; expiry reads it. Default Date.now. */
  readonly clock?: () => number;
  /** Once per request stream, for logs and metrics. Must not throw. */
  readonly onRequest?: (served: ServedFilterRequest) => void;
  /** Once per message and subscriber. Must not throw. */
  readonly onPush?: (push: FilterPush) => void;
  /** Subscribers dropped: idle past the TTL, or unreachable for a push. Must not throw. */
  readonly onDropped?: (dropped: { peer: string; reason: 'expired' | 'unreachable' }) => void;
}

export interface ServedFilterRequest extends ExchangeEnd {
  /** Absent when the request did not decode. */
  readonly type?: FilterRequestType;
  readonly requestId: string;
  /** Absent when no response went out. */
  readonly statusCode?: number;
  readonly statusDesc?: string;
}

export interface FilterPush {
  readonly peer: string;
  readonly hash: string;
  /** `overflow`: the subscriber's queue was full; `failed`: no stream to it, or the write failed. */
  readonly outcome: 'pushed' | 'overflow' | 'failed';
  /** From the message's arrival at this node to the push written. */
  readonly latencyMs: number;
}

export interface FilterService {
  readonly subscriptions: { readonly subscribers: number; readonly criteria: number };
  /** Stops taking requests and pushing; drops every subscription. */
  close(): Promise<void>;
}

const DEFAULT_STREAM_TIMEOUT_MS = 5_000;
const DEFAULT_MAX_PENDING_PUSHES = 256;

/** One subscriber's push stream, opened on first use and kept: the stock client reads many pushes from one. */
class Pusher {
  private stream: { raw: Stream; frames: LengthPrefixedStream } | undefined;
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(
    private readonly connectionTo: () => Connection | undefined,
    private readonly timeoutMs: number,
    private readonly maxPending: number,
  ) {}

  /** Resolves to the outcome once written; never rejects. */
  push(frame: Uint8Array): Promise<'pushed' | 'overflow' | 'failed'> {
    if (this.pending >= this.maxPending) return Promise.resolve('overflow');
    this.pending++;
    const written = this.queue.then(() => this.write(frame));
    this.queue = written.then(() => undefined);
    return written.finally(() => this.pending--);
  }

  close(): void {
    this.stream?.raw.abort(new Error('filter subscription ended'));
    this.stream = undefined;
  }

  private async write(frame: Uint8Array): Promise<'pushed' | 'failed'> {
    try {
      const signal = AbortSignal.timeout(this.timeoutMs);
      if (this.stream === undefined || this.stream.raw.status !== 'open') {
        // Only over a connection the subscriber keeps: light clients (browsers) cannot be dialled back.
        const connection = this.connectionTo();
        if (connection === undefined) return 'failed';
        const raw = await connection.newStream(FILTER_PUSH_CODEC, { signal });
        this.stream = { raw, frames: lpStream(raw) };
      }
      await this.stream.frames.write(frame, { signal });
      return 'pushed';
    } catch (error) {
      this.stream?.raw.abort(error instanceof Error ? error : new Error(String(error)));
      this.stream = undefined;
      return 'failed';
    }
  }
}

/**
 * Serves 12/WAKU2-FILTER v2 on the node's libp2p: subscribe, unsubscribe, unsubscribe-all and ping on
 * `/vac/waku/filter-subscribe/2.0.0-beta1`, and pushes every message the node relays (or publishes itself) to
 * the peers subscribed to its pubsub and content topic, on `/vac/waku/filter-push/2.0.0-beta1`. Only shards the
 * node relays can be subscribed to: it would never see anything on others.
 */
export const serveFilter = async (
  node: WakuNode,
  options: FilterServiceOptions = {},
): Promise<FilterService> => {
  const libp2p = node.light.libp2p;
  const clock = options.clock ?? Date.now;
  const limits = { ...DEFAULT_SUBSCRIPTION_LIMITS, ...options.limits };
  const streamTimeoutMs = options.streamTimeoutMs ?? DEFAULT_STREAM_TIMEOUT_MS;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const maxContentTopics = options.maxContentTopicsPerRequest ?? FilterLimits.MAX_CONTENT_TOPICS_PER_REQUEST;
  const subscriptions = new FilterSubscriptions(limits);
  const pushers = new Map<string, Pusher>();

  const drop = (peer: string, reason: 'expired' | 'unreachable'): void => {
    subscriptions.remove(peer);
    pushers.get(peer)?.close();
    pushers.delete(peer);
    options.onDropped?.({ peer, reason });
  };
  const pusherOf = (peer: string): Pusher => {
    let pusher = pushers.get(peer);
    if (pusher === undefined) {
      const peerId = peerIdFromString(peer);
      pusher = new Pusher(
        () => libp2p.getConnections(peerId).find((connection) => connection.status === 'open'),
        streamTimeoutMs,
        options.maxPendingPushes ?? DEFAULT_MAX_PENDING_PUSHES,
      );
      pushers.set(peer, pusher);
    }
    return pusher;
  };

  const respond = (peer: string, request: Uint8Array | typeof OVERSIZE) => {
    if (request === OVERSIZE)
      return {
        requestId: '',
        statusCode: FilterStatus.BAD_REQUEST,
        statusDesc: `request exceeds ${MAX_FILTER_REQUEST_BYTES} bytes`,
      };
    const parsed = parseFilterRequest(request, maxContentTopics);
    if (!parsed.ok)
      return {
        requestId: parsed.error.requestId,
        ...(parsed.error.type !== undefined && { type: parsed.error.type }),
        statusCode: parsed.error.statusCode,
        statusDesc: parsed.error.description,
      };
    const parsedRequest = parsed.value;
    const { requestId, type } = parsedRequest;
    const now = clock();
    let outcome;
    switch (parsedRequest.type) {
      case 'ping':
        outcome = subscriptions.ping(peer, now);
        break;
      case 'unsubscribe-all':
        outcome = subscriptions.unsubscribeAll(peer);
        break;
      case 'subscribe': {
        const shard = shardOfPubsubTopic(parsedRequest.pubsubTopic);
        if (shard === undefined || !node.shards.includes(shard))
          return {
            requestId,
            type,
            statusCode: FilterStatus.BAD_REQUEST,
            statusDesc: `pubsub topic ${parsedRequest.pubsubTopic} is not relayed by this node`,
          };
        outcome = subscriptions.subscribe(peer, parsedRequest.pubsubTopic, parsedRequest.contentTopics, now);
        break;
      }
      case 'unsubscribe':
        outcome = subscriptions.unsubscribe(
          peer,
          parsedRequest.pubsubTopic,
          parsedRequest.contentTopics,
          now,
        );
        break;
    }
    if (!subscriptions.has(peer)) {
      pushers.get(peer)?.close();
      pushers.delete(peer);
    }
    return outcome.ok
      ? { requestId, type, statusCode: FilterStatus.OK, statusDesc: 'OK' }
      : { requestId, type, statusCode: outcome.error.statusCode, statusDesc: outcome.error.description };
  };

  await libp2p.handle(
    FILTER_SUBSCRIBE_CODEC,
    (data) => {
      const peer = data.connection.remotePeer.toString();
      let answer: ReturnType<typeof respond> | undefined;
      void answerExchange(
        data,
        { maxRequestBytes: MAX_FILTER_REQUEST_BYTES, requestTimeoutMs, streamTimeoutMs },
        async (request) => {
          answer = respond(peer, request);
          return encodeFilterResponse(answer.requestId, answer.statusCode, answer.statusDesc);
        },
      ).then((end) =>
        options.onRequest?.({
          ...end,
          requestId: answer?.requestId ?? '',
          ...(answer !== undefined && 'type' in answer && { type: answer.type }),
          ...(answer !== undefined &&
            end.error === undefined && {
              statusCode: answer.statusCode,
              statusDesc: answer.statusDesc,
            }),
        }),
      );
    },
    { maxInboundStreams: options.maxStreamsPerPeer ?? DEFAULT_MAX_STREAMS_PER_PEER },
  );

  const onMessage = (received: ReceivedMessage): void => {
    const peers = subscriptions.subscribersOf(received.pubsubTopic, received.message.contentTopic);
    if (peers.size === 0) return;
    const frame = waku.filter.v2.MessagePush.encode({
      wakuMessage: received.message,
      pubsubTopic: received.pubsubTopic,
    }).finish();
    for (const peer of peers)
      void pusherOf(peer)
        .push(frame)
        .then((outcome) => {
          if (outcome === 'failed' && subscriptions.has(peer)) drop(peer, 'unreachable');
          options.onPush?.({
            peer,
            hash: received.hash,
            outcome,
            latencyMs: Date.now() - received.receivedAt,
          });
        });
  };
  const unsubscribe = node.subscribe(onMessage);

  // A tenth of the TTL: a subscriber outlives it by at most that.
  const expiry = setInterval(
    () => {
      for (const peer of subscriptions.expire(clock())) drop(peer, 'expired');
    },
    Math.max(1_000, limits.ttlMs / 10),
  ).unref();

  return {
    get subscriptions() {
      return subscriptions.size;
    },
    close: async () => {
      clearInterval(expiry);
      unsubscribe();
      await libp2p.unhandle(FILTER_SUBSCRIBE_CODEC);
      for (const peer of [...pushers.keys()]) {
        pushers.get(peer)?.close();
        subscriptions.remove(peer);
      }
      pushers.clear();
    },
  };
};
