import { MAX_MESSAGE_BYTES } from '../limits.js';

/** 19/WAKU2-LIGHTPUSH v3: one LightPushRequestV3 and one LightPushResponseV3 per stream. */
export const LIGHTPUSH_V3_CODEC = '/vac/waku/lightpush/3.0.0';

/** The legacy v2 (PushRpc), which the stock @waku/sdk 0.0.36 client still uses with a peer announcing only it. */
export const LIGHTPUSH_V2_CODEC = '/vac/waku/lightpush/2.0.0-beta1';

/** 19/WAKU2-LIGHTPUSH v3 status codes. */
export const LightPushStatus = {
  SUCCESS: 200,
  BAD_REQUEST: 400,
  PAYLOAD_TOO_LARGE: 413,
  INVALID_MESSAGE: 420,
  UNSUPPORTED_PUBSUB_TOPIC: 421,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_NOT_AVAILABLE: 503,
  NO_PEERS_TO_RELAY: 505,
} as const;

export type LightPushStatus = (typeof LightPushStatus)[keyof typeof LightPushStatus];

/** The largest message the fleet relays plus the request's own fields; past it a request is refused unread. */
export const MAX_LIGHTPUSH_REQUEST_BYTES = MAX_MESSAGE_BYTES + 4 * 1024;

/** nwaku's default light-push rate limit for one peer: 10 requests a second (bursts of 10). */
export const DEFAULT_LIGHTPUSH_RATE = { perSecond: 10, burst: 10 } as const;
