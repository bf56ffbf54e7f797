import { proto_store } from '@waku/proto';
import type { Result } from '@status-communities/errors';
import { err, ok } from '@status-communities/errors';
import type { ArchiveQuery } from './archive.js';
import { hashToHex } from './store-message.js';
import { DEFAULT_PAGE_SIZE, MAX_CONTENT_TOPICS, MAX_PAGE_SIZE } from './store-protocol.js';

/** A StoreQueryRequest the archive can answer. */
export interface StoreRequest {
  readonly requestId: string;
  /** False: hashes only (13/WAKU2-STORE v3 default). */
  readonly includeData: boolean;
  readonly query: ArchiveQuery;
}

/** Why a request is answered with status 400; `requestId` is empty when the request did not decode. */
export interface StoreRequestRejection {
  readonly requestId: string;
  readonly description: string;
}

const HASH_BYTES = 32;

const reject = (requestId: string, description: string): Result<never, StoreRequestRejection> =>
  err({ requestId, description });

/** 13/WAKU2-STORE v3: an unset or zero limit takes the default, a larger one the maximum. */
const pageLimit = (requested: bigint | undefined): number => {
  if (requested === undefined || requested === 0n) return DEFAULT_PAGE_SIZE;
  return requested > BigInt(MAX_PAGE_SIZE) ? MAX_PAGE_SIZE : Number(requested);
};

/** The 400 cases of 13/WAKU2-STORE v3 and of our bounds, in the order a client would fix them. */
const firstProblem = (request: proto_store.StoreQueryRequest): string | undefined => {
  const hasContentFilter =
    request.pubsubTopic !== undefined ||
    request.contentTopics.length > 0 ||
    request.timeStart !== undefined ||
    request.timeEnd !== undefined;
  if (request.messageHashes.length > 0 && hasContentFilter)
    return 'a message hash lookup cannot also filter by pubsub topic, content topics or time';
  if ((request.pubsubTopic === undefined) !== (request.contentTopics.length === 0))
    return 'pubsub_topic and content_topics must be set together';
  if (request.pubsubTopic === '') return 'pubsub_topic is empty';
  if (request.contentTopics.some((topic) => topic === '')) return 'a content topic is empty';
  if (request.contentTopics.length > MAX_CONTENT_TOPICS)
    return `${request.contentTopics.length} content topics, at most ${MAX_CONTENT_TOPICS}`;
  if (request.timeStart !== undefined && request.timeEnd !== undefined && request.timeStart > request.timeEnd)
    return 'time_start is after time_end';
  if (request.messageHashes.some((hash) => hash.length !== HASH_BYTES))
    return `message hashes must be ${HASH_BYTES} bytes`;
  if (request.paginationCursor !== undefined && request.paginationCursor.length !== HASH_BYTES)
    return `pagination_cursor must be a ${HASH_BYTES}-byte message hash`;
  return undefined;
};

const toArchiveQuery = (request: proto_store.StoreQueryRequest): ArchiveQuery => ({
  contentTopics: request.contentTopics,
  forward: request.paginationForward,
  limit: pageLimit(request.paginationLimit),
  ...(request.pubsubTopic !== undefined && { pubsubTopic: request.pubsubTopic }),
  ...(request.timeStart !== undefined && { timeStartNs: request.timeStart }),
  ...(request.timeEnd !== undefined && { timeEndNs: request.timeEnd }),
  ...(request.messageHashes.length > 0 && { hashes: request.messageHashes.map(hashToHex) }),
  ...(request.paginationCursor !== undefined && { cursor: hashToHex(request.paginationCursor) }),
});

/** Bytes from a peer to a query, or the reason for a 400. Never throws. */
export const parseStoreRequest = (bytes: Uint8Array): Result<StoreRequest, StoreRequestRejection> => {
  let request: proto_store.StoreQueryRequest;
  try {
    request = proto_store.StoreQueryRequest.decode(bytes);
  } catch (error) {
    return reject(
      '',
      `malformed StoreQueryRequest: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const problem = firstProblem(request);
  if (problem !== undefined) return reject(request.requestId, problem);
  return ok({
    requestId: request.requestId,
    includeData: request.includeData,
    query: toArchiveQuery(request),
  });
};
