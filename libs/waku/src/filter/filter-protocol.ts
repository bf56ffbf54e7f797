/** 12/WAKU2-FILTER v2: subscriber → service node, one FilterSubscribeRequest and one response per stream. */
export const FILTER_SUBSCRIBE_CODEC = '/vac/waku/filter-subscribe/2.0.0-beta1';

/** 12/WAKU2-FILTER v2: service node → subscriber, MessagePush frames. */
export const FILTER_PUSH_CODEC = '/vac/waku/filter-push/2.0.0-beta1';

/** 12/WAKU2-FILTER v2 status codes (HTTP's). */
export const FilterStatus = {
  OK: 200,
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type FilterStatus = (typeof FilterStatus)[keyof typeof FilterStatus];

/**
 * The limits nwaku's filter service has (waku_filter_v2): at most 100 content topics in one request (more is a
 * bad request), 1000 subscribed peers (more: the service is unavailable), 1000 (pubsub topic, content topic)
 * criteria per peer, and a subscription that is neither pinged nor renewed for 5 minutes expires. A peer past its
 * criteria gets 503 too, as from nwaku and go-waku: there 429 means a request rate limit, which a client backs
 * off from and retries, while a subscription limit does not lift by retrying.
 */
export const FilterLimits = {
  MAX_CONTENT_TOPICS_PER_REQUEST: 100,
  MAX_SUBSCRIBERS: 1_000,
  MAX_CRITERIA_PER_SUBSCRIBER: 1_000,
  SUBSCRIPTION_TTL_MS: 5 * 60_000,
} as const;

/** A request is a pubsub topic and at most 100 content topics; more is refused unread. */
export const MAX_FILTER_REQUEST_BYTES = 64 * 1024;
