import type { proto_store } from '@waku/proto';
import type { StoreArchive, StorePage } from './archive.js';
import { hexToHash, toStoreWakuMessage } from './store-message.js';
import { StoreStatus } from './store-protocol.js';
import { parseStoreRequest } from './store-request.js';

const TIMED_OUT = Symbol('timed out');

const withDeadline = async <T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> => {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    // Unref'd: an archive query that never settles must not keep a stopped process alive.
    timer = setTimeout(() => resolve(TIMED_OUT), ms).unref();
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
};

export const statusResponse = (
  requestId: string,
  statusCode: StoreStatus,
  statusDesc: string,
): proto_store.StoreQueryResponse => ({ requestId, statusCode, statusDesc, messages: [] });

const pageResponse = (
  requestId: string,
  page: StorePage,
  includeData: boolean,
): proto_store.StoreQueryResponse => ({
  requestId,
  statusCode: StoreStatus.OK,
  statusDesc: 'OK',
  // 13/WAKU2-STORE v3: hash keys always, values only when include_data is set.
  messages: page.messages.map(({ hash, pubsubTopic, message }) =>
    includeData
      ? { messageHash: hexToHash(hash), pubsubTopic, message: toStoreWakuMessage(message) }
      : { messageHash: hexToHash(hash) },
  ),
  ...(page.nextCursor !== undefined && { paginationCursor: hexToHash(page.nextCursor) }),
});

export interface StoreAnswer {
  readonly response: proto_store.StoreQueryResponse;
  /** Why the answer is a 500, for our logs only: the peer is told no more than "archive unavailable". */
  readonly internalError?: string;
}

const archiveUnavailable = (requestId: string, internalError: string): StoreAnswer => ({
  response: statusResponse(requestId, StoreStatus.INTERNAL_ERROR, 'archive unavailable'),
  internalError,
});

/** The answer to one request's bytes: 200 with a page, 400 for a bad request, 500 when the archive fails. Never rejects. */
export const answerStoreQuery = async (
  bytes: Uint8Array,
  archive: StoreArchive,
  archiveTimeoutMs: number,
): Promise<StoreAnswer> => {
  const parsed = parseStoreRequest(bytes);
  if (!parsed.ok)
    return {
      response: statusResponse(parsed.error.requestId, StoreStatus.BAD_REQUEST, parsed.error.description),
    };
  const { requestId, includeData, query } = parsed.value;
  try {
    const page = await withDeadline(archive.query(query), archiveTimeoutMs);
    if (page === TIMED_OUT)
      return archiveUnavailable(requestId, `archive did not answer in ${archiveTimeoutMs} ms`);
    return { response: pageResponse(requestId, page, includeData) };
  } catch (error) {
    return archiveUnavailable(requestId, error instanceof Error ? error.message : String(error));
  }
};
