import { MAX_MESSAGE_BYTES } from '../limits.js';

/** 13/WAKU2-STORE v3 protocol id: one length-prefixed StoreQueryRequest, one StoreQueryResponse, per stream. */
export const STORE_QUERY_CODEC = '/vac/waku/store-query/3.0.0';

/** Page size when a request sets none (nwaku's; the spec leaves it to the service node). */
export const DEFAULT_PAGE_SIZE = 20;

/** Larger page limits are lowered to this (13/WAKU2-STORE v3: the service node applies its own maximum). */
export const MAX_PAGE_SIZE = 100;

/** nwaku refuses a query with more content topics than this ("too many content topics"). */
export const MAX_CONTENT_TOPICS = 10;

/** A request is a few topics, a time range and at most a few hundred hashes; more is refused unread. */
export const MAX_REQUEST_BYTES = 64 * 1024;

/** A full page of the largest messages the fleet relays, plus framing. */
export const MAX_RESPONSE_BYTES = MAX_PAGE_SIZE * MAX_MESSAGE_BYTES + 64 * 1024;

/** 13/WAKU2-STORE v3 status codes (HTTP's): 2xx success, anything else a failed query. */
export const StoreStatus = {
  OK: 200,
  BAD_REQUEST: 400,
  INTERNAL_ERROR: 500,
} as const;

export type StoreStatus = (typeof StoreStatus)[keyof typeof StoreStatus];
