import type { IncomingStreamData } from '@libp2p/interface';
import { waku } from '@status-communities/proto';
import type { ExchangeEnd } from '../exchange.js';
import {
  DEFAULT_MAX_STREAMS_PER_PEER,
  DEFAULT_REQUEST_TIMEOUT_MS,
  OVERSIZE,
  answerExchange,
} from '../exchange.js';
import { DEFAULT_TIMESTAMP_WINDOW_MS } from '../limits.js';
import type { Rate } from '../rate-limit.js';
import { PeerRateLimiter } from '../rate-limit.js';
import type { WakuNode } from '../waku-node.js';
import {
  DEFAULT_LIGHTPUSH_RATE,
  LIGHTPUSH_V2_CODEC,
  LIGHTPUSH_V3_CODEC,
  LightPushStatus,
  MAX_LIGHTPUSH_REQUEST_BYTES,
} from './lightpush-protocol.js';
import type { LightPushRefusal, LightPushRequest } from './lightpush-request.js';
import {
  LightPushRefusalReason,
  admitPush,
  parseLightPushV2,
  parseLightPushV3,
} from './lightpush-request.js';

/** A rule of ours beyond the protocol's (a Status payload must be signed, say); refused pushes get 420. */
export type LightPushCheck = (
  request: LightPushRequest,
) =>
  | { ok: true }
  | { ok: false; error: { reason: string; detail: string } }
  | Promise<{ ok: true } | { ok: false; error: { reason: string; detail: string } }>;

export interface LightPushServiceOptions {
  /** Pushes one peer may make. Default 10 a second, bursts of 10 (nwaku's). */
  readonly rate?: Rate;
  /** How far a pushed message's timestamp may be from now. Default 20 s. */
  readonly timestampWindowMs?: number;
  readonly check?: LightPushCheck;
  /** Deadline, from a stream's opening, for its request (the stock client opens streams ahead). Default 5 min. */
  readonly requestTimeoutMs?: number;
  /** Deadline to send a response. Default 5 s. */
  readonly streamTimeoutMs?: number;
  /** Push streams one peer may have open. Default 32 (js-libp2p's). */
  readonly maxStreamsPerPeer?: number;
  /** Unix ms; the timestamp window and the rate limit read it. Default Date.now. */
  readonly clock?: () => number;
  /** Once per stream, for logs and metrics. Must not throw. */
  readonly onServed?: (served: ServedLightPush) => void;
}

export interface ServedLightPush extends ExchangeEnd {
  readonly version: 2 | 3;
  readonly requestId: string;
  /** The v3 status code (v2 answers carry is_success and the same text). Absent when no response went out. */
  readonly statusCode?: number;
  /** `published`, `duplicate`, `no_peers` or why the push was refused (a LightPushRefusalReason or DropReason). */
  readonly outcome: string;
  readonly statusDesc: string;
  /** 14/WAKU2-MESSAGE hash of a message that reached relay. */
  readonly hash?: string;
  readonly relayPeers?: number;
}

export interface LightPushService {
  close(): Promise<void>;
}

interface Answer {
  readonly requestId: string;
  readonly statusCode: LightPushStatus;
  readonly outcome: string;
  readonly statusDesc: string;
  readonly hash?: string;
  readonly relayPeers?: number;
}

const DEFAULT_STREAM_TIMEOUT_MS = 5_000;

const refused = (refusal: LightPushRefusal): Answer => ({
  requestId: refusal.requestId,
  statusCode: refusal.statusCode,
  outcome: refusal.reason,
  statusDesc: refusal.description,
});

const encodeV3 = (answer: Answer): Uint8Array =>
  waku.lightpush.LightPushResponseV3.encode({
    requestId: answer.requestId,
    statusCode: answer.statusCode,
    statusDesc: answer.statusDesc,
    ...(answer.relayPeers !== undefined && { relayPeerCount: answer.relayPeers }),
  }).finish();

const encodeV2 = (answer: Answer): Uint8Array =>
  waku.lightpush.PushRpc.encode({
    requestId: answer.requestId,
    response: { isSuccess: answer.statusCode === LightPushStatus.SUCCESS, info: answer.statusDesc },
  }).finish();

/**
 * Serves 19/WAKU2-LIGHTPUSH v3 (`/vac/waku/lightpush/3.0.0`) and v2 (`/vac/waku/lightpush/2.0.0-beta1`):
 * a light client's message, checked as this node checks what it publishes itself, goes out on relay; the answer
 * carries the v3 status code (v2: is_success and the same text). A pushed message is published as the node's own,
 * so it reaches the node's subscribe handlers (with deliverOwnMessages) exactly as relayed ones do.
 */
export const serveLightPush = async (
  node: WakuNode,
  options: LightPushServiceOptions = {},
): Promise<LightPushService> => {
  const libp2p = node.light.libp2p;
  const clock = options.clock ?? Date.now;
  const limiter = new PeerRateLimiter(options.rate ?? DEFAULT_LIGHTPUSH_RATE);
  const streamTimeoutMs = options.streamTimeoutMs ?? DEFAULT_STREAM_TIMEOUT_MS;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const windowMs = options.timestampWindowMs ?? DEFAULT_TIMESTAMP_WINDOW_MS;

  const answer = async (
    peer: string,
    request: Uint8Array | typeof OVERSIZE,
    parse: typeof parseLightPushV3,
  ): Promise<Answer> => {
    if (request === OVERSIZE)
      return {
        requestId: '',
        statusCode: LightPushStatus.PAYLOAD_TOO_LARGE,
        outcome: 'oversize',
        statusDesc: `request exceeds ${MAX_LIGHTPUSH_REQUEST_BYTES} bytes`,
      };
    const parsed = parse(request);
    if (!parsed.ok) return refused(parsed.error);
    const push = parsed.value;
    const nowMs = clock();
    if (!limiter.take(peer, nowMs))
      return {
        requestId: push.requestId,
        statusCode: LightPushStatus.TOO_MANY_REQUESTS,
        outcome: LightPushRefusalReason.RATE_LIMITED,
        statusDesc: 'rate limit exceeded',
      };
    const admitted = admitPush(push, node.shards, { nowMs, windowMs });
    if (!admitted.ok) return refused(admitted.error);
    const ours = options.check === undefined ? { ok: true as const } : await options.check(push);
    if (!ours.ok)
      return {
        requestId: push.requestId,
        statusCode: LightPushStatus.INVALID_MESSAGE,
        outcome: ours.error.reason,
        statusDesc: ours.error.detail,
      };
    const published = await node.publish(push.pubsubTopic, push.message);
    switch (published.status) {
      case 'published':
        return {
          requestId: push.requestId,
          statusCode: LightPushStatus.SUCCESS,
          outcome: 'published',
          statusDesc: 'OK',
          hash: published.hash,
          relayPeers: published.peers,
        };
      case 'duplicate':
        // Relay has these bytes already (pushed before, or relayed to us): the message is out there.
        return {
          requestId: push.requestId,
          statusCode: LightPushStatus.SUCCESS,
          outcome: 'duplicate',
          statusDesc: 'already relayed',
          hash: published.hash,
        };
      case 'no-peers':
        return {
          requestId: push.requestId,
          statusCode: LightPushStatus.NO_PEERS_TO_RELAY,
          outcome: 'no_peers',
          statusDesc: 'no relay peers on the shard',
          hash: published.hash,
        };
      case 'invalid':
        return {
          requestId: push.requestId,
          statusCode: LightPushStatus.INVALID_MESSAGE,
          outcome: published.reason,
          statusDesc: published.detail,
        };
    }
  };

  const handler =
    (version: 2 | 3) =>
    (data: IncomingStreamData): void => {
      const peer = data.connection.remotePeer.toString();
      let given: Answer | undefined;
      void answerExchange(
        data,
        { maxRequestBytes: MAX_LIGHTPUSH_REQUEST_BYTES, requestTimeoutMs, streamTimeoutMs },
        async (request) => {
          try {
            given = await answer(peer, request, version === 3 ? parseLightPushV3 : parseLightPushV2);
          } catch (error) {
            given = {
              requestId: '',
              statusCode: LightPushStatus.INTERNAL_SERVER_ERROR,
              outcome: 'internal_error',
              statusDesc: error instanceof Error ? error.message : String(error),
            };
          }
          return version === 3 ? encodeV3(given) : encodeV2(given);
        },
      ).then((end) =>
        options.onServed?.({
          ...end,
          version,
          requestId: given?.requestId ?? '',
          outcome: given?.outcome ?? 'no_request',
          statusDesc: given?.statusDesc ?? '',
          ...(given !== undefined && end.error === undefined && { statusCode: given.statusCode }),
          ...(given?.hash !== undefined && { hash: given.hash }),
          ...(given?.relayPeers !== undefined && { relayPeers: given.relayPeers }),
        }),
      );
    };

  const streams = { maxInboundStreams: options.maxStreamsPerPeer ?? DEFAULT_MAX_STREAMS_PER_PEER };
  await libp2p.handle(LIGHTPUSH_V3_CODEC, handler(3), streams);
  await libp2p.handle(LIGHTPUSH_V2_CODEC, handler(2), streams);
  const prune = setInterval(() => limiter.prune(clock()), 60_000).unref();
  return {
    close: async () => {
      clearInterval(prune);
      await libp2p.unhandle([LIGHTPUSH_V3_CODEC, LIGHTPUSH_V2_CODEC]);
    },
  };
};
