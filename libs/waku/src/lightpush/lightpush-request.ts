import { decodeProto, waku } from '@status-communities/proto';
import type { MessageCheck } from '../limits.js';
import { DropReason, checkPublishable } from '../limits.js';
import { shardOfPubsubTopic } from '../pubsub-topic.js';
import { LightPushStatus } from './lightpush-protocol.js';

/** A push request either version carried. */
export interface LightPushRequest {
  readonly requestId: string;
  readonly pubsubTopic: string;
  readonly message: waku.WakuMessage;
}

/** Why a push is refused: the v3 status code, a reason for metrics, a description for the peer. */
export interface LightPushRefusal {
  readonly requestId: string;
  readonly statusCode: LightPushStatus;
  /** A DropReason, or what else the request broke; stable metric label values. */
  readonly reason: string;
  readonly description: string;
}

type Parsed = { ok: true; value: LightPushRequest } | { ok: false; error: LightPushRefusal };

export const LightPushRefusalReason = {
  MALFORMED: 'malformed',
  NO_MESSAGE: 'no_message',
  NO_PUBSUB_TOPIC: 'no_pubsub_topic',
  FOREIGN_SHARD: 'foreign_shard',
  RATE_LIMITED: 'rate_limited',
} as const;

const refuse = (
  requestId: string,
  statusCode: LightPushStatus,
  reason: string,
  description: string,
): { ok: false; error: LightPushRefusal } => ({
  ok: false,
  error: { requestId, statusCode, reason, description },
});

const checked = (
  requestId: string,
  pubsubTopic: string | null | undefined,
  message: waku.IWakuMessage | null | undefined,
): Parsed => {
  if (message === null || message === undefined)
    return refuse(
      requestId,
      LightPushStatus.BAD_REQUEST,
      LightPushRefusalReason.NO_MESSAGE,
      'message is required',
    );
  // Status uses static sharding: a service node cannot place a message whose request names no shard.
  if (!pubsubTopic)
    return refuse(
      requestId,
      LightPushStatus.BAD_REQUEST,
      LightPushRefusalReason.NO_PUBSUB_TOPIC,
      'pubsub_topic is required',
    );
  return { ok: true, value: { requestId, pubsubTopic, message: waku.WakuMessage.create(message) } };
};

/** A LightPushRequestV3 from a peer, or the reason for its 400. Never throws. */
export const parseLightPushV3 = (bytes: Uint8Array): Parsed => {
  const decoded = decodeProto<waku.lightpush.LightPushRequestV3>(waku.lightpush.LightPushRequestV3, bytes);
  if (!decoded.ok)
    return refuse('', LightPushStatus.BAD_REQUEST, LightPushRefusalReason.MALFORMED, decoded.error.message);
  const { requestId, pubsubTopic, message } = decoded.value;
  return checked(requestId, pubsubTopic, message);
};

/** A v2 PushRpc request from a peer, or the reason for its refusal. Never throws. */
export const parseLightPushV2 = (bytes: Uint8Array): Parsed => {
  const decoded = decodeProto<waku.lightpush.PushRpc>(waku.lightpush.PushRpc, bytes);
  if (!decoded.ok)
    return refuse('', LightPushStatus.BAD_REQUEST, LightPushRefusalReason.MALFORMED, decoded.error.message);
  const { requestId, request } = decoded.value;
  if (request === null || request === undefined)
    return refuse(
      requestId,
      LightPushStatus.BAD_REQUEST,
      LightPushRefusalReason.MALFORMED,
      'request is required',
    );
  return checked(requestId, request.pubsubTopic, request.message);
};

/** 413 for size, 420 for any other rule a published message breaks. */
const statusOf = (reason: DropReason): LightPushStatus =>
  reason === DropReason.OVERSIZE ? LightPushStatus.PAYLOAD_TOO_LARGE : LightPushStatus.INVALID_MESSAGE;

/**
 * What this node relays from a light client: a shard it serves (421 otherwise), then what it would publish
 * itself — at most 150 KiB, a content topic and payload, version 1, a timestamp within the window (413/420).
 */
export const admitPush = (
  request: LightPushRequest,
  servedShards: readonly number[],
  clock: { nowMs: number; windowMs?: number },
): { ok: true } | { ok: false; error: LightPushRefusal } => {
  const shard = shardOfPubsubTopic(request.pubsubTopic);
  if (shard === undefined || !servedShards.includes(shard))
    return refuse(
      request.requestId,
      LightPushStatus.UNSUPPORTED_PUBSUB_TOPIC,
      LightPushRefusalReason.FOREIGN_SHARD,
      `pubsub topic ${request.pubsubTopic} is not relayed by this node`,
    );
  const bytes = waku.WakuMessage.encode(request.message).finish().length;
  const publishable: MessageCheck = checkPublishable(request.message, bytes, clock);
  if (!publishable.ok)
    return refuse(
      request.requestId,
      statusOf(publishable.error.reason),
      publishable.error.reason,
      publishable.error.detail,
    );
  return { ok: true };
};
