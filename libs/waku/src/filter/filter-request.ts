import { decodeProto, waku } from '@status-communities/proto';
import { FilterLimits, FilterStatus } from './filter-protocol.js';
import type { SubscriptionRefusal } from './filter-subscriptions.js';

const Type = waku.filter.v2.FilterSubscribeRequest.FilterSubscribeType;

/** A FilterSubscribeRequest that passed the protocol's rules. */
export type FilterRequest =
  | { readonly requestId: string; readonly type: 'ping' | 'unsubscribe-all' }
  | {
      readonly requestId: string;
      readonly type: 'subscribe' | 'unsubscribe';
      readonly pubsubTopic: string;
      readonly contentTopics: readonly string[];
    };

export type FilterRequestType = FilterRequest['type'];

/** A request refused before it reached the subscriptions; `requestId` is empty when it did not decode. */
export interface FilterRequestRejection extends SubscriptionRefusal {
  readonly requestId: string;
  /** Absent when the request did not decode or named no known type. */
  readonly type?: FilterRequestType;
}

type Parsed = { ok: true; value: FilterRequest } | { ok: false; error: FilterRequestRejection };

const badRequest = (requestId: string, description: string, type?: FilterRequestType): Parsed => ({
  ok: false,
  error: {
    requestId,
    statusCode: FilterStatus.BAD_REQUEST,
    description,
    ...(type !== undefined && { type }),
  },
});

/** Bytes from a subscriber to a request, or the reason for a 400. Never throws. */
export const parseFilterRequest = (
  bytes: Uint8Array,
  maxContentTopics: number = FilterLimits.MAX_CONTENT_TOPICS_PER_REQUEST,
): Parsed => {
  const decoded = decodeProto<waku.filter.v2.FilterSubscribeRequest>(
    waku.filter.v2.FilterSubscribeRequest,
    bytes,
  );
  if (!decoded.ok) return badRequest('', decoded.error.message);
  const { requestId, filterSubscribeType, pubsubTopic, contentTopics } = decoded.value;
  switch (filterSubscribeType) {
    case Type.SUBSCRIBER_PING:
      return { ok: true, value: { requestId, type: 'ping' } };
    case Type.UNSUBSCRIBE_ALL:
      return { ok: true, value: { requestId, type: 'unsubscribe-all' } };
    case Type.SUBSCRIBE:
    case Type.UNSUBSCRIBE: {
      const type = filterSubscribeType === Type.SUBSCRIBE ? 'subscribe' : 'unsubscribe';
      if (!pubsubTopic) return badRequest(requestId, 'pubsub_topic is required', type);
      if (contentTopics.length === 0) return badRequest(requestId, 'content_topics is empty', type);
      if (contentTopics.some((topic) => topic === ''))
        return badRequest(requestId, 'a content topic is empty', type);
      if (contentTopics.length > maxContentTopics)
        return badRequest(
          requestId,
          `${contentTopics.length} content topics, at most ${maxContentTopics}`,
          type,
        );
      return { ok: true, value: { requestId, type, pubsubTopic, contentTopics } };
    }
    default:
      return badRequest(requestId, `unknown filter_subscribe_type ${String(filterSubscribeType)}`);
  }
};

export const encodeFilterResponse = (
  requestId: string,
  statusCode: FilterStatus,
  statusDesc: string,
): Uint8Array =>
  waku.filter.v2.FilterSubscribeResponse.encode({ requestId, statusCode, statusDesc }).finish();
